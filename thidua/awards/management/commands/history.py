"""``thidua history``: the award history of an area, a household or a person, the search without
diacritics, and the public honour board, from the console.

thidua history search TEXT [--user NAME] [--format text|json]     areas, households, people matching TEXT
thidua history area|household|person ID [--user NAME] [--format text|json]
thidua history honour [--round ID] [--commune ID] [--year YYYY] [--format text|json]

``--user`` reads as that user sees (their unit's subtree); without it the operator sees everything.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any, cast

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.awards.history.selectors import (
    History,
    area_award_history,
    get_area_for_user,
    get_household_for_user,
    get_person_for_user,
    history_search,
    household_award_history,
    person_award_history,
)
from thidua.awards.honour.selectors import honour_board
from thidua.awards.management.acting import AwardsCommand, acting_user, found


def _json(value: Any) -> str:
    return json.dumps(dataclasses.asdict(value), ensure_ascii=False, indent=2, default=str)


class Command(AwardsCommand):
    # Read when the command is listed, in the language the console runs in.
    help = cast(str, gettext_lazy("Award history and the honour board"))

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        search = verbs.add_parser("search", help=_("Search without diacritics"))
        search.add_argument("text", help=_("A name, a code, an address"))
        for verb, label in (
            ("area", _("The history of an area")),
            ("household", _("The history of a household")),
            ("person", _("The history of a person")),
        ):
            sub = verbs.add_parser(verb, help=label)
            sub.add_argument("id", type=int, help=_("The id"))
        honour = verbs.add_parser("honour", help=_("The public honour board"))
        honour.add_argument("--round", type=int, help=_("The round's id"))
        honour.add_argument("--commune", type=int, help=_("The commune's id"))
        honour.add_argument("--year", type=int, help=_("The year of the decision"))
        for sub in verbs.choices.values():
            sub.add_argument("--format", choices=("text", "json"), default="text")
            if sub is not honour:
                sub.add_argument("--as", "--user", dest="user", help=_("Read as this user sees"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        getattr(self, f"_{verb}")(**options)

    def _search(self, *, text: str, user: str | None, format: str, **options: Any) -> None:
        results = history_search(acting_user(user), text)
        if format == "json":
            self.stdout.write(_json(results))
            return
        for title, rows in (
            (_("Residential areas"), results.areas),
            (_("Households"), results.households),
            (_("Individuals"), results.people),
        ):
            self.stdout.write(f"{title} ({len(rows)})")
            for row in rows:
                self.stdout.write(f"  {row.pk:>8}  {row.name} — {row.where}")

    def _subject(self, get: Callable[[User, int], Any], user: str | None, pk: int) -> Any:
        missing = _("There is no record %(id)s, or it is out of reach.") % {"id": pk}
        return found(get, acting_user(user), pk, missing=missing)

    def _area(self, *, id: int, user: str | None, format: str, **options: Any) -> None:
        self._print(area_award_history(self._subject(get_area_for_user, user, id)), format)

    def _household(self, *, id: int, user: str | None, format: str, **options: Any) -> None:
        self._print(household_award_history(self._subject(get_household_for_user, user, id)), format)

    def _person(self, *, id: int, user: str | None, format: str, **options: Any) -> None:
        self._print(person_award_history(self._subject(get_person_for_user, user, id)), format)

    def _print(self, history: History, format: str) -> None:
        if format == "json":
            self.stdout.write(_json(history))
            return
        self.stdout.write(f"{history.name} — {history.where}")
        for position in history.positions:
            until = f"{position.term_to:%d/%m/%Y}" if position.term_to else _("now")
            self.stdout.write(f"  {position.kind_label}, {position.unit_name}: {position.term_from:%d/%m/%Y} – {until}")
        for line in history.titles:
            revoked = self._revoked(line.revoked_on, line.revocation_reason) if line.revoked else ""
            self.stdout.write(f"  {line.year}  {line.area_name}: {line.result_label}  {line.citation}{revoked}")
        for certificate in history.certificates:
            self.stdout.write(
                f"  {certificate.window_start}–{certificate.window_end}  {certificate.label}  {certificate.citation}"
            )
        for award in history.awards:
            revoked = self._revoked(award.revoked_on, award.revocation_reason) if award.revoked else ""
            self.stdout.write(
                f"  {award.window_start}–{award.window_end}  {award.form_name} ({award.status_label})"
                f"  {award.citation}{revoked}"
            )

    def _revoked(self, day: Any, reason: str) -> str:
        on = f"{day:%d/%m/%Y}" if day else ""
        return " — " + _("revoked on %(day)s: %(reason)s") % {"day": on, "reason": reason}

    def _honour(self, *, round: int | None, commune: int | None, year: int | None, format: str, **options: Any) -> None:
        board = honour_board(round_id=round, commune_id=commune, year=year)
        if format == "json":
            self.stdout.write(_json(board))
            return
        for honoured in board.rounds:
            self.stdout.write(f"{honoured.name} ({honoured.issuer}, {honoured.period_start}–{honoured.period_end})")
            for form in honoured.forms:
                self.stdout.write(f"  {form.name}: {len(form.honorees)}")
                for h in form.honorees:
                    where = ", ".join(part for part in (h.area_name, h.commune_name) if part)
                    self.stdout.write(f"    {h.name} — {where} — {h.citation}")
