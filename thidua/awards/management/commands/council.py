"""``thidua council``: the council of a round from the console, through the same services as the pages.

thidua council members ROUND [--as USERNAME] [--add NAME --role ROLE --position TEXT --user USERNAME]
thidua council session-open ROUND --held-on DD/MM/YYYY --present ID,ID,… [--place TEXT]
thidua council ballot-open SESSION --nomination ID --method secret|hands
thidua council vote BALLOT --member ID --choice for|against|abstain
thidua council tally BALLOT --for N --against N [--abstain N]
thidua council close (--ballot ID | --session ID)
thidua council minutes SESSION --format pdf|docx -o FILE
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.models import User
from thidua.awards import council as services
from thidua.awards.management.acting import acting_user
from thidua.awards.models import BallotBox, BallotMethod, Choice, CouncilRole, CouncilSession, Round
from thidua.documents.builders_awards_council import council_minutes_file
from thidua.documents.formats import FORMATS
from thidua.errors import DomainError


def _day(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"{text}: ngày dạng dd/mm/yyyy / a date as dd/mm/yyyy") from None


class Command(BaseCommand):
    help = "Hội đồng Thi đua – Khen thưởng của một đợt / The council of a commendation round"

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        members = verbs.add_parser("members", help="Thành viên Hội đồng / The council's members")
        members.add_argument("round", type=int, help="Mã đợt / Round id")
        members.add_argument("--add", metavar="NAME", help="Thêm thành viên / Add a member")
        members.add_argument("--role", choices=CouncilRole.values, default=CouncilRole.MEMBER)
        members.add_argument("--position", default="")
        members.add_argument("--user", help="Tài khoản để bỏ phiếu trên trang / The member's account")

        session = verbs.add_parser("session-open", help="Khai mạc phiên họp / Open a session")
        session.add_argument("round", type=int)
        session.add_argument("--held-on", required=True, help="dd/mm/yyyy")
        session.add_argument("--present", required=True, help="Mã thành viên có mặt, cách nhau dấu phẩy / Member ids")
        session.add_argument("--place", default="")

        ballot = verbs.add_parser("ballot-open", help="Mở biểu quyết một trường hợp / Open a ballot")
        ballot.add_argument("session", type=int)
        ballot.add_argument("--nomination", type=int, required=True)
        ballot.add_argument("--method", choices=BallotMethod.values, default=BallotMethod.SECRET)

        vote = verbs.add_parser("vote", help="Ghi phiếu của một thành viên / A member's vote")
        vote.add_argument("ballot", type=int)
        vote.add_argument("--member", type=int, required=True)
        vote.add_argument("--choice", choices=Choice.values, required=True)

        tally = verbs.add_parser("tally", help="Kết quả kiểm phiếu kín trên giấy / A paper secret ballot's count")
        tally.add_argument("ballot", type=int)
        tally.add_argument("--for", dest="votes_for", type=int, required=True)
        tally.add_argument("--against", dest="votes_against", type=int, required=True)
        tally.add_argument("--abstain", dest="votes_abstain", type=int, default=0)

        close = verbs.add_parser("close", help="Kết thúc biểu quyết hoặc phiên họp / Close a ballot or a session")
        which = close.add_mutually_exclusive_group(required=True)
        which.add_argument("--ballot", type=int)
        which.add_argument("--session", type=int)

        minutes = verbs.add_parser("minutes", help="Biên bản họp Hội đồng (PDF, DOCX) / The minutes")
        minutes.add_argument("session", type=int)
        minutes.add_argument("--format", choices=sorted(FORMATS), default="pdf")
        minutes.add_argument("-o", "--output", required=True, type=Path)
        for verb in (members, session, ballot, vote, tally, close, minutes):
            verb.add_argument("--as", dest="actor", help="Người thực hiện (tên đăng nhập) / Acting user (username)")

    def handle(self, *args: Any, verb: str, actor: str | None = None, **options: Any) -> None:
        user = acting_user(actor)
        try:
            getattr(self, verb.replace("-", "_"))(actor=user, **options)
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def _round(self, pk: int) -> Round:
        round = Round.objects.filter(pk=pk).select_related("council").first()
        if round is None:
            raise CommandError(f"{pk}: không có đợt / no such round")
        return round

    def _box(self, pk: int) -> BallotBox:
        box = BallotBox.objects.filter(pk=pk).select_related("session__round", "nomination").first()
        if box is None:
            raise CommandError(f"{pk}: không có phiếu biểu quyết / no such ballot")
        return box

    def _session(self, pk: int) -> CouncilSession:
        session = CouncilSession.objects.filter(pk=pk).select_related("round").first()
        if session is None:
            raise CommandError(f"{pk}: không có phiên họp / no such session")
        return session

    def members(
        self, *, actor: Any, round: int, add: str | None, role: str, position: str, user: str | None, **_: Any
    ) -> None:
        found = self._round(round)
        if found.council is None:
            raise DomainError(services.NO_COUNCIL, round=found.name)
        if add:
            account = User.objects.filter(username=user).first() if user else None
            if user and account is None:
                raise CommandError(f"{user}: không có tài khoản / no such account")
            services.council_member_add(
                council=found.council, full_name=add, role=role, position=position, user=account, actor=actor
            )
        for m in found.council.members.select_related("user").order_by("id"):
            account_name = m.user.username if m.user else "—"
            self.stdout.write(f"{m.pk:>5}  {m.full_name:<28} {m.role:<11} {account_name:<12} {m.position}")

    def session_open(self, *, actor: Any, round: int, held_on: str, present: str, place: str, **_: Any) -> None:
        found = self._round(round)
        ids = {int(part) for part in present.split(",") if part.strip()}
        members = list(found.council.members.filter(pk__in=ids)) if found.council else []
        if len(members) != len(ids):
            raise CommandError("--present: mã thành viên không thuộc Hội đồng / ids not of the council")
        session = services.session_open(round=found, held_on=_day(held_on), present=members, place=place, actor=actor)
        self.stdout.write(
            f"Phiên họp / session {session.pk}: {len(members)} có mặt / present; "
            f"{session.recusals.count()} trường hợp tránh biểu quyết / recusals"
        )
        for r in session.recusals.select_related("member"):
            self.stdout.write(f"  {r.member.full_name} — {r.nomination_id}: {r.reason}")

    def ballot_open(self, *, actor: Any, session: int, nomination: int, method: str, **_: Any) -> None:
        found = self._session(session)
        target = found.round.nominations.filter(pk=nomination).first()
        if target is None:
            raise CommandError(f"{nomination}: không có đề nghị trong đợt / no such nomination in the round")
        box = services.ballot_open(session=found, nomination=target, method=method, actor=actor)
        self.stdout.write(f"Phiếu / ballot {box.pk}: {services.nominee_name(target)} ({method})")

    def vote(self, *, actor: Any, ballot: int, member: int, choice: str, **_: Any) -> None:
        box = self._box(ballot)
        seat = box.session.round.council.members.filter(pk=member).first() if box.session.round.council else None
        if seat is None:
            from thidua.awards.models import CouncilMember

            seat = CouncilMember.objects.filter(pk=member).first()
            if seat is None:
                raise CommandError(f"{member}: không có thành viên / no such member")
        services.vote_cast(box=box, member=seat, choice=choice, actor=actor)
        self.stdout.write("Đã ghi / recorded")

    def tally(
        self, *, actor: Any, ballot: int, votes_for: int, votes_against: int, votes_abstain: int, **_: Any
    ) -> None:
        box = services.ballot_tally_record(
            box=self._box(ballot),
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            actor=actor,
        )
        self.stdout.write(f"{box.votes_for}/{box.votes_against}/{box.votes_abstain}")

    def close(self, *, actor: Any, ballot: int | None, session: int | None, **_: Any) -> None:
        if ballot is not None:
            box = services.ballot_close(box=self._box(ballot), actor=actor)
            verdict = "Đạt / passed" if box.passed else "Không đạt / not passed"
            self.stdout.write(
                f"{verdict}: {box.votes_for}/{box.votes_against}/{box.votes_abstain} — {box.tally_detail}"
            )
        else:
            assert session is not None
            services.session_close(session=self._session(session), actor=actor)
            self.stdout.write("Đã kết thúc phiên họp / session closed")

    def minutes(self, *, session: int, format: str, output: Path, **_: Any) -> None:
        rendered = council_minutes_file(self._session(session), format)
        output.write_bytes(rendered.content)
        self.stdout.write(f"{output} ({len(rendered.content)} bytes)")
