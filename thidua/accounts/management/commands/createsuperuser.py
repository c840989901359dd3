"""Django's ``createsuperuser``, replaced: thidua's first account is made by ``thidua users create-admin``.

Django's command knows nothing of roles and units, and made an account the database refused.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.console import Command as ThiduaCommand


class Command(ThiduaCommand):
    help = gettext_lazy("Replaced by “thidua users create-admin”")

    def add_arguments(self, parser: CommandParser) -> None:
        # Django's own options are accepted, so that a script written for Django reads the message.
        parser.add_argument("--noinput", "--no-input", action="store_true")
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--database")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            _("thidua creates its first administrator with “thidua users create-admin”; the others from the pages.")
        )
