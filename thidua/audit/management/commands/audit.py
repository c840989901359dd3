"""thidua audit verify: walk the audit trail's chain and name every entry that does not verify."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.audit.chain import verify
from thidua.console import Command as ThiduaCommand


class Command(ThiduaCommand):
    help = gettext_lazy("The audit trail: verify that no entry was inserted, altered or removed behind thidua's back")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("verify", help=_("Check every entry's seal and that each follows the one before"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        result = verify()
        kinds = {
            "altered": _("its seal does not match its content: changed, or written without thidua's key"),
            "out_of_chain": _("it does not follow the entry before it: an entry was removed or inserted before it"),
        }
        for found in result.breaks:
            self.stdout.write(
                _("Entry %(id)s (%(action)s, %(at)s): %(reason)s.")
                % {
                    "id": found.entry_id,
                    "action": found.action,
                    "at": f"{timezone.localtime(found.at):%d/%m/%Y %H:%M:%S}",
                    "reason": kinds[found.kind],
                }
            )
        if result.breaks:
            raise CommandError(
                _("The audit trail does not verify: %(count)d of %(entries)d entries.")
                % {"count": len({b.entry_id for b in result.breaks}), "entries": result.entries}
            )
        self.stdout.write(
            _("The audit trail verifies: %(entries)d entries; the last seal is %(hash)s.")
            % {"entries": result.entries, "hash": result.last_hash or "-"}
        )
