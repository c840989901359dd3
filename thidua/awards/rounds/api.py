"""/api/v1/awards: rounds, their award forms and status, the candidates with their reasons, the check
of one subject, and the emulation movements — through the same selectors and services as the pages.
A round or unit outside the user's reach is a 404; a refusal answers with the API's one error shape
(``thidua.api.errors``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from thidua.accounts.models import User
from thidua.api.errors import responses
from thidua.awards import rules
from thidua.awards.models import AwardForm, Movement, PassRule, Round, Subject
from thidua.awards.rounds import candidates, services
from thidua.awards.rounds.candidates import CandidateRow, round_forms
from thidua.awards.rounds.selectors import area_movements as movements_of
from thidua.awards.rounds.selectors import get_form_for_user, get_round_for_user, rounds_visible_to
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.errors import DomainError
from thidua.http import AuthedRequest
from thidua.people.models import Person
from thidua.units.models import Level, Unit
from thidua.units.selectors import units_visible_to
from thidua.workflow import available_moves

router = Router(tags=["awards"])


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


class CandidateCheckOut(Schema):
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
    checks: list[CandidateCheckOut]
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
        **{f: getattr(form, f) for f in services.FORM_FIELDS},
        "id": form.pk,
        "criteria_text": rules.criteria_lines(form.subject, form.criteria or {}),
    }


def _round_out(round: Round, user: User) -> dict[str, Any]:
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
        "next_statuses": [target for target, _label in available_moves(ROUND_WORKFLOW, round, user)],
        "forms": [_form_out(f) for f in round_forms(round)],
    }


def _candidate_out(row: CandidateRow) -> dict[str, Any]:
    return row.as_dict()


ROUND = {200: RoundOut, **responses(400, 403, 404)}


@router.get("/rounds", response=list[RoundOut])
def round_list(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_round_out(r, request.user) for r in rounds_visible_to(request.user)]


@router.post("/rounds", response={201: RoundOut, **responses(400, 403, 404)})
def round_create(request: AuthedRequest, payload: RoundIn) -> Status:
    issuer = get_object_or_404(units_visible_to(request.user), pk=payload.issuer_id)
    round = services.round_create(actor=request.user, **payload.dict(exclude={"issuer_id"}), issuer=issuer)
    return Status(201, _round_out(round, request.user))


@router.get("/rounds/{round_id}", response=ROUND)
def round_detail(request: AuthedRequest, round_id: int) -> dict[str, Any]:
    return _round_out(get_round_for_user(request.user, round_id), request.user)


@router.post("/rounds/{round_id}/forms", response={201: FormOut, **responses(400, 403, 404)})
def form_add(request: AuthedRequest, round_id: int, payload: FormIn) -> Status:
    round = get_round_for_user(request.user, round_id)
    form = services.award_form_add(round=round, actor=request.user, **payload.dict())
    return Status(201, _form_out(form))


@router.patch("/forms/{form_id}", response={200: FormOut, **responses(400, 403, 404)})
def form_update(request: AuthedRequest, form_id: int, payload: FormPatch) -> dict[str, Any]:
    form = get_form_for_user(request.user, form_id)
    form = services.award_form_update(form=form, actor=request.user, **payload.dict(exclude_unset=True))
    return _form_out(form)


@router.post("/rounds/{round_id}/status", response=ROUND)
def round_status(request: AuthedRequest, round_id: int, payload: StatusIn) -> dict[str, Any]:
    round = get_round_for_user(request.user, round_id)
    round = services.round_status_set(round=round, to=payload.to, reason=payload.reason, actor=request.user)
    return _round_out(round, request.user)


@router.get("/rounds/{round_id}/candidates", response={200: list[CandidateOut], **responses(404)})
def round_candidates(
    request: AuthedRequest, round_id: int, form: Query[str] = "", unit_id: Query[int | None] = None
) -> list[dict[str, Any]]:
    """Every candidate of every form (or of ``form``, a code) with ``eligible`` and its checks."""
    round = get_round_for_user(request.user, round_id)
    award_form = get_object_or_404(round.forms, code=form) if form else None
    unit: Unit | None = get_object_or_404(units_visible_to(request.user), pk=unit_id) if unit_id else None
    own = request.user.unit
    if unit is None and own is not None and own.level > round.issuer.level:
        unit = own
    return [_candidate_out(r) for r in candidates.round_candidates(round, form=award_form, unit=unit)]


@router.get("/rounds/{round_id}/forms/{code}/check", response={200: CandidateOut, **responses(400, 404)})
def candidate_check(
    request: AuthedRequest,
    round_id: int,
    code: str,
    area_id: Query[int | None] = None,
    person_id: Query[int | None] = None,
) -> dict[str, Any]:
    """Why one area or one person is (not) eligible for the form."""
    round = get_round_for_user(request.user, round_id)
    form = get_object_or_404(round.forms, code=code)
    if (area_id is None) == (person_id is None):
        raise DomainError(_("Give either an area or a person."))
    if (form.subject == Subject.AREA) != (area_id is not None):
        raise DomainError(_("This form is not for this kind of subject."))
    visible = units_visible_to(request.user)
    if area_id is not None:
        area = get_object_or_404(visible.filter(level=Level.AREA), pk=area_id)
        return _candidate_out(candidates.candidate_check(round, form, area=area))
    person = get_object_or_404(Person.objects.filter(positions__unit__in=visible).distinct(), pk=person_id)
    return _candidate_out(candidates.candidate_check(round, form, person=person))


@router.get("/movements", response=list[MovementOut])
def movement_list(request: AuthedRequest) -> Any:
    return Movement.objects.order_by("name")


@router.post("/movements", response={201: MovementOut, **responses(400, 403)})
def movement_create(request: AuthedRequest, payload: MovementIn) -> Status:
    return Status(201, services.movement_create(actor=request.user, **payload.dict()))


def _area(request: AuthedRequest, area_id: int) -> Unit:
    return get_object_or_404(units_visible_to(request.user).filter(level=Level.AREA), pk=area_id)


@router.get("/areas/{area_id}/movements", response={200: list[AreaMovementOut], **responses(404)})
def area_movement_list(request: AuthedRequest, area_id: int, year: Query[int | None] = None) -> list[dict[str, Any]]:
    area = _area(request, area_id)
    return [
        {
            "area_id": area.pk,
            "year": r.year,
            "movement": r.movement.code,
            "movement_name": r.movement.name,
            "description": r.description,
        }
        for r in movements_of(area, year)
    ]


@router.post("/areas/{area_id}/movements", response={201: AreaMovementOut, **responses(400, 403, 404)})
def area_movement_record(request: AuthedRequest, area_id: int, payload: AreaMovementIn) -> Status:
    area = _area(request, area_id)
    movement = Movement.objects.filter(code=payload.movement).first()
    if movement is None:
        raise DomainError(_("Unknown movement %(code)s."), code=payload.movement, column="movement")
    row = services.area_movement_record(
        area=area, year=payload.year, movement=movement, description=payload.description, actor=request.user
    )
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
