from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.demo_data import demo_load
from thidua.lib.progress import TerminalProgress


class Command(BaseCommand):
    help = "Nạp dữ liệu demo / Load the demo data: official units, tổ 8A, one account per role"

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load(progress=TerminalProgress())
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
