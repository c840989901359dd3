from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.models import AuditEntry
from thidua.units.models import Level, Unit, UnitKind
from thidua.units.official import bare_name, units_import_official
from thidua.units.selectors import unit_ancestors, unit_subtree

pytestmark = pytest.mark.django_db


def test_bare_name_strips_the_kind_whatever_its_capitalisation() -> None:
    assert bare_name("Thành Phố Bắc Kạn", UnitKind.THANH_PHO) == "Bắc Kạn"
    assert bare_name("Phường Đức Xuân", UnitKind.PHUONG) == "Đức Xuân"
    assert bare_name("Quận 1", UnitKind.QUAN) == "1"
    assert bare_name("Côn Đảo", UnitKind.DAC_KHU) == "Côn Đảo"


def test_it_loads_both_official_trees_of_the_whole_country_and_is_idempotent() -> None:
    summary = units_import_official(actor=SYSTEM_ACTOR)
    legacy = Unit.objects.filter(valid_to=datetime.date(2025, 6, 30))
    current = Unit.objects.filter(valid_from=datetime.date(2025, 7, 1))
    assert legacy.filter(level=Level.PROVINCE).count() == 63
    assert legacy.filter(level=Level.DISTRICT).count() == 696
    assert legacy.filter(level=Level.COMMUNE).count() == 10051
    assert current.filter(level=Level.PROVINCE).count() == 34
    assert current.filter(level=Level.COMMUNE).count() == 3321
    assert current.filter(level=Level.DISTRICT).count() == 0
    assert summary["created"] == summary["total"] == 14165
    assert summary["updated"] == 0
    # 34 provinces, 696 districts dissolved, 3,316 communes with predecessors in the conversion table.
    assert summary["events"] == 34 + 696 + 3316
    assert summary["history_events"] == 3
    assert AuditEntry.objects.filter(action="units.import_official").count() == 1

    again = units_import_official(actor=SYSTEM_ACTOR)
    assert again == {
        "created": 0,
        "updated": 0,
        "total": 14165,
        "events": 0,
        "history_events": 0,
        "areas_moved": 0,
    }
    assert Unit.objects.count() == 14165
    assert AuditEntry.objects.filter(action="units.import_official").count() == 1

    # The code 01840 names two units: the ward of the old town, and its 2025 successor in Thái Nguyên.
    old_duc_xuan = Unit.objects.get(source_key="vn-2024:01840")
    new_duc_xuan = Unit.objects.get(code="01840", valid_from=datetime.date(2025, 7, 1))
    assert [u.full_name for u in unit_ancestors(old_duc_xuan, as_of=datetime.date(2020, 1, 1))] == [
        "tỉnh Bắc Kạn",
        "thành phố Bắc Kạn",
        "phường Đức Xuân",
    ]
    assert [u.full_name for u in unit_ancestors(new_duc_xuan)] == ["tỉnh Thái Nguyên", "phường Đức Xuân"]
    town = Unit.objects.get(code="058")
    assert unit_subtree(town, as_of=datetime.date(2013, 1, 1)).filter(level=Level.COMMUNE).count() == 8


def test_the_cli_verb_prints_a_progress_bar_and_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    call_command("units", "import-official", stdout=out)
    assert "created: 14165" in out.getvalue()
    assert "100% 14165/14165" in capsys.readouterr().err
