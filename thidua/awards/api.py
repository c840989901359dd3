"""/api/v1/awards: commendation rounds. Each part of a round adds its own router here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["awards"])
