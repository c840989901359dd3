"""The decision through the pages, the API and the CLI: the same services, the same refusals."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from thidua.awards.decisions.services import decision_certificates, decision_issue
from thidua.awards.models import Award, AwardDecision, Proposal
from thidua.awards.tests.fixtures_decisions import LEGAL_BASES, SUBJECT, RoundData, build_round
from thidua.documents.tests.readback import pdf_text
from thidua.jobs.models import Job
from thidua.testing import Cast, client_for

API = "/api/v1/awards"


@pytest.fixture
def data(cast: Cast) -> RoundData:
    return build_round(cast)


def issued(data: RoundData, cast: Cast) -> AwardDecision:
    return decision_issue(
        round=data.round,
        form_codes=["gk-kdc", "gk-bctmt"],
        issued_on=datetime.date(2014, 1, 5),
        subject=SUBJECT,
        legal_bases=LEGAL_BASES,
        signer_prefix="",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn Du",
        recipients_note="Như Điều 3",
        actor=cast["backan"],
    )


ISSUE_POST = {
    "forms_given": ["gk-kdc", "gk-bctmt"],
    "issued_on": "05/01/2014",
    "subject": SUBJECT,
    "legal_bases": "\n".join(LEGAL_BASES),
    "signer_prefix": "KT. Chủ tịch",
    "signer_title": "Phó Chủ tịch",
    "signer_name": "Nguyễn Văn Du",
    "recipients_note": "Như Điều 3\nThường trực Thị ủy (b/c)",
    "select": "",
}


# Pages ------------------------------------------------------------------------------------------


def test_the_officer_issues_from_the_page_with_prefilled_bases(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"], language="vi")
    page = client.get(reverse("awards:decisions", args=[data.round.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Căn cứ Luật Thi đua" in text and "giai đoạn 2009–2013" in text
    response = client.post(reverse("awards:decision_issue", args=[data.round.pk]), ISSUE_POST)
    decision = AwardDecision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:decision", args=[decision.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "01/QĐ-UBND" in detail and "Hoàng Văn Thụ" in detail
    pdf = client.get(reverse("awards:decision_file", args=[decision.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "Số: 01/QĐ-UBND" in pdf_text(pdf.content, layout=False)


def test_a_refused_issue_on_the_page_says_why_and_saves_nothing(data: RoundData, cast: Cast) -> None:
    data.area_form.quota_count = 1
    data.area_form.save()
    response = client_for(cast["backan"], language="vi").post(
        reverse("awards:decision_issue", args=[data.round.pk]), ISSUE_POST
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "3 nominations passed but the quota is 1" in page or "3 đề nghị được thông qua nhưng chỉ tiêu là 1" in page
    ), page[page.find("form-errors") :][:600]
    assert not AwardDecision.objects.exists()


def test_no_page_edits_an_issued_decision(data: RoundData, cast: Cast) -> None:
    decision = issued(data, cast)
    client = client_for(cast["backan"], language="vi")
    assert client.post(reverse("awards:decision", args=[decision.pk]), {"signer_name": "X"}).status_code == 405
    assert client.post(f"/awards/decisions/{decision.pk}/edit/", {"signer_name": "X"}).status_code == 404
    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Văn Du"


def test_an_outsider_gets_404_and_a_commune_officer_cannot_issue(data: RoundData, cast: Cast) -> None:
    decision = issued(data, cast)
    outsider = client_for(cast["chomoi"], language="vi")
    assert outsider.get(reverse("awards:decisions", args=[data.round.pk])).status_code == 404
    assert outsider.get(reverse("awards:decision", args=[decision.pk])).status_code == 404
    assert outsider.get(reverse("awards:decision_file", args=[decision.pk, "pdf"])).status_code == 404
    commune = client_for(cast["ducxuan"], language="vi")
    response = commune.post(
        reverse("awards:decision_revoke", args=[decision.pk]), {"on": "01/03/2014", "reason": "Sai"}
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.revoked_on is None


def test_the_page_refuses_a_revocation_without_reason_and_records_one_with_it(data: RoundData, cast: Cast) -> None:
    decision = issued(data, cast)
    client = client_for(cast["backan"], language="vi")
    url = reverse("awards:decision_revoke", args=[decision.pk])
    assert client.post(url, {"on": "01/03/2014", "reason": ""}).status_code == 400
    decision.refresh_from_db()
    assert decision.revoked_on is None
    assert client.post(url, {"on": "01/03/2014", "reason": "Sai sót hồ sơ"}).status_code == 302
    decision.refresh_from_db()
    assert decision.revoked_on == datetime.date(2014, 3, 1)
    assert "Sai sót hồ sơ" in client.get(reverse("awards:decision", args=[decision.pk])).content.decode()


def test_the_certificates_run_as_the_documents_job(data: RoundData, cast: Cast) -> None:
    decision = issued(data, cast)
    response = client_for(cast["backan"], language="vi").post(
        reverse("awards:decision_certificates", args=[decision.pk])
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.kind == "documents.certificates"
    assert job.params["source"] == "awards.decision"
    assert job.params["source_params"] == {"decision_id": decision.pk}
    assert len(decision_certificates(actor=cast["backan"], decision_id=decision.pk)) == 5
    assert job.params["name"] == "giay-khen-01-2014.pdf"


def test_proposals_are_sent_and_their_outcome_recorded_from_the_pages(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"], language="vi")
    assert client.get(reverse("awards:proposals", args=[data.round.pk])).status_code == 200
    response = client.post(
        reverse("awards:proposal_send", args=[data.round.pk]),
        {"form_code": "gk-mttq-tinh", "sent_on": "15/01/2014", "to_body": "Ban Thường trực Ủy ban MTTQ tỉnh"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert "01/TTr-UBND" in client.get(reverse("awards:proposal", args=[proposal.pk])).content.decode()
    nomination = data.nominations["13"]
    response = client.post(
        reverse("awards:proposal_outcome", args=[proposal.pk]),
        {
            "status": "decided",
            "higher_decision": "125/QĐ-MTTQ",
            "higher_decided_on": "20/04/2014",
            "nominations": [str(nomination.pk)],
        },
    )
    assert response.status_code == 302
    assert Award.objects.get(nomination=nomination).proposal == proposal


# API ---------------------------------------------------------------------------------------------


def test_the_api_issues_shows_and_revokes(data: RoundData, cast: Cast) -> None:
    client = client_for(cast["backan"], language="vi")
    payload = {
        "form_codes": ["gk-kdc", "gk-bctmt"],
        "issued_on": "2014-01-05",
        "subject": SUBJECT,
        "legal_bases": LEGAL_BASES,
        "signer_title": "Chủ tịch",
        "signer_name": "Nguyễn Văn Du",
    }
    response = client.post(f"{API}/rounds/{data.round.pk}/decisions", payload, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["citation"] == "01/QĐ-UBND" and len(body["awards"]) == 5
    decision_id = body["id"]
    refused = client.post(
        f"{API}/decisions/{decision_id}/revoke", {"on": "2014-03-01", "reason": " "}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert AwardDecision.objects.get(pk=decision_id).revoked_on is None
    revoked = client.post(
        f"{API}/decisions/{decision_id}/revoke", {"on": "2014-03-01", "reason": "Sai"}, content_type="application/json"
    )
    assert revoked.status_code == 200 and revoked.json()["revoked_on"] == "2014-03-01"
    document = client.get(f"{API}/decisions/{decision_id}/document?format=docx")
    assert document.status_code == 200 and document["Content-Disposition"].endswith('.docx"')


def test_the_api_has_no_edit_of_an_issued_decision(data: RoundData, cast: Cast) -> None:
    decision = issued(data, cast)
    client = client_for(cast["backan"], language="vi")
    for method in (client.put, client.patch):
        response = method(f"{API}/decisions/{decision.pk}", {"signer_name": "X"}, content_type="application/json")
        assert response.status_code in (404, 405)
    decision.refresh_from_db()
    assert decision.signer_name == "Nguyễn Văn Du"


def test_the_api_refuses_over_quota_and_hides_other_districts(data: RoundData, cast: Cast) -> None:
    data.area_form.quota_count = 2
    data.area_form.save()
    payload = {
        "form_codes": ["gk-kdc"],
        "issued_on": "2014-01-05",
        "subject": SUBJECT,
        "legal_bases": LEGAL_BASES,
        "signer_title": "Chủ tịch",
        "signer_name": "Nguyễn Văn Du",
    }
    url = f"{API}/rounds/{data.round.pk}/decisions"
    response = client_for(cast["backan"]).post(url, payload, content_type="application/json")
    assert response.status_code == 400 and "quota is 2" in response.json()["message"]
    assert (
        client_for(cast["chomoi"], language="vi").post(url, payload, content_type="application/json").status_code == 404
    )
    assert not AwardDecision.objects.exists()


# CLI ---------------------------------------------------------------------------------------------


def test_the_cli_issues_shows_writes_and_revokes(data: RoundData, cast: Cast, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "decisions",
        "--actor",
        "backan",
        "issue",
        str(data.round.pk),
        "--forms",
        "gk-kdc,gk-bctmt",
        "--issued-on",
        "05/01/2014",
        "--signer-name",
        "Nguyễn Văn Du",
        stdout=out,
    )
    decision = AwardDecision.objects.get()
    assert "01/QĐ-UBND" in out.getvalue()
    assert any("Luật Thi đua" in basis for basis in decision.legal_bases)
    shown = io.StringIO()
    call_command("decisions", "show", str(decision.pk), stdout=shown)
    assert len(json.loads(shown.getvalue())["awards"]) == 5
    target = tmp_path / "qd.pdf"
    call_command("decisions", "document", "--decision", str(decision.pk), "-o", str(target), stdout=io.StringIO())
    assert "Số: 01/QĐ-UBND" in pdf_text(target.read_bytes(), layout=False)
    with pytest.raises(CommandError):
        call_command("decisions", "revoke", str(decision.pk), "--on", "01/03/2014", "--reason", " ")
    call_command("decisions", "revoke", str(decision.pk), "--on", "01/03/2014", "--reason", "Sai", stdout=io.StringIO())
    decision.refresh_from_db()
    assert decision.revoked_on == datetime.date(2014, 3, 1)


def test_the_cli_prints_the_certificates_and_sends_a_proposal(data: RoundData, cast: Cast, tmp_path: Path) -> None:
    decision = issued(data, cast)
    target = tmp_path / "gk.pdf"
    call_command("decisions", "certificates", str(decision.pk), "-o", str(target), stdout=io.StringIO())
    assert pdf_text(target.read_bytes(), layout=False).count("GIẤY KHEN") == 5
    out = io.StringIO()
    call_command(
        "decisions",
        "proposal-send",
        str(data.round.pk),
        "--form",
        "gk-mttq-tinh",
        "--sent-on",
        "15/01/2014",
        "--to",
        "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn",
        stdout=out,
    )
    proposal = Proposal.objects.get()
    call_command(
        "decisions",
        "proposal-outcome",
        str(proposal.pk),
        "--status",
        "decided",
        "--higher-decision",
        "125/QĐ-MTTQ",
        "--decided-on",
        "20/04/2014",
        "--nominations",
        str(data.nominations["13"].pk),
        stdout=io.StringIO(),
    )
    assert Award.objects.filter(proposal=proposal).count() == 1
