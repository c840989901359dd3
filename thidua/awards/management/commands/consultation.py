"""``thidua consultation``: a round's public consultation from the console.

thidua consultation publish ROUND --on DATE [--working-days N] [--user NAME]   publish the accepted nominations
thidua consultation objections ROUND [--format text|json]                      the objections and what blocks the vote
thidua consultation answer OBJECTION --status upheld|dismissed --answer TEXT [--user NAME]

Dates are dd/mm/yyyy or yyyy-mm-dd. ``--user`` names the officer the audit records (none by default:
the command then acts as thidua itself, the operator acting as nobody).
"""

from __future__ import annotations

import json
from typing import Any, cast

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.consultation import services
from thidua.awards.consultation.selectors import MIN_WORKING_DAYS, consultation_blockers
from thidua.awards.management.acting import AwardsCommand, acting_user, day_of, round_for
from thidua.awards.models import PublicObjection
from thidua.awards.rounds.selectors import rounds_visible_to


class Command(AwardsCommand):
    # Read when the command is listed, in the language the console runs in.
    help = cast(str, gettext_lazy("The public consultation of a commendation round"))

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        publish = verbs.add_parser("publish", help=_("Publish the accepted nominations"))
        publish.add_argument("round", type=int, help=_("The round's id"))
        publish.add_argument("--on", required=True, help=_("The day of publication"))
        publish.add_argument(
            "--working-days",
            type=int,
            default=MIN_WORKING_DAYS,
            help=_("Working days of consultation (at least 10)"),
        )
        publish.add_argument("--as", "--user", dest="user", help=_("The officer's user name"))
        objections = verbs.add_parser("objections", help=_("The objections"))
        objections.add_argument("round", type=int, help=_("The round's id"))
        objections.add_argument("--format", choices=("text", "json"), default="text")
        answer = verbs.add_parser("answer", help=_("Answer an objection"))
        answer.add_argument("objection", type=int, help=_("The objection's id"))
        answer.add_argument("--status", required=True, choices=("upheld", "dismissed"))
        answer.add_argument("--answer", required=True, help=_("The answer"))
        answer.add_argument("--as", "--user", dest="user", help=_("The officer's user name"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        getattr(self, f"_{verb}")(**options)

    def _publish(self, *, round: int, on: str, working_days: int, user: str | None, **options: Any) -> None:
        actor = acting_user(user)
        published = services.consultation_publish(
            round=round_for(actor, round), on=day_of(on), working_days=working_days, actor=actor
        )
        assert published.consultation_until is not None
        self.stdout.write(
            _("%(round)s: the consultation runs until %(day)s (%(count)s working days)")
            % {
                "round": published.name,
                "day": f"{published.consultation_until:%d/%m/%Y}",
                "count": working_days,
            }
        )

    def _objections(self, *, round: int, format: str, **options: Any) -> None:
        the_round = round_for(acting_user(None), round)
        rows = PublicObjection.objects.filter(round=the_round).select_related("nomination").order_by("raised_at", "pk")
        blockers = consultation_blockers(the_round, timezone.localdate())
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
            subject = str(o.nomination) if o.nomination else _("general")
            self.stdout.write(f"#{o.pk} {timezone.localtime(o.raised_at):%d/%m/%Y} [{o.status}] {subject}: {o.text}")
            if o.answer:
                self.stdout.write(f"    → {o.answer}")
        for blocker in blockers:
            self.stdout.write(f"! {blocker}")
        if not blockers:
            self.stdout.write(_("The council may vote."))

    def _answer(self, *, objection: int, status: str, answer: str, user: str | None, **options: Any) -> None:
        actor = acting_user(user)
        row = PublicObjection.objects.filter(pk=objection, round__in=rounds_visible_to(actor)).first()
        if row is None:
            raise CommandError(_("There is no objection %(id)s.") % {"id": objection})
        done = services.objection_answer(objection=row, status=status, answer=answer, actor=actor)
        self.stdout.write(f"#{done.pk}: {done.get_status_display()}")
