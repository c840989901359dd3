"""``thidua decisions``: issue, show and revoke a round's decision; send a tờ trình and record its
outcome; write the decision (or a proposal) as PDF/DOCX; print the Giấy khen. Thin verbs over
``thidua.awards.decisions.services``; without ``--as`` a verb acts as thidua itself (the operator)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.awards.decisions import services
from thidua.awards.decisions.documents import (
    award_certificates,
    award_decision_file,
    award_legal_bases_on,
    award_subject,
    proposal_file,
)
from thidua.awards.decisions.selectors import get_decision_for_user, get_proposal_for_user
from thidua.awards.management.acting import AwardsCommand, acting_user, day_of, found, round_for
from thidua.awards.models import AwardDecision, Proposal
from thidua.documents.models import GeneratedFile
from thidua.documents.services import certificates_render_batch
from thidua.lib.progress import TerminalProgress


def _ids(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(part) for part in text.replace(",", " ").split()]
    except ValueError:
        raise CommandError(_("%(text)s is not a list of ids.") % {"text": text}) from None


class Command(AwardsCommand):
    # Read when the command is listed, in the language the console runs in.
    help = cast(str, gettext_lazy("Decisions, proposals, certificates of a round"))

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", "--actor", dest="actor", help=_("The acting user (user name)"))
        verbs = parser.add_subparsers(dest="verb", required=True)
        issue = verbs.add_parser("issue", help=_("Issue the decision of a round"))
        issue.add_argument("round", type=int, help=_("The round's id"))
        issue.add_argument("--forms", required=True, help=_("The codes of the forms, by commas"))
        issue.add_argument("--issued-on", required=True, help="dd/mm/yyyy")
        issue.add_argument("--subject", help=_("The subject (by default, from the round)"))
        issue.add_argument("--basis", action="append", help=_("A legal basis, repeatable (by default, from the day)"))
        issue.add_argument("--signer-prefix", default="", help='"KT. Chủ tịch", "TM. Ủy ban nhân dân"')
        issue.add_argument("--signer-title", default="Chủ tịch")
        issue.add_argument("--signer-name", required=True)
        issue.add_argument("--recipients", default="Như Điều 3", help=_("The recipients, one a line"))
        issue.add_argument("--select", help=_("Only these nomination ids"))
        show = verbs.add_parser("show", help=_("Show a decision (JSON)"))
        show.add_argument("decision", type=int)
        revoke = verbs.add_parser("revoke", help=_("Revoke a decision, with a reason"))
        revoke.add_argument("decision", type=int)
        revoke.add_argument("--on", required=True, help="dd/mm/yyyy")
        revoke.add_argument("--reason", required=True)
        send = verbs.add_parser("proposal-send", help=_("Send a proposal to the higher body"))
        send.add_argument("round", type=int)
        send.add_argument("--form", required=True, help=_("The code of a form proposed upward"))
        send.add_argument("--sent-on", required=True, help="dd/mm/yyyy")
        send.add_argument("--to", required=True, help=_("The higher body"))
        outcome = verbs.add_parser("proposal-outcome", help=_("Record the higher body's answer"))
        outcome.add_argument("proposal", type=int)
        outcome.add_argument("--status", choices=["decided", "refused"], required=True)
        outcome.add_argument("--higher-decision", default="", help='"125/QĐ-MTTQ-BTT"')
        outcome.add_argument("--decided-on", help="dd/mm/yyyy")
        outcome.add_argument("--nominations", default="", help=_("The ids of the nominations awarded"))
        document = verbs.add_parser("document", help=_("Write the decision or a proposal as a file"))
        which = document.add_mutually_exclusive_group(required=True)
        which.add_argument("--decision", type=int)
        which.add_argument("--proposal", type=int)
        document.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        document.add_argument("-o", "--output", required=True, type=Path)
        certificates = verbs.add_parser("certificates", help=_("Print the certificates into one PDF"))
        certificates.add_argument("decision", type=int)
        certificates.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args: Any, verb: str, actor: str | None = None, **options: Any) -> None:
        getattr(self, verb.replace("-", "_"))(actor=acting_user(actor), **options)

    def _decision(self, actor: User, pk: int) -> AwardDecision:
        return found(get_decision_for_user, actor, pk, missing=_("There is no decision %(id)s.") % {"id": pk})

    def _proposal(self, actor: User, pk: int) -> Proposal:
        return found(get_proposal_for_user, actor, pk, missing=_("There is no proposal %(id)s.") % {"id": pk})

    def issue(self, *, actor: User, round: int, issued_on: str, **options: Any) -> None:
        found_round = round_for(actor, round)
        day = day_of(issued_on)
        decision = services.decision_issue(
            round=found_round,
            form_codes=[code for code in options["forms"].split(",") if code.strip()],
            issued_on=day,
            subject=options["subject"] or award_subject(found_round.period_start, found_round.period_end),
            legal_bases=options["basis"] or award_legal_bases_on(day, found_round.issuer, found_round.organ),
            signer_prefix=options["signer_prefix"],
            signer_title=options["signer_title"],
            signer_name=options["signer_name"],
            recipients_note=options["recipients"].replace("\\n", "\n"),
            select=_ids(options["select"]),
            actor=actor,
        )
        self.stdout.write(
            _("%(id)s: decision %(decision)s of %(day)s — %(count)s awards")
            % {
                "id": decision.pk,
                "decision": decision,
                "day": f"{decision.issued_on:%d/%m/%Y}",
                "count": decision.awards.count(),
            }
        )

    def show(self, *, actor: User, decision: int, **_o: Any) -> None:
        shown = self._decision(actor, decision)
        data = {
            "id": shown.pk,
            "citation": str(shown),
            "issued_on": shown.issued_on.isoformat(),
            "subject": shown.subject,
            "legal_bases": shown.legal_bases,
            "signer": " ".join(p for p in (shown.signer_prefix, shown.signer_title, shown.signer_name) if p),
            "revoked_on": shown.revoked_on.isoformat() if shown.revoked_on else None,
            "revocation_reason": shown.revocation_reason,
            "awards": [
                {
                    "nomination": a.nomination_id,
                    "to": a.area.full_name if a.area else str(a.person),
                    "window": [a.window_start, a.window_end],
                    "revoked_on": a.revoked_on.isoformat() if a.revoked_on else None,
                }
                for a in shown.awards.select_related("area", "person").order_by("id")
            ],
        }
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def revoke(self, *, actor: User, decision: int, on: str, reason: str, **_o: Any) -> None:
        revoked = services.decision_revoke(
            decision=self._decision(actor, decision), on=day_of(on), reason=reason, actor=actor
        )
        assert revoked.revoked_on is not None
        self.stdout.write(
            _("%(decision)s: revoked on %(day)s") % {"decision": revoked, "day": f"{revoked.revoked_on:%d/%m/%Y}"}
        )

    def proposal_send(self, *, actor: User, round: int, form: str, sent_on: str, to: str, **_o: Any) -> None:
        proposal = services.proposal_send(
            round=round_for(actor, round), form_code=form, sent_on=day_of(sent_on), to_body=to, actor=actor
        )
        self.stdout.write(
            _("%(id)s: proposal %(proposal)s — %(count)s nominations")
            % {"id": proposal.pk, "proposal": proposal, "count": proposal.nominations.count()}
        )

    def proposal_outcome(
        self, *, actor: User, proposal: int, status: str, higher_decision: str, decided_on: str | None, **options: Any
    ) -> None:
        recorded = services.proposal_outcome_record(
            proposal=self._proposal(actor, proposal),
            status=status,
            higher_decision=higher_decision,
            higher_decided_on=day_of(decided_on) if decided_on else None,
            nominations=_ids(options["nominations"]) or [],
            actor=actor,
        )
        self.stdout.write(
            _("%(proposal)s: %(status)s — %(count)s awards")
            % {"proposal": recorded, "status": recorded.get_status_display(), "count": recorded.awards.count()}
        )

    def document(
        self, *, actor: User, decision: int | None, proposal: int | None, format: str, output: Path, **_o: Any
    ) -> None:
        if decision is not None:
            rendered = award_decision_file(self._decision(actor, decision), format)
        else:
            assert proposal is not None
            rendered = proposal_file(self._proposal(actor, proposal), format)
        output.write_bytes(rendered.content)
        self.stdout.write(f"{output}: {rendered.filename}")

    def certificates(self, *, actor: User, decision: int, output: Path, **_o: Any) -> None:
        """In the foreground, through the same batch function and source the background job runs."""
        found_decision = self._decision(actor, decision)
        if not award_certificates(found_decision):
            raise CommandError(_("%(decision)s has no standing award.") % {"decision": found_decision})
        summary = certificates_render_batch(
            actor=actor,
            progress=TerminalProgress(),
            source="awards.decision",
            source_params={"decision_id": found_decision.pk},
            name=output.name,
        )
        generated = GeneratedFile.objects.get(pk=summary["file"])
        output.write_bytes(generated.file.read())
        self.stdout.write(_("%(file)s: %(count)s certificates") % {"file": output, "count": summary["certificates"]})
