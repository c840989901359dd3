"""``thidua council``: the council of a round from the console, through the same services as the pages.

thidua council members ROUND [--as USERNAME] [--add NAME --role ROLE --position TEXT --user USERNAME]
thidua council session-open ROUND --held-on DD/MM/YYYY --present ID,ID,… [--place TEXT]
thidua council ballot-open SESSION --nomination ID --method secret|hands
thidua council vote BALLOT --member ID --choice for|against|abstain
thidua council tally BALLOT --for N --against N [--abstain N]
thidua council close (--ballot ID | --session ID)
thidua council minutes SESSION --format pdf|docx -o FILE

Without ``--as`` a verb acts as thidua itself (the operator, acting as nobody).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.awards.council import services
from thidua.awards.council.documents import council_minutes_file
from thidua.awards.council.selectors import get_box_for_user, get_session_for_user
from thidua.awards.management.acting import AwardsCommand, acting_user, day_of, found, round_for
from thidua.awards.models import BallotBox, BallotMethod, Choice, CouncilMember, CouncilRole, CouncilSession
from thidua.awards.places import nominee_name
from thidua.documents.formats import FORMATS
from thidua.errors import DomainError


class Command(AwardsCommand):
    # Read when the command is listed, in the language the console runs in.
    help = cast(str, gettext_lazy("The council of a commendation round"))

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        members = verbs.add_parser("members", help=_("The council's members"))
        members.add_argument("round", type=int, help=_("The round's id"))
        members.add_argument("--add", metavar="NAME", help=_("Add a member"))
        members.add_argument("--role", choices=CouncilRole.values, default=CouncilRole.MEMBER)
        members.add_argument("--position", default="")
        members.add_argument("--user", help=_("The member's account, for voting on the page"))

        session = verbs.add_parser("session-open", help=_("Open a session"))
        session.add_argument("round", type=int)
        session.add_argument("--held-on", required=True, help="dd/mm/yyyy")
        session.add_argument("--present", required=True, help=_("The ids of the members present, by commas"))
        session.add_argument("--place", default="")

        ballot = verbs.add_parser("ballot-open", help=_("Open a ballot"))
        ballot.add_argument("session", type=int)
        ballot.add_argument("--nomination", type=int, required=True)
        ballot.add_argument("--method", choices=BallotMethod.values, default=BallotMethod.SECRET)

        vote = verbs.add_parser("vote", help=_("A member's vote"))
        vote.add_argument("ballot", type=int)
        vote.add_argument("--member", type=int, required=True)
        vote.add_argument("--choice", choices=Choice.values, required=True)

        tally = verbs.add_parser("tally", help=_("A paper secret ballot's count"))
        tally.add_argument("ballot", type=int)
        tally.add_argument("--for", dest="votes_for", type=int, required=True)
        tally.add_argument("--against", dest="votes_against", type=int, required=True)
        tally.add_argument("--abstain", dest="votes_abstain", type=int, default=0)

        close = verbs.add_parser("close", help=_("Close a ballot or a session"))
        which = close.add_mutually_exclusive_group(required=True)
        which.add_argument("--ballot", type=int)
        which.add_argument("--session", type=int)

        minutes = verbs.add_parser("minutes", help=_("The minutes of a session (PDF, DOCX)"))
        minutes.add_argument("session", type=int)
        minutes.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        minutes.add_argument("-o", "--output", required=True, type=Path)
        for verb in (members, session, ballot, vote, tally, close, minutes):
            verb.add_argument("--as", dest="actor", help=_("The acting user (user name)"))

    def handle(self, *args: Any, verb: str, actor: str | None = None, **options: Any) -> None:
        getattr(self, verb.replace("-", "_"))(actor=acting_user(actor), **options)

    def _box(self, actor: User, pk: int) -> BallotBox:
        return found(get_box_for_user, actor, pk, missing=_("There is no ballot %(id)s.") % {"id": pk})

    def _session(self, actor: User, pk: int) -> CouncilSession:
        return found(get_session_for_user, actor, pk, missing=_("There is no session %(id)s.") % {"id": pk})

    def members(
        self, *, actor: User, round: int, add: str | None, role: str, position: str, user: str | None, **_o: Any
    ) -> None:
        found_round = round_for(actor, round)
        council = found_round.council
        if council is None:
            raise DomainError(services.NO_COUNCIL, round=found_round.name)
        if add:
            account = User.objects.filter(username=user).first() if user else None
            if user and account is None:
                raise CommandError(_("There is no user %(name)s.") % {"name": user})
            services.council_member_add(
                council=council, full_name=add, role=role, position=position, user=account, actor=actor
            )
        for m in council.members.select_related("user").order_by("id"):
            account_name = m.user.username if m.user else "—"
            self.stdout.write(f"{m.pk:>5}  {m.full_name:<28} {m.role:<11} {account_name:<12} {m.position}")

    def session_open(self, *, actor: User, round: int, held_on: str, present: str, place: str, **_o: Any) -> None:
        found_round = round_for(actor, round)
        ids = {int(part) for part in present.split(",") if part.strip()}
        members = list(found_round.council.members.filter(pk__in=ids)) if found_round.council else []
        if len(members) != len(ids):
            raise CommandError(_("--present: some ids are not members of the council."))
        session = services.session_open(
            round=found_round, held_on=day_of(held_on), present=members, place=place, actor=actor
        )
        self.stdout.write(
            _("Session %(id)s: %(present)s present; %(recusals)s recusals")
            % {"id": session.pk, "present": len(members), "recusals": session.recusals.count()}
        )
        for r in session.recusals.select_related("member"):
            self.stdout.write(f"  {r.member.full_name} — {r.nomination_id}: {r.reason}")

    def ballot_open(self, *, actor: User, session: int, nomination: int, method: str, **_o: Any) -> None:
        found_session = self._session(actor, session)
        target = found_session.round.nominations.filter(pk=nomination).first()
        if target is None:
            raise CommandError(_("The round has no nomination %(id)s.") % {"id": nomination})
        box = services.ballot_open(session=found_session, nomination=target, method=method, actor=actor)
        self.stdout.write(
            _("Ballot %(id)s: %(nominee)s (%(method)s)")
            % {
                "id": box.pk,
                "nominee": nominee_name(target),
                "method": box.get_method_display(),
            }
        )

    def vote(self, *, actor: User, ballot: int, member: int, choice: str, **_o: Any) -> None:
        box = self._box(actor, ballot)
        seat = CouncilMember.objects.filter(pk=member).first()
        if seat is None:
            raise CommandError(_("There is no member %(id)s.") % {"id": member})
        services.vote_cast(box=box, member=seat, choice=choice, actor=actor)
        self.stdout.write(_("Recorded."))

    def tally(
        self, *, actor: User, ballot: int, votes_for: int, votes_against: int, votes_abstain: int, **_o: Any
    ) -> None:
        box = services.ballot_tally_record(
            box=self._box(actor, ballot),
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            actor=actor,
        )
        self.stdout.write(f"{box.votes_for}/{box.votes_against}/{box.votes_abstain}")

    def close(self, *, actor: User, ballot: int | None, session: int | None, **_o: Any) -> None:
        if ballot is not None:
            box = services.ballot_close(box=self._box(actor, ballot), actor=actor)
            verdict = _("passed") if box.passed else _("not passed")
            self.stdout.write(
                f"{verdict}: {box.votes_for}/{box.votes_against}/{box.votes_abstain} — {box.tally_detail}"
            )
        else:
            assert session is not None
            services.session_close(session=self._session(actor, session), actor=actor)
            self.stdout.write(_("The session is closed."))

    def minutes(self, *, actor: User, session: int, format: str, output: Path, **_o: Any) -> None:
        rendered = council_minutes_file(self._session(actor, session), format)
        output.write_bytes(rendered.content)
        self.stdout.write(_("%(file)s (%(size)s bytes)") % {"file": output, "size": len(rendered.content)})
