"""Writes of commendation rounds: the round, its award forms, its status, the emulation movements.

Every function is keyword-only, authorizes its actor first (``thidua.accounts.permissions.authorize``),
runs in one transaction with its audit row, and refuses bad input with a ``DomainError`` naming what
is wrong, changing nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.accounts.permissions import authorize
from thidua.audit.services import audit_record, snapshot
from thidua.awards import rules
from thidua.awards.models import (
    AreaMovement,
    AwardForm,
    FormKind,
    Movement,
    Organ,
    PassRule,
    Round,
    RoundStatus,
    Subject,
)
from thidua.awards.rounds.candidates import round_parameters
from thidua.awards.rounds.workflow import ROUND_WORKFLOW
from thidua.errors import DomainError
from thidua.units.models import Level, Unit
from thidua.workflow import transition

S = RoundStatus

# Forms are set up while the round is a draft: once nominations open, the criteria are what the
# communes nominate against.
FORM_EDITABLE = (S.DRAFT,)
FIRST_YEAR = 1995  # the campaign started in 1995
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

DEFAULT_MOVEMENTS: tuple[tuple[str, str], ...] = (
    ("an-ninh-trat-tu", "Khu dân cư tự quản về an ninh trật tự"),
    ("gia-dinh-suc-khoe", "Gia đình sức khỏe"),
    ("an-toan-giao-thong", "An toàn giao thông"),
    ("nong-thon-moi", "Xây dựng nông thôn mới"),
    ("do-thi-van-minh", "Đô thị văn minh"),
    ("den-chieu-sang-ngo-hem", "Đèn điện chiếu sáng ngõ hẻm"),
    ("xanh-sach-dep", "Khu dân cư xanh – sạch – đẹp"),
    ("tu-quan-via-he", "Tự quản hành lang vỉa hè"),
)


def person_of(actor: User) -> User | None:
    """The actor as the user a row records (``created_by`` …): none for thidua's own system actor."""
    return actor if actor.pk is not None else None


# --- rounds ----------------------------------------------------------------------------------------


def _check_period(start: int, end: int) -> None:
    this_year = datetime.date.today().year
    for year in (start, end):
        if not FIRST_YEAR <= year <= this_year + 1:
            raise DomainError(
                _("The year %(year)s is outside %(first)s–%(last)s."), year=year, first=FIRST_YEAR, last=this_year + 1
            )
    if end < start:
        raise DomainError(_("The period %(start)s–%(end)s ends before it starts."), start=start, end=end)


def round_create(
    *,
    name: str,
    issuer: Unit,
    organ: str,
    period_start: int,
    period_end: int,
    nominations_due: datetime.date | None = None,
    actor: User,
) -> Round:
    authorize(actor, "awards.manage_round", issuer)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("A round needs a name."))
    if issuer.level == Level.AREA:
        raise DomainError(
            _("A residential area does not run commendation rounds: choose a commune, district or province.")
        )
    if organ not in Organ.values:
        raise DomainError(_("Unknown issuing organ %(organ)s."), organ=organ)
    _check_period(period_start, period_end)
    with transaction.atomic():
        round = Round.objects.create(
            name=name,
            issuer=issuer,
            organ=organ,
            period_start=period_start,
            period_end=period_end,
            nominations_due=nominations_due,
            created_by=person_of(actor),
        )
        audit_record(actor=actor, action="awards.round_create", obj=round, after=snapshot(round))
    return round


def round_update(
    *, round: Round, name: str | None = None, nominations_due: datetime.date | None = None, actor: User
) -> Round:
    authorize(actor, "awards.manage_round", round)
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        before = snapshot(round, ["name", "nominations_due"])
        if name is not None:
            if not name.strip():
                raise DomainError(_("A round needs a name."))
            round.name = name.strip()
        if nominations_due is not None:
            round.nominations_due = nominations_due
        round.save(update_fields=["name", "nominations_due"])
        audit_record(
            actor=actor, action="awards.round_update", obj=round, before=before, after=snapshot(round, before.keys())
        )
    return round


def round_status_set(*, round: Round, to: str, actor: User, reason: str = "") -> Round:
    """Move a round along its table (``ROUND_WORKFLOW``); any other move is refused."""
    authorize(actor, "awards.manage_round", round)
    if to not in S.values:
        raise DomainError(_("Unknown status of a round %(status)s."), status=to)
    return transition(ROUND_WORKFLOW, round, to=to, actor=actor, reason=reason)


# --- award forms -----------------------------------------------------------------------------------


