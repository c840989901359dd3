"""/api/v1/evaluations/communes/{id}/{year}/areas: the commune's dossier of cultural areas, its areas'
self-assessments and the Front's evaluation, through the same selectors and services as the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from thidua.accounts.permissions import authorize
from thidua.api.errors import responses
from thidua.evaluations.deadlines.selectors import dossier_due_dates
from thidua.evaluations.kdc import selectors
from thidua.evaluations.kdc.services import kdc_front_evaluations_record, kdc_self_assessments_record
from thidua.evaluations.models import AreaYear, Dossier
from thidua.evaluations.selectors import title_exception_out
from thidua.evaluations.workflow import DOSSIER
from thidua.http import AuthedRequest
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to
from thidua.workflow import available_moves

router = Router(tags=["evaluations"])


class AreaCheckOut(Schema):
    """One check of the rules on an area's title, with its reason."""

    rule: str
    passed: bool
    detail: str


class AreaMeetingOut(Schema):
    held_on: datetime.date
    convened: int
    present: int
    ballot: str
    chair: str
    front_head: str
    # NĐ 86/2023 Điều 8 k2: the commune publishes the list of areas (its website or otherwise).
    posted_from: datetime.date | None = None
    posted_until: datetime.date | None = None


class DueDateOut(Schema):
    rule: str
    text: str
    start: datetime.date
    due: datetime.date
    done_on: datetime.date | None
    late: bool


class KdcDossierOut(Schema):
    id: int
    status: str
    status_label: str
    decision: str | None
    transitions: list[str]
    due_dates: list[DueDateOut]


class KdcAreaOut(Schema):
    area_id: int
    code: str
    area: str
    line_id: int | None
    registered_on: datetime.date | None
    households: int
    gdvh_households: int
    gdvh_share: float | None
    self_assessment: dict[str, str]
    points: Decimal | None
    votes_for: int | None
    proposed: bool | None
    outcome: bool | None
    checks: list[AreaCheckOut]
    titled: bool | None
    revoked_on: datetime.date | None
    mttq_points: Decimal | None
    mttq_tier: str
    front_head_grade: str
    # Titled by the decision although the commune's screening and vote did not carry it.
    exception: dict[str, Any] | None = None


class KdcYearOut(Schema):
    commune_id: int
    commune: str
    year: int
    meeting: AreaMeetingOut | None
    dossier: KdcDossierOut | None
    areas: list[KdcAreaOut]


class SelfAssessmentIn(Schema):
    line_id: int
    scores: dict[int, str]


class FrontEvaluationIn(Schema):
    line_id: int
    points: str
    front_head_grade: str = ""


class KdcEntryOut(Schema):
    detail: str
    counts: dict[str, int] = {}


def _commune(request: AuthedRequest, pk: int) -> Unit:
    commune = get_object_or_404(units_visible_to(request.user).filter(level=Level.COMMUNE), pk=pk)
    authorize(request.user, "evaluations.view_year", commune)
    return commune


def _kdc_area_out(row: selectors.KdcLine) -> dict[str, Any]:
    line = row.line
    return {
        "area_id": row.area.pk,
        "code": row.area.code,
        "area": row.area.full_name,
        "line_id": line.pk if line else None,
        "registered_on": line.registered_on if line else None,
        "households": row.households,
        "gdvh_households": row.gdvh_households,
        "gdvh_share": row.gdvh_share,
        "self_assessment": dict(line.self_assessment or {}) if line else {},
        "points": line.points if line else None,
        "votes_for": line.votes_for if line else None,
        "proposed": line.proposed if line else None,
        "outcome": bool(row.result.outcome) if row.result else None,
        "checks": [check.as_dict() for check in row.result.checks] if row.result else [],
        "titled": line.titled if line else None,
        "revoked_on": line.revoked_on if line else None,
        "mttq_points": line.mttq_points if line else None,
        "mttq_tier": line.mttq_tier if line else "",
        "front_head_grade": line.front_head_grade if line else "",
        "exception": title_exception_out(row.exception),
    }


def _dossier_out(request: AuthedRequest, dossier: Dossier | None) -> dict[str, Any] | None:
    if dossier is None:
        return None
    today = timezone.localdate()
    return {
        "id": dossier.pk,
        "status": dossier.status,
        "status_label": dossier.get_status_display(),
        "decision": str(dossier.decision) if dossier.decision else None,
        "transitions": [target for target, _label in available_moves(DOSSIER, dossier, request.user)],
        "due_dates": [
            {
                "rule": due.rule.key,
                "text": due.describe(),
                "start": due.start,
                "due": due.due,
                "done_on": due.done_on,
                "late": due.is_late(today),
            }
            for due in dossier_due_dates(dossier)
        ],
    }


@router.get("/communes/{commune_id}/{year}/areas", response={200: KdcYearOut, **responses(403, 404)})
def kdc_year(request: AuthedRequest, commune_id: int, year: int) -> dict[str, Any]:
    """The commune's dossier of cultural areas: its areas with their results, the dossier's status,
    the moves open to the user and its working-day deadlines."""
    commune = _commune(request, commune_id)
    view = selectors.kdc_year(commune, year)
    return {
        "commune_id": commune.pk,
        "commune": commune.full_name,
        "year": year,
        "meeting": view.meeting,
        "dossier": _dossier_out(request, view.dossier),
        "areas": [_kdc_area_out(row) for row in view.lines],
    }


def _lines(commune: Unit, year: int, ids: list[int]) -> list[AreaYear]:
    """The registered lines of the commune's areas named by ``ids``, in that order; 404 for any other."""
    ours = selectors.registered_lines(commune, year)
    if not set(ids) <= set(ours):
        raise Http404
    return [ours[pk] for pk in ids]


ENTRY = {200: KdcEntryOut, **responses(400, 403, 404)}


@router.post("/communes/{commune_id}/{year}/areas/self-assessment", response=ENTRY)
def kdc_self_assessment(
    request: AuthedRequest, commune_id: int, year: int, payload: list[SelfAssessmentIn]
) -> dict[str, Any]:
    """The self-assessment (points of each of the five contents) of several areas, all or nothing."""
    commune = _commune(request, commune_id)
    lines = _lines(commune, year, [entry.line_id for entry in payload])
    entries = [(line, dict(entry.scores)) for line, entry in zip(lines, payload, strict=True)]
    count = kdc_self_assessments_record(commune=commune, entries=entries, actor=request.user)
    return {"detail": "ok", "counts": {"recorded": count}}


@router.post("/communes/{commune_id}/{year}/areas/front-evaluation", response=ENTRY)
def kdc_front_evaluation(
    request: AuthedRequest, commune_id: int, year: int, payload: list[FrontEvaluationIn]
) -> dict[str, Any]:
    """The Front's evaluation (points → tier, the grade of the Trưởng ban) of several areas, all or nothing."""
    commune = _commune(request, commune_id)
    lines = _lines(commune, year, [entry.line_id for entry in payload])
    entries = [(line, e.points, e.front_head_grade) for line, e in zip(lines, payload, strict=True)]
    count = kdc_front_evaluations_record(commune=commune, entries=entries, actor=request.user)
    return {"detail": "ok", "counts": {"recorded": count}}
