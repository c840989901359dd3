"""``thidua evaluations``: the yearly cycle from the console.

thidua evaluations status --year Y --unit CODE     the queue of each commune ("12 of 17 areas have submitted")
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from thidua.evaluations.management.commands.recompute import unit_of_year
from thidua.evaluations.selectors import queue_of


class Command(BaseCommand):
    help = "Bình xét hằng năm: hàng chờ hồ sơ / The yearly evaluations: the queue of dossiers"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        status = verbs.add_parser("status", help="Hồ sơ của từng khu dân cư / Each area's dossier and the count")
        status.add_argument("--year", type=int, required=True, help="Năm / The year")
        status.add_argument("--unit", required=True, help="Mã xã, huyện hoặc tỉnh / A commune, district or province")

    def handle(self, *args: Any, verb: str, year: int, unit: str, **options: Any) -> None:
        root = unit_of_year(unit, year)
        for queue in queue_of(root, year):
            self.stdout.write(
                f"{queue.commune.full_name} ({queue.commune.code}) {year}: "
                f"{queue.submitted}/{queue.total} khu dân cư đã nộp / "
                f"{queue.submitted} of {queue.total} areas have submitted"
            )
            for area, dossier in queue.rows:
                with translation.override("vi"):
                    vi = dossier.get_status_display() if dossier else "chưa nhập"
                with translation.override("en"):
                    en = dossier.get_status_display() if dossier else "nothing entered"
                self.stdout.write(f"  {area.code:<14} {area.full_name:<30} {vi} / {en}")
