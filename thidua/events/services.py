"""Writes of a conference: create it, invite the awarded and the guests, check people in at the desk."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor, person_of
from thidua.audit.services import audit_record
from thidua.awards.models import Award, AwardDecision, ProposalStatus, Round
from thidua.errors import DomainError, DomainErrors
from thidua.events.models import Conference, Invitation, InviteeKind
from thidua.lib.text import fold
from thidua.people.models import PositionKind
from thidua.people.selectors import position_holder
from thidua.units.models import Unit
from thidua.units.selectors import unit_ancestors, unit_name_at

# Letters and digits that cannot be misread on paper (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def _code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            taken.add(code)
            return code


def _agenda(items: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The programme as a clean list; each line needs a time ("08:00") and what happens."""
    errors: list[DomainError] = []
    clean: list[dict[str, str]] = []
    for row, item in enumerate(items, start=1):
        time, what = str(item.get("time", "")).strip(), str(item.get("item", "")).strip()
        try:
            datetime.time.fromisoformat(time)
        except ValueError:
            errors.append(DomainError(_("The time %(time)s is not a time (08:00)."), row=row, column="time", time=time))
        if not what:
            errors.append(DomainError(_("Say what happens at this time."), row=row, column="item"))
        clean.append({"time": time, "item": what, "by": str(item.get("by", "")).strip()})
    if errors:
        raise DomainErrors(errors)
    return clean


def _presiders(items: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    errors: list[DomainError] = []
    clean: list[dict[str, str]] = []
    for row, item in enumerate(items, start=1):
        name, position = str(item.get("name", "")).strip(), str(item.get("position", "")).strip()
        if not name:
            errors.append(DomainError(_("A presiding member needs a name."), row=row, column="name"))
        clean.append({"name": name, "position": position})
    if errors:
        raise DomainErrors(errors)
    return clean


def conference_create(
    *,
    organizer: Unit,
    name: str,
    starts_at: datetime.datetime,
    place: str,
    agenda: Sequence[Mapping[str, Any]] = (),
    presiders: Sequence[Mapping[str, Any]] = (),
    round: Round | None = None,
    actor: Actor,
) -> Conference:
    authorize(actor, "events.manage_conference", organizer)
    if not name.strip() or not place.strip():
        raise DomainError(_("A conference needs a name and a place."))
    if round is not None and round.issuer_id != organizer.pk:
        raise DomainError(
            _("The conference of a round is organized by the round's issuing unit, %(unit)s."),
            unit=round.issuer.full_name,
        )
    with transaction.atomic():
        conference = Conference.objects.create(
            organizer=organizer,
            name=name.strip(),
            starts_at=starts_at,
            place=place.strip(),
            agenda=_agenda(agenda),
            presiders=_presiders(presiders),
            round=round,
            created_by=person_of(actor),
        )
        audit_record(actor=actor, action="events.conference_create", obj=conference, after={"name": conference.name})
    return conference


def _place_of(area: Unit, day: datetime.date) -> str:
    """ "tổ 8A, phường Đức Xuân": the area and its commune with the names of that day."""
    chain = unit_ancestors(area, as_of=min(day, area.valid_to or day))
    names = [unit_name_at(unit, day) for unit in chain[-2:]]
    return ", ".join(reversed(names))


def _awards_of(round: Round) -> list[Award]:
    """The awards of the round that stand: its decisions' and the higher bodies' on its proposals."""
    decisions = AwardDecision.objects.filter(round=round, revoked_on__isnull=True)
    return list(
        Award.objects.filter(revoked_on__isnull=True)
        .filter(Q(decision__in=decisions) | Q(proposal__round=round, proposal__status=ProposalStatus.DECIDED))
        .select_related("area", "person", "form", "nomination__person_area")
        .order_by("form__rank", "id")
    )


def invitations_from_awards(*, conference: Conference, actor: Actor) -> dict[str, int]:
    """Invite everyone the round awarded: an area through its Trưởng ban công tác Mặt trận on the day.

    Run again after a late award, it adds only the missing invitations.
    """
    authorize(actor, "events.manage_conference", conference.organizer)
    if conference.round is None:
        raise DomainError(_("This conference is not tied to a commendation round."))
    day = timezone.localtime(conference.starts_at).date()
    with transaction.atomic():
        invited = set(conference.invitations.filter(award__isnull=False).values_list("award_id", flat=True))
        taken = set(conference.invitations.values_list("code", flat=True))
        new: list[Invitation] = []
        for award in _awards_of(conference.round):
            if award.pk in invited:
                continue
            if award.area is not None:
                holder = position_holder(award.area, PositionKind.TRUONG_BAN_BCTMT, day)
                name = holder.person.full_name if holder else ""
                # Stored as printed on the Vietnamese invitation letter, whatever the page's language.
                representing = f"Đại diện {_place_of(award.area, day)}"
                kind = InviteeKind.AWARDED_AREA
            else:
                assert award.person is not None
                name = award.person.full_name
                area = award.nomination.person_area
                representing = _place_of(area, day) if area else ""
                kind = InviteeKind.AWARDED_PERSON
            new.append(
                Invitation(
                    conference=conference,
                    kind=kind,
                    award=award,
                    full_name=name or "(chưa rõ họ tên)",
                    representing=representing,
                    code=_code(taken),
                    search_text=fold(f"{name} {representing}"),
                )
            )
        Invitation.objects.bulk_create(new)
        audit_record(actor=actor, action="events.invitations_from_awards", obj=conference, after={"invited": len(new)})
    return {"invited": len(new), "total": conference.invitations.count()}


def guest_invite(*, conference: Conference, full_name: str, representing: str = "", actor: Actor) -> Invitation:
    authorize(actor, "events.manage_conference", conference.organizer)
    if not full_name.strip():
        raise DomainError(_("A guest needs a name."), column="full_name")
    with transaction.atomic():
        taken = set(conference.invitations.values_list("code", flat=True))
        invitation = Invitation.objects.create(
            conference=conference,
            kind=InviteeKind.GUEST,
            full_name=full_name.strip(),
            representing=representing.strip(),
            code=_code(taken),
            search_text=fold(f"{full_name} {representing}"),
        )
        audit_record(actor=actor, action="events.guest_invite", obj=invitation, after={"name": invitation.full_name})
    return invitation


def checkin(*, conference: Conference, code: str, actor: Actor, at: datetime.datetime | None = None) -> Invitation:
    """Check in the holder of ``code`` at the desk; a code of another conference or a second check-in is refused."""
    authorize(actor, "events.manage_conference", conference.organizer)
    code = code.strip().upper()
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(conference=conference, code=code).first()
        if invitation is None:
            raise DomainError(_("No invitation of this conference has the code %(code)s."), column="code", code=code)
        if invitation.checked_in_at is not None:
            raise DomainError(
                _("%(name)s already checked in at %(time)s."),
                name=invitation.full_name,
                time=timezone.localtime(invitation.checked_in_at).strftime("%H:%M %d/%m/%Y"),
            )
        invitation.checked_in_at = at or timezone.now()
        invitation.checked_in_by = person_of(actor)
        try:
            invitation.save(update_fields=["checked_in_at", "checked_in_by"])
        except IntegrityError as exc:  # pragma: no cover - the row is locked above
            raise DomainError(_("The check-in could not be saved; try again.")) from exc
        audit_record(actor=actor, action="events.checkin", obj=invitation, after={"code": code})
    return invitation
