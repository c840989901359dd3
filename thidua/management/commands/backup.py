from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.backup import BackupError, backup_create, default_archive_name
from thidua.console import Command as ThiduaCommand
from thidua.lib.progress import TerminalProgress


class Command(ThiduaCommand):
    help = gettext_lazy("Back up the database and the stored files into one archive")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help=_("The archive to write (default: var/backups/thidua-<date>-<time>.tar)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"] or Path(settings.VAR_DIR) / "backups" / default_archive_name()
        try:
            manifest = backup_create(output=output, progress=TerminalProgress())
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Backup written to %(path)s (%(members)d parts, %(size)d bytes).")
            % {"path": output, "members": len(manifest["members"]), "size": output.stat().st_size}
        )
