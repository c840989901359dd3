from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from thidua.documents.models import GeneratedFile
from thidua.evaluations.models import Decision, Dossier, DossierStatus, Meeting
from thidua.units.selectors import units_visible_to

DECIDED = (DossierStatus.DECIDED, DossierStatus.LOCKED)


def generated_files_of(user: Any) -> QuerySet[GeneratedFile]:
    """The files a user may download: those they produced, and nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return GeneratedFile.objects.none()
    return GeneratedFile.objects.filter(created_by=user)


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    """Decisions whose documents ``user`` may download: issued by a unit they see, and decided
    (a dossier carries it and is decided or locked), never a number that was only reserved."""
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    decided = Dossier.objects.filter(decision=OuterRef("pk"), status__in=DECIDED)
    return Decision.objects.filter(issuer__in=units_visible_to(user)).filter(Exists(decided))


def meetings_visible_to(user: Any) -> QuerySet[Meeting]:
    """Meetings whose minutes ``user`` may download: held in a unit they see."""
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    return Meeting.objects.filter(unit__in=units_visible_to(user))
