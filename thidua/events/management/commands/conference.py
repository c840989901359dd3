"""``thidua conference``: a conference from the console, through the same services as the pages.

thidua conference list
thidua conference invite-awarded ID
thidua conference checkin ID CODE
thidua conference status ID
thidua conference letter ID --format pdf|docx -o FILE
thidua conference attendance ID -o FILE.xlsx
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.documents.formats import FORMATS
from thidua.errors import DomainError
from thidua.events import selectors, services
from thidua.events.documents import attendance_workbook, invitation_letter
from thidua.events.models import Conference


class Command(BaseCommand):
    help = "Hội nghị biểu dương: mời, điểm danh, giấy mời / Honouring conferences: invitations, check-in, letters"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("list", help="Các hội nghị / The conferences")
        for name, text in (
            ("invite-awarded", "Mời mọi tập thể, cá nhân được khen / Invite everyone the round awarded"),
            ("status", "Số người đã đến / Who has arrived"),
        ):
            verbs.add_parser(name, help=text).add_argument("conference", type=int)
        checkin = verbs.add_parser("checkin", help="Điểm danh theo mã / Check in by code")
        checkin.add_argument("conference", type=int)
        checkin.add_argument("code")
        letter = verbs.add_parser("letter", help="Giấy mời kèm danh sách / The invitation letter with its list")
        letter.add_argument("conference", type=int)
        letter.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        letter.add_argument("-o", "--output", required=True)
        sheet = verbs.add_parser("attendance", help="Danh sách điểm danh (Excel) / The attendance workbook")
        sheet.add_argument("conference", type=int)
        sheet.add_argument("-o", "--output", required=True)

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "list":
            for c in Conference.objects.order_by("-starts_at"):
                self.stdout.write(f"{c.pk:>4}  {c.starts_at:%d/%m/%Y %H:%M}  {c.name} — {c.place}")
            return
        conference = Conference.objects.filter(pk=options["conference"]).first()
        if conference is None:
            raise CommandError(f"Không có hội nghị {options['conference']} / No conference {options['conference']}")
        try:
            if verb == "invite-awarded":
                result = services.invitations_from_awards(conference=conference, actor=None)
                self.stdout.write(
                    f"Đã mời thêm {result['invited']}, tổng {result['total']} / "
                    f"invited {result['invited']}, total {result['total']}"
                )
            elif verb == "checkin":
                invitation = services.checkin(conference=conference, code=options["code"], actor=None)
                self.stdout.write(f"{invitation.full_name} — {invitation.representing}")
            elif verb == "status":
                counts = selectors.attendance(conference)
                self.stdout.write(f"{counts.present}/{counts.invited} đã đến / have arrived ({counts.percent}%)")
            elif verb == "letter":
                render, _type = FORMATS[options["format"]]
                Path(options["output"]).write_bytes(render(invitation_letter(conference)))
                self.stdout.write(options["output"])
            elif verb == "attendance":
                Path(options["output"]).write_bytes(attendance_workbook(conference))
                self.stdout.write(options["output"])
        except DomainError as exc:
            raise CommandError(exc.text("vi") + " / " + exc.text("en")) from None
