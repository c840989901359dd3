"""/api/v1/awards: commendation rounds, the one router the API adds; each part of a round adds its own."""

from __future__ import annotations

from ninja import Router

from thidua.awards.consultation.api import router as consultation_router
from thidua.awards.council.api import router as council_router
from thidua.awards.decisions.api import router as decisions_router
from thidua.awards.history.api import router as history_router
from thidua.awards.honour.api import router as honour_router
from thidua.awards.nominations.api import router as nominations_router
from thidua.awards.rounds.api import router as rounds_router

router = Router(tags=["awards"])
for part in (
    rounds_router,
    history_router,
    honour_router,
    consultation_router,
    council_router,
    nominations_router,
    decisions_router,
):
    router.add_router("/", part)
