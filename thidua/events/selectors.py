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
