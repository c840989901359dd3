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
        parser.add_argument(
            "--scale",
            choices=["province"],
            help="Một tỉnh được sinh tự động (khu dân cư, hộ, đăng ký, qua các trang nhập) / "
            "A generated province (areas, households, registrations, through the imports)",
        )
        parser.add_argument("--households", type=int, default=10000, help="Số hộ / Households (--scale)")
        parser.add_argument("--years", type=int, default=1, help="Số năm, đến 2024 / Years, up to 2024 (--scale)")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = TerminalProgress()
        summary = demo_load(progress=progress, story=options["story"])
        if options["scale"] == "province":
            from thidua.demo.province import LAST_YEAR, province_households

            years = range(LAST_YEAR - max(options["years"], 1) + 1, LAST_YEAR + 1)
            summary |= province_households(households=options["households"], years=years, progress=progress)
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
