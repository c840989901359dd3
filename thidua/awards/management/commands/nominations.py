"""``thidua nominations``: the nominations of a commendation round from the console.

thidua nominations list ROUND [--unit CODE] [--format text|json]
thidua nominations create ROUND --form CODE (--area CODE | --person ID) --unit CODE --as USER
                          [--outside --justification TEXT] [--dry-run]
thidua nominations submit|accept ID --as USER [--dry-run]
thidua nominations return ID --reason TEXT --as USER [--dry-run]
thidua nominations withdraw ID [--reason TEXT] --as USER [--dry-run]
thidua nominations report ID --format pdf|docx -o FILE

Writes go through the same services as the pages, acting as the user named by ``--as``; ``--dry-run``
runs every check and rolls back.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from thidua.accounts.models import User
from thidua.awards.management.acting import acting_user
from thidua.awards.models import Nomination, NominationStatus, Round
from thidua.awards.nominations import services as service
from thidua.awards.nominations.documents import nomination_report_file
from thidua.errors import DomainError
from thidua.people.models import Person
from thidua.units.models import Unit
from thidua.units.selectors import unit_by_code

MOVES = {
    "submit": NominationStatus.SUBMITTED,
    "return": NominationStatus.RETURNED,
    "accept": NominationStatus.ACCEPTED,
    "withdraw": NominationStatus.WITHDRAWN,
}


class _DryRun(Exception):
    pass


def _line(n: Nomination) -> str:
    subject = n.area.full_name if n.area else f"{n.person} ({n.person_area.full_name if n.person_area else '—'})"
    with translation.override("vi"):
        vi = str(NominationStatus(n.status).label)
    with translation.override("en"):
        en = str(NominationStatus(n.status).label)
    flag = " [ngoài danh sách / outside the candidates]" if n.outside_candidates else ""
    return f"{n.pk:>5}  {n.form.code:<16} {subject:<36} {n.nominated_by.full_name:<24} {vi} / {en}{flag}"


class Command(BaseCommand):
    help = "Đề nghị khen thưởng / Nominations: list, create, submit, return, accept, withdraw, report"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        listing = verbs.add_parser("list", help="Danh sách đề nghị của một đợt / A round's nominations")
        listing.add_argument("round", type=int, help="Mã đợt / Round id")
        listing.add_argument("--unit", default="", help="Chỉ của đơn vị đề nghị / Only of this nominating unit")
        listing.add_argument("--format", choices=("text", "json"), default="text", help="Định dạng / Format")

        create = verbs.add_parser("create", help="Đề nghị một khu dân cư hoặc một người / Nominate an area or a person")
        create.add_argument("round", type=int, help="Mã đợt / Round id")
        create.add_argument("--form", required=True, help="Mã hình thức khen thưởng / Award form code")
        subject = create.add_mutually_exclusive_group(required=True)
        subject.add_argument("--area", help="Mã khu dân cư / Area code")
        subject.add_argument("--person", type=int, help="Mã người / Person id")
        create.add_argument("--unit", required=True, help="Mã đơn vị đề nghị / Nominating unit code")
        create.add_argument(
            "--outside", action="store_true", help="Ngoài danh sách đủ điều kiện / Outside the candidates"
        )
        create.add_argument("--justification", default="", help="Lý do / Justification (≥ 30 ký tự / characters)")
        self._acting(create)

        for verb, what in (
            ("submit", "Gửi đề nghị / Submit"),
            ("return", "Trả lại kèm lý do / Return with a reason"),
            ("accept", "Chấp nhận / Accept"),
            ("withdraw", "Rút đề nghị / Withdraw"),
        ):
            move = verbs.add_parser(verb, help=what)
            move.add_argument("id", type=int, help="Mã đề nghị / Nomination id")
            if verb in ("return", "withdraw"):
                move.add_argument("--reason", required=verb == "return", default="", help="Lý do / Reason")
            self._acting(move)

        report = verbs.add_parser("report", help="Xuất báo cáo thành tích / Export the achievement report")
        report.add_argument("id", type=int, help="Mã đề nghị / Nomination id")
        report.add_argument("--format", choices=("pdf", "docx"), default="pdf", help="Định dạng / Format")
        report.add_argument("-o", "--output", required=True, type=Path, help="Tệp ghi ra / Output file")

    def _acting(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="acting", required=True, help="Tên đăng nhập / The acting user")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi / Check only, write nothing"
        )

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            if verb == "list":
                self.listing(options)
            elif verb == "report":
                self.report(options)
            else:
                self.write(verb, options)
        except DomainError as error:
            raise CommandError(str(error)) from None

    def listing(self, options: dict[str, Any]) -> None:
        round = self._round(options["round"])
        rows = Nomination.objects.filter(round=round).select_related(
            "form", "area", "person", "person_area", "nominated_by"
        )
        if options["unit"]:
            rows = rows.filter(nominated_by=self._unit(options["unit"], round))
        rows = rows.order_by("form__rank", "nominated_by__name", "pk")
        if options["format"] == "json":
            data = [
                {
                    "id": n.pk,
                    "form": n.form.code,
                    "area": n.area.code if n.area else None,
                    "person_id": n.person_id,
                    "subject": n.area.full_name if n.area else str(n.person),
                    "nominated_by": n.nominated_by.code,
                    "status": n.status,
                    "outside_candidates": n.outside_candidates,
                    "justification": n.justification,
                }
                for n in rows
            ]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for n in rows:
            self.stdout.write(_line(n))
        self.stdout.write(f"{len(rows)} đề nghị / nominations")

    def report(self, options: dict[str, Any]) -> None:
        nomination = self._nomination(options["id"])
        rendered = nomination_report_file(nomination, options["format"])
        options["output"].write_bytes(rendered.content)
        self.stdout.write(f"{options['output']} ({len(rendered.content)} bytes)")

    def write(self, verb: str, options: dict[str, Any]) -> None:
        actor = acting_user(options["acting"])
        assert actor is not None  # --as is required for every write
        try:
            with transaction.atomic():
                if verb == "create":
                    nomination = self._create(options, actor)
                else:
                    nomination = self._nomination(options["id"])
                    service.nomination_transition(
                        nomination, to=MOVES[verb], actor=actor, reason=options.get("reason", "")
                    )
                line = _line(nomination)
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(f"{line}\n(thử, không ghi / dry run, nothing written)")
            return
        self.stdout.write(line)

    def _create(self, options: dict[str, Any], actor: User) -> Nomination:
        round = self._round(options["round"])
        form = round.forms.filter(code=options["form"]).first()
        if form is None:
            raise CommandError(f"Không có hình thức / No award form {options['form']!r} in round {round.pk}")
        area = self._unit(options["area"], round) if options["area"] else None
        person = Person.objects.filter(pk=options["person"]).first() if options["person"] else None
        if options["person"] and person is None:
            raise CommandError(f"Không có người / No person {options['person']}")
        return service.nomination_create(
            round=round,
            form=form,
            area=area,
            person=person,
            nominated_by=self._unit(options["unit"], round),
            outside_candidates=options["outside"],
            justification=options["justification"],
            actor=actor,
        )

    def _round(self, pk: int) -> Round:
        round = Round.objects.select_related("issuer").filter(pk=pk).first()
        if round is None:
            raise CommandError(f"Không có đợt / No round {pk}")
        return round

    def _unit(self, code: str, round: Round) -> Unit:
        unit = unit_by_code(code, datetime.date(round.period_end, 12, 31))
        if unit is None:
            raise CommandError(f"Không có đơn vị / No unit {code}")
        return unit

    def _nomination(self, pk: int) -> Nomination:
        nomination = (
            Nomination.objects.select_related("round", "form", "area", "person", "nominated_by").filter(pk=pk).first()
        )
        if nomination is None:
            raise CommandError(f"Không có đề nghị / No nomination {pk}")
        return nomination
