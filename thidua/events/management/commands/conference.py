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

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.documents.formats import FORMATS
from thidua.errors import DomainError
from thidua.events import selectors, services
from thidua.events.documents import attendance_workbook, invitation_letter
from thidua.events.models import Conference


class Command(ThiduaCommand):
    help = gettext_lazy("Honouring conferences: invitations, check-in, letters")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("list", help=_("The conferences"))
        for name, text in (
            ("invite-awarded", _("Invite everyone the round awarded")),
            ("status", _("Who has arrived")),
        ):
            verbs.add_parser(name, help=text).add_argument("conference", type=int)
        checkin = verbs.add_parser("checkin", help=_("Check in by code"))
        checkin.add_argument("conference", type=int)
        checkin.add_argument("code")
        letter = verbs.add_parser("letter", help=_("The invitation letter with its list"))
        letter.add_argument("conference", type=int)
        letter.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        letter.add_argument("-o", "--output", required=True)
        sheet = verbs.add_parser("attendance", help=_("The attendance workbook (Excel)"))
        sheet.add_argument("conference", type=int)
        sheet.add_argument("-o", "--output", required=True)

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "list":
            for c in Conference.objects.order_by("-starts_at"):
                self.stdout.write(f"{c.pk:>4}  {c.starts_at:%d/%m/%Y %H:%M}  {c.name} — {c.place}")
            return
        conference = Conference.objects.filter(pk=options["conference"]).first()
        if conference is None:
            raise CommandError(_("There is no conference %(id)s.") % {"id": options["conference"]})
        try:
            if verb == "invite-awarded":
                result = services.invitations_from_awards(conference=conference, actor=SYSTEM_ACTOR)
                self.stdout.write(_("Invited %(invited)s more, %(total)s in all.") % result)
            elif verb == "checkin":
                invitation = services.checkin(conference=conference, code=options["code"], actor=SYSTEM_ACTOR)
                self.stdout.write(f"{invitation.full_name} — {invitation.representing}")
            elif verb == "status":
                counts = selectors.attendance(conference)
                self.stdout.write(
                    _("%(present)s/%(invited)s have arrived (%(percent)s%%)")
                    % {"present": counts.present, "invited": counts.invited, "percent": counts.percent}
                )
            elif verb == "letter":
                render, _type = FORMATS[options["format"]]
                Path(options["output"]).write_bytes(render(invitation_letter(conference)))
                self.stdout.write(options["output"])
            elif verb == "attendance":
                Path(options["output"]).write_bytes(attendance_workbook(conference))
                self.stdout.write(options["output"])
        except DomainError as exc:
            raise CommandError(exc.text()) from None
