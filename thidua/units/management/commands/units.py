from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.jobs.services import job_start
from thidua.jobs.watch import job_watch
from thidua.lib.progress import TerminalProgress
from thidua.units.official import units_import_official


class Command(BaseCommand):
    help = "Đơn vị hành chính / Administrative units: import-official"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        official = verbs.add_parser(
            "import-official",
            help="Nạp danh mục đơn vị hành chính cả nước / Load the whole country's official units",
        )
        official.add_argument(
            "--background",
            action="store_true",
            help="Chạy bằng tác vụ nền và theo dõi tiến độ / Run as a background job and follow its progress",
        )

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "import-official":
            if options["background"]:
                job = job_start(kind="units.import_official", actor=None)
                job = job_watch(job.pk, stream=sys.stderr)
                summary = job.result
            else:
                summary = units_import_official(actor=None, progress=TerminalProgress())
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
