from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from thidua.db import vi_order
from thidua.evaluations.models import HouseholdYear
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


def households_of_area_year(area: Unit, year: int) -> list[tuple[Household, HouseholdYear | None]]:
    """The households that lived in ``area`` during ``year`` or have their record of the year
    there, by the head's name in Vietnamese order, each with that record (None: not recorded)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    residences = Residence.objects.filter(area=area).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last), Q(valid_to__isnull=True) | Q(valid_to__gte=first)
    )
    lines = {line.household_id: line for line in HouseholdYear.objects.filter(area=area, year=year)}
    households = Household.objects.filter(Q(pk__in=residences.values("household_id")) | Q(pk__in=list(lines)))
    return [(household, lines.get(household.pk)) for household in households.order_by(vi_order("head_name"), "code")]
