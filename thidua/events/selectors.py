"""Reads of conferences: those a user may see, and the attendance at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.events.models import Conference, Invitation
from thidua.lib.text import fold
from thidua.units.selectors import units_visible_to


def conferences_visible_to(user: Any) -> QuerySet[Conference]:
    return Conference.objects.filter(organizer__in=units_visible_to(user)).select_related("organizer", "round")


@dataclass(frozen=True)
class Attendance:
    invited: int
    present: int

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.invited) if self.invited else 0


def attendance(conference: Conference) -> Attendance:
    counts = conference.invitations.aggregate(
        invited=Count("id"), present=Count("id", filter=Q(checked_in_at__isnull=False))
    )
    return Attendance(counts["invited"], counts["present"])


def invitation_search(conference: Conference, q: str) -> QuerySet[Invitation]:
    """Invitations whose name or unit contains every word of ``q``, diacritics ignored ("hoang thi nong")."""
    found = conference.invitations.all()
    for word in fold(q).split():
        found = found.filter(search_text__contains=word)
    return found.order_by("full_name")


# How many come on stage at once to receive their certificates.
STAGE_BATCH = 10


@dataclass(frozen=True)
class Batch:
    """One turn on stage: who is called up, for which form, and who hands the certificates over."""

    number: int
    form: str
    collective: bool
    presenter: str
    invitations: tuple[Invitation, ...]


def presentation_order(conference: Conference) -> list[Batch]:
    """The order of the presentation: the highest forms first (the higher bodies' awards, then the
    organizer's), collectives before individuals, by commune and name; at most ``STAGE_BATCH`` at a
    time; the presiding members take the turns in their order, the first one the highest form."""
    from thidua.campaigns.documents import area_sort_key, person_sort_key

    invitations = list(
        conference.invitations.filter(award__isnull=False).select_related(
            "award__form", "award__area", "award__nomination__person_area"
        )
    )

    def key(invitation: Invitation) -> tuple[Any, ...]:
        award = invitation.award
        assert award is not None
        area = award.area or award.nomination.person_area
        return (
            award.form.rank,
            award.proposal_id is None,  # the higher body's award before the organizer's own
            award.area_id is None,  # collectives first
            award.form_id,
            area_sort_key(invitation.representing),
            person_sort_key(invitation.full_name),
            area.pk if area else 0,
        )

    invitations.sort(key=key)
    presiders = [p["name"] + (f", {p['position']}" if p.get("position") else "") for p in conference.presiders] or [""]
    batches: list[Batch] = []
    group: list[Invitation] = []

    def flush() -> None:
        if group:
            award = group[0].award
            assert award is not None
            presenter = presiders[min(len(batches), len(presiders) - 1)]
            batches.append(Batch(len(batches) + 1, award.form.name, award.area_id is not None, presenter, tuple(group)))
            group.clear()

    for invitation in invitations:
        award = invitation.award
        assert award is not None
        if group and (len(group) == STAGE_BATCH or group[0].award.form_id != award.form_id):  # type: ignore[union-attr]
            flush()
        group.append(invitation)
    flush()
    return batches
