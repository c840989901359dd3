from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.demo_data import demo_load
from thidua.lib.progress import TerminalProgress


class Command(BaseCommand):
    help = "Nạp dữ liệu demo / Load the demo data: official units, tổ 8A, one account per role"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--story",
            action="store_true",
            help="Cả câu chuyện thị xã Bắc Kạn 2009–2013 (khoảng 2 phút) / "
            "The whole Bắc Kạn 2009–2013 story (about 2 minutes)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load(progress=TerminalProgress(), story=options["story"])
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
