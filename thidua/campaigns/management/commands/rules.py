from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from thidua.campaigns import rules
from thidua.campaigns.cases import CHECKS, CaseError, evaluate_document, explain
from thidua.errors import DomainError

# Exit status of a malformed input: nothing was evaluated.
MALFORMED = 2


def _both(error: DomainError) -> str:
    return f"{error.text('vi')}\n{error.text('en')}"


class Command(BaseCommand):
    help = "Luật xét tặng, không cần cơ sở dữ liệu / The rules, without a database: check, explain"
    # The rules run on the code's defaults and the cases' own parameters: no database, no checks of one.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        check = verbs.add_parser(
            "check",
            help="Đánh giá các trường hợp trong tệp JSON (- là stdin) / Evaluate the cases in a JSON file (-: stdin)",
        )
        check.add_argument("file", help="tệp JSON hoặc - / a JSON file or -")
        about = verbs.add_parser(
            "explain", help="Liệt kê các quy tắc của một chế độ / List the rules of a regime, with their sources"
        )
        about.add_argument("--regime", choices=rules.REGIME_KEYS, help="mặc định: mọi chế độ / default: every regime")
        about.add_argument("--check", choices=CHECKS, help="chỉ một loại kiểm tra / one check only")
        about.add_argument("--date", help="YYYY-MM-DD: giá trị mặc định tại ngày này / the defaults on this day")
        for verb in (check, about):
            verb.add_argument(
                "--language",
                choices=[code for code, _name in settings.LANGUAGES],
                default=settings.LANGUAGE_CODE,
                help="Ngôn ngữ của diễn giải / Language of the details",
            )

    def handle(self, *args: Any, verb: str, language: str, **options: Any) -> None:
        with translation.override(language):
            if verb == "check":
                self.stdout.write(json.dumps(self._check(options["file"]), ensure_ascii=False, indent=2))
            else:
                self._explain(options["regime"], options["check"], options["date"])

    def _check(self, name: str) -> dict[str, Any]:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(
                f"Không đọc được tệp {name}: {error.strerror} / Cannot read the file {name}: {error.strerror}",
                returncode=MALFORMED,
            ) from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"JSON không hợp lệ, dòng {error.lineno} cột {error.colno}: {error.msg}"
                f" / Invalid JSON, line {error.lineno} column {error.colno}: {error.msg}",
                returncode=MALFORMED,
            ) from None
        try:
            return evaluate_document(document)
        except CaseError as error:
            raise CommandError(_both(error), returncode=MALFORMED) from None

    def _explain(self, regime_key: str | None, check: str | None, date: str | None) -> None:
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"Ngày không hợp lệ / Invalid date: {date}", returncode=MALFORMED) from None
        if day is not None and regime_key is None:
            try:
                regime_key = rules.regime_for(day).key
            except rules.RegimeError as error:
                raise CommandError(_both(error), returncode=MALFORMED) from None
        regimes = [rules.regime_by_key(regime_key)] if regime_key else list(rules.REGIMES)
        for regime in regimes:
            self.stdout.write(explain(regime, day=day, check=check))
