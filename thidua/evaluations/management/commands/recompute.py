"""``thidua recompute --year Y --unit CODE [--dry-run]``: re-apply the rules to every household
evaluation meeting of a unit's subtree for a year (a decided year is refused)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.errors import DomainError, DomainErrors
from thidua.evaluations.services import households_recompute
from thidua.units.models import Unit
from thidua.units.selectors import unit_by_code


def unit_of_year(code: str, year: int) -> Unit:
    unit = unit_by_code(code, datetime.date(year, 12, 31))
    if unit is None:
        raise CommandError(f"Không có đơn vị mã {code} / There is no unit with the code {code}.")
    return unit


class Command(BaseCommand):
    help = "Áp dụng lại tiêu chuẩn cho các cuộc bình xét của một năm / Re-apply the rules to a year's evaluations"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Năm bình xét / The year of the evaluations")
        parser.add_argument("--unit", required=True, help="Mã đơn vị (tỉnh, huyện, xã, khu dân cư) / The unit's code")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ tính, không ghi / Compute; write nothing")

    def handle(self, *args: Any, year: int, unit: str, dry_run: bool, **options: Any) -> None:
        root = unit_of_year(unit, year)
        try:
            totals = households_recompute(unit=root, year=year, actor=None, dry_run=dry_run)
        except DomainErrors as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                "Năm đã có quyết định, không tính lại / The year is decided; nothing was recomputed."
            ) from None
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        if dry_run:
            self.stdout.write("Chỉ tính, không ghi gì / Computed; nothing was written.")
        self.stdout.write(
            f"{root.full_name} {year}: {totals['meetings']} cuộc họp / meetings, "
            f"{totals['evaluated']} hộ được bình xét / households evaluated, "
            f"{totals['proposed']} hộ được đề nghị / households proposed"
        )
