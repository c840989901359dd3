"""The Excel template of a households file, for a commune and a year: its area column offers the
commune's areas of the year as a list."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.evaluations.imports.checks import overlapping
from thidua.evaluations.imports.layout import (
    GENDER_WORDS,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_EXAMPLE,
    HOUSEHOLD_RULES,
    HOUSEHOLD_SHEET,
    REGISTER_WORDS,
)
from thidua.units.imports.tables import Guide, template_workbook
from thidua.units.models import Level, Unit, UnitVersion


def commune_areas(commune: Unit, year: int | None = None) -> QuerySet[Unit]:
    """The residential areas under ``commune`` during ``year`` (at any time when None), by code."""
    versions = UnitVersion.objects.filter(parent=commune, level=Level.AREA)
    if year is not None:
        versions = versions.filter(overlapping(year))
    return Unit.objects.filter(pk__in=versions.values("unit_id")).order_by("code")


def households_template(*, commune: Unit | None = None, year: int | None = None) -> bytes:
    """The Excel template; for a commune, the area column offers its areas (of ``year``) as a list."""
    choices: dict[str, list[str]] = {
        "head_gender": list(GENDER_WORDS),
        "register": list(REGISTER_WORDS),
    }
    if commune is not None:
        codes = list(dict.fromkeys(commune_areas(commune, year).values_list("code", flat=True)))
        if codes:
            choices["area"] = codes
    title = "Danh sách hộ gia đình" + (f" — {commune.full_name}" if commune else "")
    title += f" — năm {year}" if year else ""
    return template_workbook(
        sheet_name=HOUSEHOLD_SHEET,
        columns=HOUSEHOLD_COLUMNS,
        choices=choices,
        guide=Guide(
            title_vi=f"{title}: hướng dẫn nhập",
            title_en="Households and their registrations for a year: how to fill in this file"
            + (f" ({year})" if year else ""),
            rules=HOUSEHOLD_RULES,
            example=HOUSEHOLD_EXAMPLE,
        ),
    )
