from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from thidua.demo_data import demo_load
from thidua.lib.progress import TerminalProgress


class Command(BaseCommand):
    help = _("Load the demo data: the official administrative units, tổ 8A and one account per role.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load(progress=TerminalProgress(self.stderr._out))  # type: ignore[attr-defined]
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
