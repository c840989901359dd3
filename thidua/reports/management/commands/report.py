"""``thidua report summary``: the summary report of a period from the console.

thidua report summary --unit 058 --from 2009 --to 2013 --format pdf -o bao-cao.pdf
thidua report summary --unit 058 --from 2009 --to 2013 --format json -o -
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import MAX_YEARS, period_stats
from thidua.reports.summary import summary_file


class Command(BaseCommand):
    help = "Báo cáo tổng kết giai đoạn / The summary report of a period"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        summary = verbs.add_parser("summary", help="Báo cáo tổng kết / The summary report (DOCX, PDF or JSON)")
        summary.add_argument("--unit", required=True, help="Mã đơn vị / the unit's code")
        summary.add_argument("--from", dest="start", type=int, required=True)
        summary.add_argument("--to", dest="end", type=int, required=True)
        summary.add_argument("--format", choices=("pdf", "docx", "json"), default="pdf")
        summary.add_argument("-o", "--output", required=True, help="Tệp ra, '-' cho stdout / file, '-' for stdout")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        start, end = options["start"], options["end"]
        if end < start or end - start >= MAX_YEARS:
            raise CommandError(f"Giai đoạn không hợp lệ / A period runs forward and covers at most {MAX_YEARS} years.")
        unit = unit_for_report(options["unit"], end)
        if unit is None:
            raise CommandError(f"Không có đơn vị {options['unit']} / No unit {options['unit']}")
        began = time.perf_counter()
        stats = period_stats(unit, start, end)
        if options["format"] == "json":
            content = json.dumps(stats.as_json(), ensure_ascii=False, indent=2).encode()
        else:
            content = summary_file(stats, options["format"]).content
        if options["output"] == "-":
            sys.stdout.buffer.write(content)
            return
        Path(options["output"]).write_bytes(content)
        self.stderr.write(
            f"{options['output']}: {len(content):,} bytes in {time.perf_counter() - began:.2f} s "
            f"({stats.place.full_name}, {start}–{end})"
        )
