from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from thidua.db import vi_order
from thidua.people.models import Household, Position, Residence
from thidua.units.models import Unit


def households_in_area(area: Unit, *, as_of: datetime.date) -> QuerySet[Household]:
    """The households living in ``area`` on ``as_of``, by the head's name in Vietnamese order."""
    residences = Residence.objects.filter(area=area).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=as_of), Q(valid_to__isnull=True) | Q(valid_to__gte=as_of)
    )
    return Household.objects.filter(pk__in=residences.values("household_id")).order_by(vi_order("head_name"))


def position_holder(unit: Unit, kind: str, day: datetime.date) -> Position | None:
    return (
        Position.objects.filter(unit=unit, kind=kind, term_from__lte=day)
        .filter(Q(term_to__isnull=True) | Q(term_to__gte=day))
        .select_related("person")
        .first()
    )
