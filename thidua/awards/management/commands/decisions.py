"""thidua decisions: issue, show and revoke a round's decision; send a tờ trình and record its outcome;
write the decision (or a proposal) as PDF/DOCX; print the Giấy khen. Thin verbs over thidua.awards.decisions."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.awards.decisions import services as services
from thidua.awards.decisions.documents import (
    award_certificates,
    award_decision_file,
    award_legal_bases_on,
    award_subject,
    proposal_file,
)
from thidua.awards.management.acting import acting_user
from thidua.awards.models import AwardDecision, Proposal, Round
from thidua.documents.model import certificate_to_json
from thidua.documents.models import GeneratedFile
from thidua.documents.services import certificates_render_batch
from thidua.errors import DomainError
from thidua.lib.progress import TerminalProgress


def _date(text: str) -> datetime.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"{text}: ngày dd/mm/yyyy / a date dd/mm/yyyy")


def _ids(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(part) for part in text.replace(",", " ").split()]
    except ValueError:
        raise CommandError(f"{text}: danh sách mã / a list of ids") from None


class Command(BaseCommand):
    help = "Quyết định khen thưởng, tờ trình, giấy khen / Decisions, proposals, certificates of a round"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as", "--actor", dest="actor", help="Người thực hiện (tên đăng nhập) / Acting user (username)"
        )
        verbs = parser.add_subparsers(dest="verb", required=True)
        issue = verbs.add_parser("issue", help="Ban hành quyết định / Issue the decision of a round")
        issue.add_argument("round", type=int, help="Mã đợt / Round id")
        issue.add_argument("--forms", required=True, help="Mã hình thức, cách nhau dấu phẩy / Form codes")
        issue.add_argument("--issued-on", required=True, help="dd/mm/yyyy")
        issue.add_argument("--subject", help="Trích yếu (mặc định theo đợt) / Subject (default from the round)")
        issue.add_argument(
            "--basis", action="append", help="Căn cứ, lặp lại (mặc định theo ngày) / Legal basis, repeatable"
        )
        issue.add_argument("--signer-prefix", default="", help='"KT. Chủ tịch", "TM. Ủy ban nhân dân" or empty')
        issue.add_argument("--signer-title", default="Chủ tịch")
        issue.add_argument("--signer-name", required=True)
        issue.add_argument("--recipients", default="Như Điều 3", help="Nơi nhận, một dòng mỗi nơi / one a line")
        issue.add_argument("--select", help="Chỉ các đề nghị này (mã) / Only these nomination ids")
        show = verbs.add_parser("show", help="Xem quyết định / Show a decision (JSON)")
        show.add_argument("decision", type=int)
        revoke = verbs.add_parser("revoke", help="Thu hồi quyết định / Revoke a decision, with a reason")
        revoke.add_argument("decision", type=int)
        revoke.add_argument("--on", required=True, help="dd/mm/yyyy")
        revoke.add_argument("--reason", required=True)
        send = verbs.add_parser("proposal-send", help="Gửi tờ trình lên cấp trên / Send a proposal upward")
        send.add_argument("round", type=int)
        send.add_argument("--form", required=True, help="Mã hình thức đề nghị / Code of a PROPOSE form")
        send.add_argument("--sent-on", required=True, help="dd/mm/yyyy")
        send.add_argument("--to", required=True, help="Kính gửi / The higher body")
        outcome = verbs.add_parser("proposal-outcome", help="Ghi quyết định của cấp trên / Record the outcome")
        outcome.add_argument("proposal", type=int)
        outcome.add_argument("--status", choices=["decided", "refused"], required=True)
        outcome.add_argument("--higher-decision", default="", help='"125/QĐ-MTTQ-BTT"')
        outcome.add_argument("--decided-on", help="dd/mm/yyyy")
        outcome.add_argument("--nominations", default="", help="Mã đề nghị được khen / Nomination ids awarded")
        document = verbs.add_parser("document", help="Ghi quyết định ra tệp / Write the decision as a file")
        which = document.add_mutually_exclusive_group(required=True)
        which.add_argument("--decision", type=int)
        which.add_argument("--proposal", type=int)
        document.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        document.add_argument("-o", "--output", required=True, type=Path)
        certificates = verbs.add_parser("certificates", help="In giấy khen vào một PDF / Print the certificates")
        certificates.add_argument("decision", type=int)
        certificates.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args: Any, verb: str, actor: str | None = None, **options: Any) -> None:
        user = acting_user(actor)
        try:
            getattr(self, verb.replace("-", "_"))(actor=user, **options)
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def _round(self, pk: int) -> Round:
        round = Round.objects.filter(pk=pk).select_related("issuer").first()
        if round is None:
            raise CommandError(f"{pk}: không có đợt / no such round")
        return round

    def _decision(self, pk: int) -> AwardDecision:
        decision = AwardDecision.objects.filter(pk=pk).select_related("round", "issuer").first()
        if decision is None:
            raise CommandError(f"{pk}: không có quyết định / no such decision")
        return decision

    def _proposal(self, pk: int) -> Proposal:
        proposal = Proposal.objects.filter(pk=pk).select_related("round", "form").first()
        if proposal is None:
            raise CommandError(f"{pk}: không có tờ trình / no such proposal")
        return proposal

    def issue(self, *, actor: Any, round: int, issued_on: str, **options: Any) -> None:
        found = self._round(round)
        day = _date(issued_on)
        decision = services.decision_issue(
            round=found,
            form_codes=[code for code in options["forms"].split(",") if code.strip()],
            issued_on=day,
            subject=options["subject"] or award_subject(found.period_start, found.period_end),
            legal_bases=options["basis"] or award_legal_bases_on(day, found.issuer, found.organ),
            signer_prefix=options["signer_prefix"],
            signer_title=options["signer_title"],
            signer_name=options["signer_name"],
            recipients_note=options["recipients"].replace("\\n", "\n"),
            select=_ids(options["select"]),
            actor=actor,
        )
        self.stdout.write(
            f"{decision.pk}: Quyết định số {decision} ngày {decision.issued_on:%d/%m/%Y} — "
            f"{decision.awards.count()} khen thưởng / awards"
        )

    def show(self, *, decision: int, **_: Any) -> None:
        found = self._decision(decision)
        data = {
            "id": found.pk,
            "citation": str(found),
            "issued_on": found.issued_on.isoformat(),
            "subject": found.subject,
            "legal_bases": found.legal_bases,
            "signer": " ".join(p for p in (found.signer_prefix, found.signer_title, found.signer_name) if p),
            "revoked_on": found.revoked_on.isoformat() if found.revoked_on else None,
            "revocation_reason": found.revocation_reason,
            "awards": [
                {
                    "nomination": a.nomination_id,
                    "to": a.area.full_name if a.area else str(a.person),
                    "window": [a.window_start, a.window_end],
                    "revoked_on": a.revoked_on.isoformat() if a.revoked_on else None,
                }
                for a in found.awards.select_related("area", "person").order_by("id")
            ],
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def revoke(self, *, actor: Any, decision: int, on: str, reason: str, **_: Any) -> None:
        found = services.decision_revoke(decision=self._decision(decision), on=_date(on), reason=reason, actor=actor)
        self.stdout.write(f"{found}: thu hồi / revoked {found.revoked_on:%d/%m/%Y}")

    def proposal_send(self, *, actor: Any, round: int, form: str, sent_on: str, to: str, **_: Any) -> None:
        proposal = services.proposal_send(
            round=self._round(round), form_code=form, sent_on=_date(sent_on), to_body=to, actor=actor
        )
        self.stdout.write(
            f"{proposal.pk}: Tờ trình số {proposal} — {proposal.nominations.count()} đề nghị / nominations"
        )

    def proposal_outcome(
        self, *, actor: Any, proposal: int, status: str, higher_decision: str, decided_on: str | None, **options: Any
    ) -> None:
        found = services.proposal_outcome_record(
            proposal=self._proposal(proposal),
            status=status,
            higher_decision=higher_decision,
            higher_decided_on=_date(decided_on) if decided_on else None,
            nominations=_ids(options["nominations"]) or [],
            actor=actor,
        )
        self.stdout.write(f"{found}: {found.status} — {found.awards.count()} khen thưởng / awards")

    def document(self, *, decision: int | None, proposal: int | None, format: str, output: Path, **_: Any) -> None:
        if decision is not None:
            rendered = award_decision_file(self._decision(decision), format)
        else:
            assert proposal is not None
            rendered = proposal_file(self._proposal(proposal), format)
        output.write_bytes(rendered.content)
        self.stdout.write(f"{output}: {rendered.filename}")

    def certificates(self, *, actor: Any, decision: int, output: Path, **_: Any) -> None:
        """In the foreground, through the same batch function the background job runs."""
        found = self._decision(decision)
        items = award_certificates(found)
        if not items:
            raise CommandError(f"{found}: không có khen thưởng còn hiệu lực / no standing award")
        summary = certificates_render_batch(
            actor=actor,
            progress=TerminalProgress(),
            certificates=[certificate_to_json(c) for c in items],
            name=output.name,
        )
        generated = GeneratedFile.objects.get(pk=summary["file"])
        output.write_bytes(generated.file.read())
        self.stdout.write(f"{output}: {summary['certificates']} giấy khen / certificates")
