from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.backup import BackupError, backup_restore
from thidua.console import Command as ThiduaCommand
from thidua.lib.progress import TerminalProgress


class Command(ThiduaCommand):
    help = gettext_lazy("Restore a backup into a new, empty database (DATABASE_URL)")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help=_("The archive written by thidua backup"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(archive=options["archive"], progress=TerminalProgress())
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Restored the backup of %(created)s (%(members)d parts). Run `thidua migrate` if this release is newer.")
            % {"created": manifest["created_at"], "members": len(manifest["members"])}
        )
