"""The dashboards' roll-up (``evaluations.rollup``) stays equal to a full recount through the events."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from thidua.evaluations.models import AreaYear, AreaYearCount, Dossier, DossierKind, HouseholdYear
from thidua.evaluations.rollup import recount, rollup_refresh
from thidua.evaluations.services import title_revoke
from thidua.evaluations.tests.documents_fixtures import build_year
from thidua.testing import Cast, make_unit
from thidua.units.models import UnitKind

pytestmark = pytest.mark.django_db
D = datetime.date
FIELDS = (
    "area_id",
    "year",
    "commune_id",
    "district_id",
    "province_id",
    "registered",
    "meeting_held",
    "dossier_submitted",
    "dossier_reviewed",
    "dossier_decided",
    "titled",
    "mttq_tier",
    "households",
    "households_registered",
    "households_titled",
)


def _table() -> dict[tuple[int, int], dict[str, Any]]:
    return {(r["area_id"], r["year"]): r for r in AreaYearCount.objects.values(*FIELDS)}


def _recounted(years: list[int]) -> dict[tuple[int, int], dict[str, Any]]:
    """What a full recount gives, for the areas the table holds (the hooks touch only those)."""
    result = {}
    for year in years:
        for row in recount(year):
            result[(row.area_id, year)] = {name: getattr(row, name) for name in FIELDS}
    return result


def test_the_rollup_follows_registration_meeting_dossier_decision_and_revocation(cast: Cast) -> None:
    year = build_year(cast)
    table = _table()
    row = table[(cast.to_8a.pk, 2012)]
    # Counted straight from the records, independently of the roll-up's code.
    lines = HouseholdYear.objects.filter(area=cast.to_8a, year=2012).aggregate(
        total=Count("pk"),
        registered=Count("pk", filter=Q(registered_on__isnull=False)),
        titled=Count("pk", filter=Q(titled=True, revoked_on__isnull=True)),
    )
    assert (row["households"], row["households_registered"], row["households_titled"]) == (5, 5, 4)
    assert (row["households"], row["households_registered"], row["households_titled"]) == tuple(lines.values())
    assert row["registered"] == row["meeting_held"] == row["dossier_decided"] == row["titled"] == 1
    assert (row["commune_id"], row["district_id"], row["province_id"]) == (
        cast.duc_xuan.pk,
        cast.town.pk,
        cast.province.pk,
    )
    assert table == {key: value for key, value in _recounted([2012]).items() if key in table}

    # A revocation of a household title and of the area's title each recount the row in their transaction.
    household_line = HouseholdYear.objects.filter(decision=year.gdvh, titled=True).first()
    assert household_line is not None
    title_revoke(line=household_line, revoked_on=D(2013, 3, 1), reason="Vi phạm", actor=cast["ducxuan"])
    area_line = AreaYear.objects.get(area=cast.to_8a, year=2012)
    title_revoke(line=area_line, revoked_on=D(2013, 3, 1), reason="Vi phạm", actor=cast["ducxuan"])
    row = _table()[(cast.to_8a.pk, 2012)]
    assert (row["households_titled"], row["titled"]) == (3, 0)
    assert _table() == {key: value for key, value in _recounted([2012]).items() if key in _table()}


def test_the_refresh_recounts_what_was_written_around_the_services(cast: Cast) -> None:
    build_year(cast)
    to_9 = make_unit(code="01840-09", name="9", kind=UnitKind.TO_DAN_PHO, parent=cast.duc_xuan)
    # Written straight into the tables, as a bulk load does: the roll-up does not know yet.
    HouseholdYear.objects.filter(area=cast.to_8a, year=2012).update(registered_on=None)
    assert _table()[(cast.to_8a.pk, 2012)]["households_registered"] == 5
    call_command("report", "refresh", "--year", "2012")
    table = _table()
    assert table[(cast.to_8a.pk, 2012)]["households_registered"] == 0
    # Every area of the tree on the 31st of December has its row, with or without lines.
    assert table[(to_9.pk, 2012)]["households"] == 0
    assert table[(to_9.pk, 2012)]["commune_id"] == cast.duc_xuan.pk
    assert table == _recounted([2012])
    assert rollup_refresh() == {year: len(recount(year)) for year in sorted(table_years())}


def table_years() -> set[int]:
    years = set(HouseholdYear.objects.values_list("year", flat=True))
    return (
        years
        | set(AreaYear.objects.values_list("year", flat=True))
        | set(Dossier.objects.filter(kind__in=[DossierKind.GDVH, DossierKind.KDC]).values_list("year", flat=True))
    )
