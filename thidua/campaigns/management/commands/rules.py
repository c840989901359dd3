from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns import rules
from thidua.campaigns.cases import CHECKS, CaseError, evaluate_document, explain
from thidua.console import Command as ThiduaCommand

# Exit status of a malformed input: nothing was evaluated.
MALFORMED = 2


class Command(ThiduaCommand):
    help = gettext_lazy("The rules, without a database: check cases, explain a regime")
    # The rules run on the code's defaults and the cases' own parameters: no database, no checks of one.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        check = verbs.add_parser("check", help=_("Evaluate the cases in a JSON file (-: the standard input)"))
        check.add_argument("file", help=_("a JSON file, or -"))
        about = verbs.add_parser("explain", help=_("List the rules of a regime, with their sources"))
        about.add_argument("--regime", choices=rules.REGIME_KEYS, help=_("default: every regime"))
        about.add_argument("--check", choices=CHECKS, help=_("one check only"))
        about.add_argument("--date", help=_("YYYY-MM-DD: the defaults on this day"))
        for verb in (check, about):
            verb.add_argument(
                "--language",
                choices=[code for code, _name in settings.LANGUAGES],
                default=None,
                help=_("The language of the details and the errors (default: the console's)"),
            )

    def handle(self, *args: Any, verb: str, language: str | None, **options: Any) -> None:
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            if verb == "check":
                self.stdout.write(json.dumps(self._check(options["file"]), ensure_ascii=False, indent=2))
            else:
                self._explain(options["regime"], options["check"], options["date"])

    def _check(self, name: str) -> dict[str, Any]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot read the file %(name)s: %(reason)s") % {"name": name, "reason": error.strerror},
                returncode=MALFORMED,
            ) from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                _("Invalid JSON, line %(line)s column %(column)s: %(reason)s")
                % {"line": error.lineno, "column": error.colno, "reason": error.msg},
                returncode=MALFORMED,
            ) from None
        try:
            return evaluate_document(document)
        except CaseError as error:
            raise CommandError(error.text(), returncode=MALFORMED) from None

    def _explain(self, regime_key: str | None, check: str | None, date: str | None) -> None:
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(_("Invalid date: %(date)s") % {"date": date}, returncode=MALFORMED) from None
        if day is not None and regime_key is None:
            try:
                regime_key = rules.regime_for(day).key
            except rules.RegimeError as error:
                raise CommandError(error.text(), returncode=MALFORMED) from None
        regimes = [rules.regime_by_key(regime_key)] if regime_key else list(rules.REGIMES)
        for regime in regimes:
            self.stdout.write(explain(regime, day=day, check=check))
