from __future__ import annotations

import hashlib

import pytest

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.demo.province import household_files, province_communes, province_households
from thidua.evaluations.models import HouseholdYear
from thidua.people.models import Household
from thidua.units.models import Level, Unit
from thidua.units.official import units_import_official

pytestmark = pytest.mark.django_db


def _digest(communes: list[Unit], seed: int) -> str:
    files = household_files(communes=communes, households=300, areas_per_commune=3, year=2024, seed=seed)
    return hashlib.sha256(b"".join(f.content for f in files)).hexdigest()


def test_a_tiny_province_goes_through_the_imports_and_is_the_same_for_a_seed() -> None:
    units_import_official(actor=SYSTEM_ACTOR)
    communes = province_communes()
    assert communes and all(c.level == Level.COMMUNE for c in communes)
    assert _digest(communes, 7) == _digest(communes, 7) != _digest(communes, 8)

    summary = province_households(households=300, areas_per_commune=3, seed=7, years=range(2023, 2025))
    assert summary["areas_created"] == 3 * len(communes)
    assert Household.objects.count() == 300
    assert HouseholdYear.objects.filter(year=2024).count() == HouseholdYear.objects.filter(year=2023).count() == 300
    registered = HouseholdYear.objects.filter(registered_on__isnull=False).count()
    assert summary["registered"] == registered and 0.85 * 600 < registered < 600
    assert not HouseholdYear.objects.filter(titled__isnull=False).exists(), "the demo writes no title"
    # Running it again creates nothing twice.
    again = province_households(households=300, areas_per_commune=3, seed=7, years=range(2024, 2025))
    assert again["areas_created"] == 0 and again["registered"] == 0
    assert Household.objects.count() == 300
