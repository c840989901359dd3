"""/api/v1/awards: rounds, their award forms and status, the candidates with their reasons, the check
of one subject, and the emulation movements — through the same selectors, services and permissions
as the pages. A round or unit outside the user's reach is a 404; a refused operation a 400 whose
``detail`` is the message in Vietnamese and English."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from thidua.accounts.permissions import has_permission
from thidua.api.schemas import refused as _refused
from thidua.awards import rules
from thidua.awards.models import AwardForm, Movement, PassRule, Round
from thidua.awards.rounds import selectors, services
from thidua.awards.rounds.selectors import CandidateRow
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to

router = Router(tags=["awards"])


class RoundErrorOut(Schema):
    detail: str


class FormOut(Schema):
    id: int
    code: str
    name: str
    subject: str
    kind: str
    awarding_body: str
    rank: int
    criteria: dict[str, Any]
    criteria_text: list[str]
    quota_count: int | None
    quota_share: str
    quota_rounding: str
    tie_break: list[str]
    pass_rule: str
    pass_share: str


class RoundOut(Schema):
    id: int
    name: str
    issuer_id: int
    issuer: str
    organ: str
    period_start: int
    period_end: int
    status: str
    status_label: str
    nominations_due: datetime.date | None
    next_statuses: list[str]
    forms: list[FormOut]


class RoundIn(Schema):
    name: str
    issuer_id: int
    organ: str = "ubnd"
    period_start: int
    period_end: int
    nominations_due: datetime.date | None = None


class FormIn(Schema):
    code: str
    name: str
    subject: str
    kind: str = "give"
    awarding_body: str
    rank: int = 0
    criteria: dict[str, Any] = {}
    quota_count: int | None = None
    quota_share: str = ""
    quota_rounding: str = "floor"
    tie_break: list[str] = []
    pass_rule: str = PassRule.MORE_THAN_HALF
    pass_share: str = ""


class FormPatch(Schema):
    code: str | None = None
    name: str | None = None
    subject: str | None = None
    kind: str | None = None
    awarding_body: str | None = None
    rank: int | None = None
    criteria: dict[str, Any] | None = None
    quota_count: int | None = None
    quota_share: str | None = None
    quota_rounding: str | None = None
    tie_break: list[str] | None = None
    pass_rule: str | None = None
    pass_share: str | None = None


class StatusIn(Schema):
    to: str
    reason: str = ""


class CheckOut(Schema):
    rule: str
    passed: bool
    detail: str


class CandidateOut(Schema):
    form: str
    subject: str
    area_id: int | None
    person_id: int | None
    name: str
    person_area: str
    commune: str
    eligible: bool
    checks: list[CheckOut]
    evidence: dict[str, Any]
    already_awarded: list[str]


class MovementOut(Schema):
    id: int
    code: str
    name: str
    description: str
    active: bool


class MovementIn(Schema):
    code: str
    name: str
    description: str = ""


class AreaMovementOut(Schema):
    area_id: int
    year: int
    movement: str
    movement_name: str
    description: str


class AreaMovementIn(Schema):
    year: int
    movement: str  # its code
    description: str = ""


def _form_out(form: AwardForm) -> dict[str, Any]:
    return {
        **{f: getattr(form, f) for f in services._FORM_FIELDS},
        "id": form.pk,
        "criteria_text": rules.criteria_lines(form.subject, form.criteria or {}),
    }


def _round_out(round: Round, user: Any) -> dict[str, Any]:
    may_manage = has_permission("awards.manage_round", user, round)[0]
    return {
        "id": round.pk,
        "name": round.name,
        "issuer_id": round.issuer_id,
        "issuer": round.issuer.full_name,
        "organ": round.organ,
        "period_start": round.period_start,
        "period_end": round.period_end,
        "status": round.status,
        "status_label": str(round.get_status_display()),
        "nominations_due": round.nominations_due,
        "next_statuses": list(services.round_next_statuses(round)) if may_manage else [],
        "forms": [_form_out(f) for f in selectors.round_forms(round)],
    }


def _round(request: HttpRequest, round_id: int) -> Round:
    return get_object_or_404(selectors.rounds_visible_to(request.user), pk=round_id)


def _candidate_out(row: CandidateRow) -> dict[str, Any]:
    return row.as_dict()


ROUND = {200: RoundOut, 400: RoundErrorOut, 403: RoundErrorOut, 404: RoundErrorOut}


@router.get("/rounds", response=list[RoundOut])
def round_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_round_out(r, request.user) for r in selectors.rounds_visible_to(request.user)]


@router.post("/rounds", response={201: RoundOut, 400: RoundErrorOut, 403: RoundErrorOut, 404: RoundErrorOut})
def round_create(request: HttpRequest, payload: RoundIn) -> Status:
    issuer = get_object_or_404(units_visible_to(request.user), pk=payload.issuer_id)  # type: ignore[arg-type]
    allowed, reason = has_permission("awards.manage_round", request.user, issuer)
    if not allowed:
        return Status(403, {"detail": reason})
    try:
        round = services.round_create(actor=request.user, **payload.dict(exclude={"issuer_id"}), issuer=issuer)
    except DomainError as exc:
        return _refused(exc)
    return Status(201, _round_out(round, request.user))


@router.get("/rounds/{round_id}", response=ROUND)
def round_detail(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return _round_out(_round(request, round_id), request.user)


@router.post(
    "/rounds/{round_id}/forms", response={201: FormOut, 400: RoundErrorOut, 403: RoundErrorOut, 404: RoundErrorOut}
)
def form_add(request: HttpRequest, round_id: int, payload: FormIn) -> Status:
    round = _round(request, round_id)
    allowed, reason = has_permission("awards.manage_round", request.user, round)
    if not allowed:
        return Status(403, {"detail": reason})
    try:
        form = services.award_form_add(round=round, actor=request.user, **payload.dict())
    except DomainError as exc:
        return _refused(exc)
    return Status(201, _form_out(form))


@router.patch("/forms/{form_id}", response={200: FormOut, 400: RoundErrorOut, 403: RoundErrorOut, 404: RoundErrorOut})
def form_update(request: HttpRequest, form_id: int, payload: FormPatch) -> Any:
    rounds = selectors.rounds_visible_to(request.user)
    form = get_object_or_404(AwardForm.objects.filter(round__in=rounds).select_related("round"), pk=form_id)
    allowed, reason = has_permission("awards.manage_round", request.user, form.round)
    if not allowed:
        return Status(403, {"detail": reason})
    try:
        form = services.award_form_update(form=form, actor=request.user, **payload.dict(exclude_unset=True))
    except DomainError as exc:
        return _refused(exc)
    return _form_out(form)


@router.post("/rounds/{round_id}/status", response=ROUND)
def round_status(request: HttpRequest, round_id: int, payload: StatusIn) -> Any:
    round = _round(request, round_id)
    allowed, reason = has_permission("awards.manage_round", request.user, round)
    if not allowed:
        return Status(403, {"detail": reason})
    try:
        round = services.round_status_set(round=round, to=payload.to, reason=payload.reason, actor=request.user)
    except DomainError as exc:
        return _refused(exc)
    return _round_out(round, request.user)


@router.get("/rounds/{round_id}/candidates", response={200: list[CandidateOut], 404: RoundErrorOut})
def round_candidates(
    request: HttpRequest, round_id: int, form: Query[str] = "", unit_id: Query[int | None] = None
) -> list[dict[str, Any]]:
    """Every candidate of every form (or of ``form``, a code) with ``eligible`` and its checks."""
    round = _round(request, round_id)
    award_form = get_object_or_404(round.forms, code=form) if form else None
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id) if unit_id else None  # type: ignore[arg-type]
    if unit is None and request.user.unit and request.user.unit.level > round.issuer.level:  # type: ignore[union-attr]
        unit = request.user.unit  # type: ignore[union-attr]
    return [_candidate_out(r) for r in selectors.round_candidates(round, form=award_form, unit=unit)]


@router.get(
    "/rounds/{round_id}/forms/{code}/check", response={200: CandidateOut, 400: RoundErrorOut, 404: RoundErrorOut}
)
def candidate_check(
    request: HttpRequest,
    round_id: int,
    code: str,
    area_id: Query[int | None] = None,
    person_id: Query[int | None] = None,
) -> Any:
    """Why one area or one person is (not) eligible for the form."""
    round = _round(request, round_id)
    form = get_object_or_404(round.forms, code=code)
    if (area_id is None) == (person_id is None):
        return _refused(DomainError(_("Give either an area or a person.")))
    try:
        if area_id is not None:
            area = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)  # type: ignore[arg-type]
            return _candidate_out(selectors.candidate_check(round, form, area=area))
        visible = units_visible_to(request.user)  # type: ignore[arg-type]
        person = get_object_or_404(Person.objects.filter(positions__unit__in=visible).distinct(), pk=person_id)
        return _candidate_out(selectors.candidate_check(round, form, person=person))
    except ValueError:
        return _refused(DomainError(_("This form is not for this kind of subject.")))


@router.get("/movements", response=list[MovementOut])
def movement_list(request: HttpRequest) -> Any:
    return Movement.objects.order_by("name")


@router.post("/movements", response={201: MovementOut, 400: RoundErrorOut, 403: RoundErrorOut})
def movement_create(request: HttpRequest, payload: MovementIn) -> Status:
    allowed, reason = has_permission("awards.manage_movements", request.user)
    if not allowed:
        return Status(403, {"detail": reason})
    try:
        movement = services.movement_create(actor=request.user, **payload.dict())
    except DomainError as exc:
        return _refused(exc)
    return Status(201, movement)


@router.get("/areas/{area_id}/movements", response={200: list[AreaMovementOut], 404: RoundErrorOut})
def area_movement_list(request: HttpRequest, area_id: int, year: Query[int | None] = None) -> list[dict[str, Any]]:
    area = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)  # type: ignore[arg-type]
    return [
        {
            "area_id": area.pk,
            "year": r.year,
            "movement": r.movement.code,
            "movement_name": r.movement.name,
            "description": r.description,
        }
        for r in selectors.area_movements(area, year)
    ]


@router.post(
    "/areas/{area_id}/movements",
    response={201: AreaMovementOut, 400: RoundErrorOut, 403: RoundErrorOut, 404: RoundErrorOut},
)
def area_movement_record(request: HttpRequest, area_id: int, payload: AreaMovementIn) -> Status:
    area: Unit = get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)  # type: ignore[arg-type]
    allowed, reason = has_permission("awards.record_movement", request.user, area)
    if not allowed:
        return Status(403, {"detail": reason})
    movement = Movement.objects.filter(code=payload.movement).first()
    if movement is None:
        return _refused(DomainError(_("Unknown movement %(code)s."), code=payload.movement))
    try:
        row = services.area_movement_record(
            area=area, year=payload.year, movement=movement, description=payload.description, actor=request.user
        )
    except DomainError as exc:
        return _refused(exc)
    return Status(
        201,
        {
            "area_id": area.pk,
            "year": row.year,
            "movement": movement.code,
            "movement_name": movement.name,
            "description": row.description,
        },
    )