def _share(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        share = Fraction(value)
    except (ValueError, ZeroDivisionError):
        share = Fraction(-1)
    if not 0 < share <= 1:
        raise DomainError(
            _("%(field)s must be a share above 0 and at most 1 (“0.15”, “2/3”), not “%(value)s”."),
            field=field,
            value=value,
        )
    return value


def _form_values(round: Round, values: dict[str, Any]) -> dict[str, Any]:
    """The fields of a form checked; a DomainError names the first bad one."""
    code = str(values["code"] or "").strip()
    if not _CODE.match(code):
        raise DomainError(
            _("The code of a form is lower-case letters, digits, “-” and “_”, not “%(code)s”."), code=code
        )
    if not str(values["name"] or "").strip():
        raise DomainError(_("A form needs a name."))
    if values["subject"] not in Subject.values:
        raise DomainError(_("Unknown subject of a form %(subject)s."), subject=values["subject"])
    if values["kind"] not in FormKind.values:
        raise DomainError(_("Unknown kind of a form %(kind)s."), kind=values["kind"])
    if not str(values["awarding_body"] or "").strip():
        raise DomainError(_("A form needs the body that awards it."))
    rank = values["rank"]
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 0:
        raise DomainError(_("The rank of a form is a whole number from 0, not %(rank)s."), rank=rank)
    if not isinstance(values["criteria"], Mapping):
        raise DomainError(_("The criteria of a form are a set of named values."))
    tiers = round_parameters(round).get("mttq_tiers") or []
    criteria = rules.criteria_clean(
        values["subject"], values["criteria"], period=round.period_end - round.period_start + 1, tiers=tiers
    )
    count = values["quota_count"]
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        raise DomainError(_("The quota count is a whole number from 0, not %(count)s."), count=count)
    quota_share = _share(values["quota_share"], str(_("The quota share")))
    if values["quota_rounding"] not in rules.QUOTA_ROUNDINGS:
        raise DomainError(
            _("Unknown rounding %(rounding)s; the roundings are: %(roundings)s."),
            rounding=values["quota_rounding"],
            roundings=", ".join(rules.QUOTA_ROUNDINGS),
        )
    tie_break = list(values["tie_break"] or ())
    for key in tie_break:
        if key not in rules.TIE_BREAKS:
            raise DomainError(
                _("Unknown tie-break %(key)s; the tie-breaks are: %(keys)s."), key=key, keys=", ".join(rules.TIE_BREAKS)
            )
    if values["pass_rule"] not in PassRule.values:
        raise DomainError(_("Unknown pass threshold %(rule)s."), rule=values["pass_rule"])
    pass_share = _share(values["pass_share"], str(_("The pass share")))
    if values["pass_rule"] != PassRule.MORE_THAN_HALF and not pass_share:
        raise DomainError(_("This pass threshold needs its share (“0.7”, “2/3”)."))
    return {
        **values,
        "code": code,
        "name": str(values["name"]).strip(),
        "awarding_body": str(values["awarding_body"]).strip(),
        "criteria": criteria,
        "quota_share": quota_share,
        "tie_break": tie_break,
        "pass_share": pass_share if values["pass_rule"] != PassRule.MORE_THAN_HALF else "",
    }


def _editable(round: Round) -> None:
    if round.status not in FORM_EDITABLE:
        raise DomainError(
            _("The forms of a round are set while it is a draft; this round is “%(status)s”."),
            status=S(round.status).label,
        )


FORM_FIELDS = (
    "code",
    "name",
    "subject",
    "kind",
    "awarding_body",
    "rank",
    "criteria",
    "quota_count",
    "quota_share",
    "quota_rounding",
    "tie_break",
    "pass_rule",
    "pass_share",
)


def award_form_add(
    *,
    round: Round,
    code: str,
    name: str,
    subject: str,
    kind: str,
    awarding_body: str,
    rank: int,
    criteria: Mapping[str, Any],
    quota_count: int | None = None,
    quota_share: str = "",
    quota_rounding: str = "floor",
    tie_break: Sequence[str] = (),
    pass_rule: str = PassRule.MORE_THAN_HALF,
    pass_share: str = "",
    actor: User,
) -> AwardForm:
    authorize(actor, "awards.manage_round", round)
    values = _form_values(
        round,
        {
            "code": code,
            "name": name,
            "subject": subject,
            "kind": kind,
            "awarding_body": awarding_body,
            "rank": rank,
            "criteria": criteria,
            "quota_count": quota_count,
            "quota_share": quota_share,
            "quota_rounding": quota_rounding,
            "tie_break": tie_break,
            "pass_rule": pass_rule,
            "pass_share": pass_share,
        },
    )
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        _editable(round)
        if round.forms.filter(code=values["code"]).exists():
            raise DomainError(_("The round already has a form with the code %(code)s."), code=values["code"])
        form = AwardForm.objects.create(round=round, **values)
        audit_record(actor=actor, action="awards.award_form_add", obj=form, after=snapshot(form))
    return form


def award_form_update(*, form: AwardForm, actor: User, **changes: Any) -> AwardForm:
    authorize(actor, "awards.manage_round", form.round)
    unknown = set(changes) - set(FORM_FIELDS)
    if unknown:
        raise DomainError(_("A form has no field %(fields)s."), fields=", ".join(sorted(unknown)))
    with transaction.atomic():
        form = AwardForm.objects.select_for_update().select_related("round").get(pk=form.pk)
        _editable(form.round)
        current = {f: getattr(form, f) for f in FORM_FIELDS}
        values = _form_values(form.round, {**current, **changes})
        if values["code"] != form.code and form.round.forms.filter(code=values["code"]).exists():
            raise DomainError(_("The round already has a form with the code %(code)s."), code=values["code"])
        before = snapshot(form, FORM_FIELDS)
        for name, value in values.items():
            setattr(form, name, value)
        form.save()
        audit_record(
            actor=actor, action="awards.award_form_update", obj=form, before=before, after=snapshot(form, FORM_FIELDS)
        )
    return form


def award_form_delete(*, form: AwardForm, actor: User) -> None:
    authorize(actor, "awards.manage_round", form.round)
    with transaction.atomic():
        form = AwardForm.objects.select_for_update().select_related("round").get(pk=form.pk)
        _editable(form.round)
        audit_record(actor=actor, action="awards.award_form_delete", obj=form, before=snapshot(form))
        form.delete()


# --- movements -------------------------------------------------------------------------------------


def movement_create(*, code: str, name: str, description: str = "", actor: User) -> Movement:
    authorize(actor, "awards.manage_movements")
    code, name = (code or "").strip(), (name or "").strip()
    if not _CODE.match(code):
        raise DomainError(
            _("The code of a movement is lower-case letters, digits, “-” and “_”, not “%(code)s”."), code=code
        )
    if not name:
        raise DomainError(_("A movement needs a name."))
    with transaction.atomic():
        if Movement.objects.filter(code=code).exists():
            raise DomainError(_("A movement with the code %(code)s already exists."), code=code)
        movement = Movement.objects.create(code=code, name=name, description=description.strip())
        audit_record(actor=actor, action="awards.movement_create", obj=movement, after=snapshot(movement))
    return movement


def movements_load_defaults(*, actor: User) -> int:
    """Add the usual emulation movements the catalogue lacks (by code); returns how many were added."""
    authorize(actor, "awards.manage_movements")
    with transaction.atomic():
        have = set(Movement.objects.values_list("code", flat=True))
        added = [Movement(code=code, name=name) for code, name in DEFAULT_MOVEMENTS if code not in have]
        Movement.objects.bulk_create(added)
        audit_record(actor=actor, action="awards.movements_load_defaults", after={"added": [m.code for m in added]})
    return len(added)


def area_movement_record(
    *, area: Unit, year: int, movement: Movement, description: str = "", actor: User
) -> AreaMovement:
    """That an area tied the campaign to a movement in a year, with what it did (recorded again: updated)."""
    authorize(actor, "awards.record_movement", area)
    if area.level != Level.AREA:
        raise DomainError(_("Movements are recorded for a residential area, not for %(unit)s."), unit=area.full_name)
    this_year = datetime.date.today().year
    if not FIRST_YEAR <= year <= this_year:
        raise DomainError(
            _("The year %(year)s is outside %(first)s–%(last)s."), year=year, first=FIRST_YEAR, last=this_year
        )
    if not movement.active:
        raise DomainError(_("The movement %(movement)s is no longer active."), movement=movement.name)
    with transaction.atomic():
        row, created = AreaMovement.objects.select_for_update().get_or_create(
            area=area, year=year, movement=movement, defaults={"description": description.strip()}
        )
        before = {} if created else {"description": row.description}
        if not created:
            row.description = description.strip()
            row.save(update_fields=["description"])
        audit_record(
            actor=actor,
            action="awards.area_movement_record",
            obj=area,
            before=before,
            after={"year": year, "movement": movement.code, "description": row.description},
        )
    return row


def area_movement_delete(*, row: AreaMovement, actor: User) -> None:
    authorize(actor, "awards.record_movement", row.area)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="awards.area_movement_delete",
            obj=row.area,
            before={"year": row.year, "movement": row.movement.code, "description": row.description},
        )
        row.delete()
