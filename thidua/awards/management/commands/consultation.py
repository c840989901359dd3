"""``thidua consultation``: a round's public consultation from the console.

thidua consultation publish ROUND --on DATE [--working-days N] [--user NAME]   publish the accepted nominations
thidua consultation objections ROUND [--format text|json]                      the objections and what blocks the vote
thidua consultation answer OBJECTION --status upheld|dismissed --answer TEXT [--user NAME]

Dates are dd/mm/yyyy or yyyy-mm-dd. ``--user`` names the officer the audit records (none by default,
as for the other commands run by the system's operator).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from thidua.awards.consultation import services as consultation
from thidua.awards.management.acting import acting_user
from thidua.awards.models import PublicObjection, Round
from thidua.errors import DomainError
from thidua.units.console import parse_day


def _round(pk: int) -> Round:
    try:
        return Round.objects.get(pk=pk)
    except Round.DoesNotExist:
        raise CommandError(f"Không có đợt khen thưởng số {pk} / There is no round {pk}.") from None


class Command(BaseCommand):
    help = "Lấy ý kiến nhân dân về danh sách khen thưởng / The public consultation of a commendation round"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        publish = verbs.add_parser("publish", help="Công khai danh sách / Publish the accepted nominations")
        publish.add_argument("round", type=int, help="Số đợt khen thưởng / The round's id")
        publish.add_argument("--on", required=True, help="Ngày công khai / The day of publication")
        publish.add_argument(
            "--working-days",
            type=int,
            default=consultation.MIN_WORKING_DAYS,
            help="Số ngày làm việc lấy ý kiến (ít nhất 10) / Working days of consultation (at least 10)",
        )
        publish.add_argument("--as", "--user", dest="user", help="Tài khoản cán bộ / The officer's user name")
        objections = verbs.add_parser("objections", help="Các ý kiến phản ánh / The objections")
        objections.add_argument("round", type=int, help="Số đợt khen thưởng / The round's id")
        objections.add_argument("--format", choices=("text", "json"), default="text")
        answer = verbs.add_parser("answer", help="Trả lời một ý kiến / Answer an objection")
        answer.add_argument("objection", type=int, help="Số ý kiến / The objection's id")
        answer.add_argument("--status", required=True, choices=("upheld", "dismissed"))
        answer.add_argument("--answer", required=True, help="Nội dung trả lời / The answer")
        answer.add_argument("--as", "--user", dest="user", help="Tài khoản cán bộ / The officer's user name")

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        try:
            getattr(self, f"_{verb}")(**options)
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def _publish(self, *, round: int, on: str, working_days: int, user: str | None, **options: Any) -> None:
        try:
            day = parse_day(on)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        published = consultation.consultation_publish(
            round=_round(round), on=day, working_days=working_days, actor=acting_user(user)
        )
        assert published.consultation_until is not None
        until = f"{published.consultation_until:%d/%m/%Y}"
        self.stdout.write(
            f"{published.name}: lấy ý kiến đến hết ngày {until} / the consultation runs until {until} "
            f"({working_days} ngày làm việc / working days)"
        )

    def _objections(self, *, round: int, format: str, **options: Any) -> None:
        the_round = _round(round)
        today = timezone.localdate()
        rows = PublicObjection.objects.filter(round=the_round).select_related("nomination").order_by("raised_at", "pk")
        blockers = {}
        for language in ("vi", "en"):
            with translation.override(language):
                blockers[language] = consultation.consultation_blockers(the_round, today)
        if format == "json":
            data = {
                "round": the_round.pk,
                "consultation_from": the_round.consultation_from.isoformat() if the_round.consultation_from else None,
                "consultation_until": the_round.consultation_until.isoformat()
                if the_round.consultation_until
                else None,
                "blockers": blockers,
                "objections": [
                    {
                        "id": o.pk,
                        "nomination": o.nomination_id,
                        "raised_at": o.raised_at.isoformat(),
                        "name": o.name,
                        "contact": o.contact,
                        "text": o.text,
                        "status": o.status,
                        "answer": o.answer,
                    }
                    for o in rows
                ],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for o in rows:
            subject = str(o.nomination) if o.nomination else "chung / general"
            self.stdout.write(f"#{o.pk} {timezone.localtime(o.raised_at):%d/%m/%Y} [{o.status}] {subject}: {o.text}")
            if o.answer:
                self.stdout.write(f"    → {o.answer}")
        for vi, en in zip(blockers["vi"], blockers["en"], strict=True):
            self.stdout.write(f"! {vi} / {en}")
        if not blockers["vi"]:
            self.stdout.write("Hội đồng có thể biểu quyết / The council may vote.")

    def _answer(self, *, objection: int, status: str, answer: str, user: str | None, **options: Any) -> None:
        try:
            row = PublicObjection.objects.get(pk=objection)
        except PublicObjection.DoesNotExist:
            raise CommandError(f"Không có ý kiến số {objection} / There is no objection {objection}.") from None
        done = consultation.objection_answer(objection=row, status=status, answer=answer, actor=acting_user(user))
        labels = []
        for language in ("vi", "en"):
            with translation.override(language):
                labels.append(str(done.get_status_display()))
        self.stdout.write(f"#{done.pk}: {' / '.join(labels)}")
