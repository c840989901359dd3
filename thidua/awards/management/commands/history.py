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
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from django.utils import translation

from thidua.accounts.models import User
from thidua.awards.history import selectors as selectors
from thidua.awards.honour.selectors import honour_board
from thidua.awards.management.acting import acting_user
from thidua.people.models import Household, Person
from thidua.units.models import Level, Unit


def _json(value: Any) -> str:
    return json.dumps(dataclasses.asdict(value), ensure_ascii=False, indent=2, default=str)


class Command(BaseCommand):
    help = "Lịch sử thi đua, khen thưởng và bảng vinh danh / Award history and the honour board"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        search = verbs.add_parser("search", help="Tìm không cần dấu / Search without diacritics")
        search.add_argument("text", help="Tên, mã, địa chỉ / A name, a code, an address")
        for verb, label in (
            ("area", "Lịch sử của khu dân cư / The history of an area"),
            ("household", "Lịch sử của hộ gia đình / The history of a household"),
            ("person", "Lịch sử của cá nhân / The history of a person"),
        ):
            sub = verbs.add_parser(verb, help=label)
            sub.add_argument("id", type=int, help="Số hiệu / The id")
        honour = verbs.add_parser("honour", help="Bảng vinh danh / The public honour board")
        honour.add_argument("--round", type=int, help="Số đợt khen thưởng / The round's id")
        honour.add_argument("--commune", type=int, help="Số hiệu xã, phường / The commune's id")
        honour.add_argument("--year", type=int, help="Năm quyết định / The year of the decision")
        for sub in verbs.choices.values():
            sub.add_argument("--format", choices=("text", "json"), default="text")
            if sub is not honour:
                sub.add_argument("--as", "--user", dest="user", help="Đọc như tài khoản này / Read as this user sees")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        with translation.override("vi"):
            getattr(self, f"_{verb}")(**options)

    def _search(self, *, text: str, user: str | None, format: str, **options: Any) -> None:
        who = acting_user(user) or User(is_superuser=True)
        results = selectors.history_search(who, text)
        if format == "json":
            self.stdout.write(_json(results))
            return
        for title, rows in (
            ("Khu dân cư", results.areas),
            ("Hộ gia đình", results.households),
            ("Cá nhân", results.people),
        ):
            self.stdout.write(f"{title} ({len(rows)})")
            for found in rows:
                self.stdout.write(f"  {found.pk:>8}  {found.name} — {found.where}")

    def _subject(self, queryset: QuerySet[Any], pk: int, what: str) -> Any:
        found = queryset.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"Không có {what} số {pk} (hoặc ngoài phạm vi) / No {what} {pk} (or out of reach).")
        return found

    def _area(self, *, id: int, user: str | None, format: str, **options: Any) -> None:
        who = acting_user(user)
        areas = selectors.areas_visible_to(who) if who else Unit.objects.filter(level=Level.AREA)
        self._print(selectors.area_award_history(self._subject(areas, id, "khu dân cư")), format)

    def _household(self, *, id: int, user: str | None, format: str, **options: Any) -> None:
        who = acting_user(user)
        households = selectors.households_visible_to(who) if who else Household.objects.all()
        self._print(selectors.household_award_history(self._subject(households, id, "hộ gia đình")), format)

    def _person(self, *, id: int, user: str | None, format: str, **options: Any) -> None:
        who = acting_user(user)
        people = selectors.people_visible_to(who) if who else Person.objects.all()
        self._print(selectors.person_award_history(self._subject(people, id, "cá nhân")), format)

    def _print(self, history: selectors.History, format: str) -> None:
        if format == "json":
            self.stdout.write(_json(history))
            return
        self.stdout.write(f"{history.name} — {history.where}")
        for position in history.positions:
            until = f"{position.term_to:%d/%m/%Y}" if position.term_to else "nay"
            self.stdout.write(f"  {position.kind_label}, {position.unit_name}: {position.term_from:%d/%m/%Y} – {until}")
        for line in history.titles:
            revoked = f" — thu hồi ngày {line.revoked_on:%d/%m/%Y}: {line.revocation_reason}" if line.revoked else ""
            self.stdout.write(f"  {line.year}  {line.area_name}: {line.result_label}  {line.citation}{revoked}")
        for certificate in history.certificates:
            self.stdout.write(
                f"  {certificate.window_start}–{certificate.window_end}  {certificate.label}  {certificate.citation}"
            )
        for award in history.awards:
            revoked = f" — thu hồi ngày {award.revoked_on:%d/%m/%Y}: {award.revocation_reason}" if award.revoked else ""
            self.stdout.write(
                f"  {award.window_start}–{award.window_end}  {award.form_name} ({award.status_label})"
                f"  {award.citation}{revoked}"
            )

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
