"""The history a page shows speaks the reader's words: no action key, no field name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.template import Context, Template
from django.utils import translation

from thidua.audit.labels import ACTION_LABELS
from thidua.audit.services import audit_record
from thidua.testing import Cast
from thidua.units.models import LineageKind

ROOT = Path(__file__).resolve().parents[2]


def _recorded_actions() -> set[str]:
    """Every action the code records: literal ones, each workflow's transitions, the tree's changes."""
    actions: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text()
        actions |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
        actions |= {
            f"{name}_transition" for name in re.findall(r'Workflow\([^)]*?name="([a-z_]+\.[a-z_]+)"', text, re.S)
        }
    actions |= {f"units.{kind}" for kind in LineageKind.values}
    return actions


def test_every_action_the_code_records_has_a_name_for_the_reader() -> None:
    actions = _recorded_actions()
    assert len(actions) > 60
    assert sorted(actions - set(ACTION_LABELS)) == []


@pytest.mark.django_db
def test_the_history_panel_shows_the_action_s_name_and_the_field_s_label_not_their_keys(cast: Cast) -> None:
    unit = cast.to_8a
    with transaction.atomic():
        audit_record(
            actor=cast["ducxuan"],
            action="people.import_households",
            obj=unit,
            before={"code": "01840-08", "households": 0},
            after={"code": "01840-08A", "households": 120},
        )
    with translation.override("vi"):
        html = Template("{% load audit %}{% history_panel unit %}").render(Context({"unit": unit}))
    assert "Nhập danh sách hộ gia đình" in html
    assert "people.import_households" not in html
    assert "<strong>Mã" in html and "<strong>code" not in html
    # A key that is no field of the unit is shown by its values only.
    assert "households" not in html and "0 → 120" in html
