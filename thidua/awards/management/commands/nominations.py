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

import json
from pathlib import Path
from typing import Any, cast

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.awards.management.acting import AwardsCommand, acting_user, found, round_for, unit_of_year
from thidua.awards.models import Nomination, NominationStatus, Round
from thidua.awards.nominations import services
from thidua.awards.nominations.documents import nomination_report_file
from thidua.awards.nominations.selectors import get_nomination_for_user
from thidua.people.models import Person
from thidua.units.models import Unit

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
    flag = f" [{_('outside the candidates')}]" if n.outside_candidates else ""
    status = NominationStatus(n.status).label
    return f"{n.pk:>5}  {n.form.code:<16} {subject:<36} {n.nominated_by.full_name:<24} {status}{flag}"


class Command(AwardsCommand):
    # Read when the command is listed, in the language the console runs in.
    help = cast(str, gettext_lazy("Nominations: list, create, submit, return, accept, withdraw, report"))

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        listing = verbs.add_parser("list", help=_("A round's nominations"))
        listing.add_argument("round", type=int, help=_("The round's id"))
        listing.add_argument("--unit", default="", help=_("Only of this nominating unit"))
        listing.add_argument("--format", choices=("text", "json"), default="text", help=_("Format"))

        create = verbs.add_parser("create", help=_("Nominate an area or a person"))
        create.add_argument("round", type=int, help=_("The round's id"))
        create.add_argument("--form", required=True, help=_("The award form's code"))
        subject = create.add_mutually_exclusive_group(required=True)
        subject.add_argument("--area", help=_("The area's code"))
        subject.add_argument("--person", type=int, help=_("The person's id"))
        create.add_argument("--unit", required=True, help=_("The nominating unit's code"))
        create.add_argument("--outside", action="store_true", help=_("Outside the candidates"))
        create.add_argument("--justification", default="", help=_("Justification (at least 30 characters)"))
        self._acting(create)

        for verb, what in (
            ("submit", _("Submit")),
            ("return", _("Return with a reason")),
            ("accept", _("Accept")),
            ("withdraw", _("Withdraw")),
        ):
            move = verbs.add_parser(verb, help=what)
            move.add_argument("id", type=int, help=_("The nomination's id"))
            if verb in ("return", "withdraw"):
                move.add_argument("--reason", required=verb == "return", default="", help=_("Reason"))
            self._acting(move)

        report = verbs.add_parser("report", help=_("Export the achievement report"))
        report.add_argument("id", type=int, help=_("The nomination's id"))
        report.add_argument("--format", choices=("pdf", "docx"), default="pdf", help=_("Format"))
        report.add_argument("-o", "--output", required=True, type=Path, help=_("The file to write"))

    def _acting(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="acting", required=True, help=_("The acting user"))
        parser.add_argument("--dry-run", action="store_true", help=_("Check only, write nothing"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "list":
            self.listing(options)
        elif verb == "report":
            self.report(options)
        else:
            self.write(verb, options)

    def listing(self, options: dict[str, Any]) -> None:
        round = round_for(acting_user(None), options["round"])
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
        self.stdout.write(_("%(count)s nominations") % {"count": len(rows)})

    def report(self, options: dict[str, Any]) -> None:
        nomination = self._nomination(acting_user(None), options["id"])
        rendered = nomination_report_file(nomination, options["format"])
        options["output"].write_bytes(rendered.content)
        self.stdout.write(_("%(file)s (%(size)s bytes)") % {"file": options["output"], "size": len(rendered.content)})

    def write(self, verb: str, options: dict[str, Any]) -> None:
        actor = acting_user(options["acting"])
        try:
            with transaction.atomic():
                if verb == "create":
                    nomination = self._create(options, actor)
                else:
                    nomination = self._nomination(actor, options["id"])
                    services.nomination_move(
                        nomination=nomination, to=MOVES[verb], actor=actor, reason=options.get("reason", "")
                    )
                line = _line(nomination)
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(f"{line}\n({_('dry run, nothing written')})")
            return
        self.stdout.write(line)

    def _create(self, options: dict[str, Any], actor: User) -> Nomination:
        round = round_for(actor, options["round"])
        form = round.forms.filter(code=options["form"]).first()
        if form is None:
            raise CommandError(_("The round has no form %(code)s.") % {"code": options["form"]})
        area = self._unit(options["area"], round) if options["area"] else None
        person = Person.objects.filter(pk=options["person"]).first() if options["person"] else None
        if options["person"] and person is None:
            raise CommandError(_("There is no person %(id)s.") % {"id": options["person"]})
        return services.nomination_create(
            round=round,
            form=form,
            area=area,
            person=person,
            nominated_by=self._unit(options["unit"], round),
            outside_candidates=options["outside"],
            justification=options["justification"],
            actor=actor,
        )

    def _unit(self, code: str, round: Round) -> Unit:
        return unit_of_year(code, round.period_end)

    def _nomination(self, actor: User, pk: int) -> Nomination:
        return found(get_nomination_for_user, actor, pk, missing=_("There is no nomination %(id)s.") % {"id": pk})
