from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.console import Command as ThiduaCommand
from thidua.doctor import ERROR, OK, WARNING, diagnose

MARKS = {OK: "✓", WARNING: "!", ERROR: "✗"}


class Command(ThiduaCommand):
    help = gettext_lazy(
        "Check this configuration (database, secret key, hosts, mail, storage, workers, time zone) and say what "
        "is wrong"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = diagnose()
        for finding in report.findings:
            self.stdout.write(f"{MARKS[finding.level]} {finding.check}: {finding.message}")
        if report.errors:
            raise CommandError(_("%(count)d problems to fix before serving.") % {"count": len(report.errors)})
        self.stdout.write(_("The configuration is ready."))
