from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.demo_data import demo_load
from thidua.lib.progress import TerminalProgress


class Command(ThiduaCommand):
    help = gettext_lazy("Load the demo data: official units, tổ 8A, one account per role")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--story", action="store_true", help=_("The whole Bắc Kạn 2009–2013 story (about 2 minutes)")
        )
        parser.add_argument(
            "--scale",
            choices=["province"],
            help=_("A generated province (areas, households, registrations, through the imports)"),
        )
        parser.add_argument("--households", type=int, default=10000, help=_("Households (--scale)"))
        parser.add_argument("--years", type=int, default=1, help=_("Years, up to 2024 (--scale)"))

    def handle(self, *args: Any, **options: Any) -> None:
        progress = TerminalProgress()
        summary = demo_load(actor=SYSTEM_ACTOR, progress=progress, story=options["story"])
        if options["scale"] == "province":
            from thidua.demo.province import LAST_YEAR, province_households

            years = range(LAST_YEAR - max(options["years"], 1) + 1, LAST_YEAR + 1)
            summary |= province_households(
                households=options["households"], years=years, actor=SYSTEM_ACTOR, progress=progress
            )
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
