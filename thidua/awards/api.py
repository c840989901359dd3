"""/api/v1/awards: commendation rounds. Each part of a round adds its own router here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["awards"])

from thidua.awards.api_rounds import router as rounds_router  # noqa: E402

router.add_router("/", rounds_router)

from thidua.awards.api_history import router as history_router  # noqa: E402

router.add_router("/", history_router)

from thidua.awards.api_consultation import router as consultation_router  # noqa: E402

router.add_router("/", consultation_router)

from thidua.awards.api_council import router as council_router  # noqa: E402

router.add_router("/", council_router)

from thidua.awards.api_nominations import router as nominations_router  # noqa: E402

router.add_router("/", nominations_router)

from thidua.awards.api_decisions import router as decisions_router  # noqa: E402

router.add_router("/", decisions_router)
