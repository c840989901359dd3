"""Downloading a decision or the minutes: the web page, the API and the CLI, scoped to the user's units."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from thidua.documents.formats import DOCX_TYPE
from thidua.documents.tests.readback import pdf_pages, pdf_text
from thidua.evaluations.models import Decision, DecisionKind, Meeting
from thidua.evaluations.tests.documents_fixtures import Year
from thidua.evaluations.tests.test_documents import docx_lines
from thidua.jobs.models import Job
from thidua.jobs.services import job_run
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def decision_url(year: Year, fmt: str) -> str:
    return reverse("evaluations:decision_file", kwargs={"pk": year.gdvh.pk, "fmt": fmt})


def minutes_url(meeting: Meeting, fmt: str = "pdf") -> str:
    return reverse("evaluations:minutes_file", kwargs={"pk": meeting.pk, "fmt": fmt})


def test_the_commune_officer_downloads_the_decision_as_pdf_and_docx(client: Client, cast: Cast, year: Year) -> None:
    client.force_login(cast["ducxuan"])
    response = client.get(decision_url(year, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="quyet-dinh-05-qd-ubnd-2012.pdf"' in response["Content-Disposition"]
    assert "Số: 05/QĐ-UBND" in pdf_text(response.content)
    response = client.get(decision_url(year, "docx"))
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    assert "Đức Xuân, ngày 05 tháng 12 năm 2012" in docx_lines(response.content)


def test_an_outsider_gets_404_for_decisions_and_minutes(client: Client, cast: Cast, year: Year) -> None:
    client.force_login(cast["chomoi"])
    assert client.get(decision_url(year, "pdf")).status_code == 404
    assert client.get(minutes_url(year.meeting)).status_code == 404
    assert client.get(f"/api/v1/evaluations/decisions/{year.gdvh.pk}?format=pdf").status_code == 404
    assert client.get(f"/api/v1/evaluations/meetings/{year.meeting.pk}").status_code == 404


def test_a_decision_no_decided_dossier_carries_is_not_downloadable(client: Client, cast: Cast, year: Year) -> None:
    # A number only reserved: no dossier was decided by it.
    reserved = Decision.objects.create(
        kind=DecisionKind.GDVH, issuer=cast.duc_xuan, year=2013, number=6, issued_on=datetime.date(2013, 12, 5)
    )
    client.force_login(cast["ducxuan"])
    assert client.get(reverse("evaluations:decision_file", kwargs={"pk": reserved.pk, "fmt": "pdf"})).status_code == 404
    assert client.get(decision_url(year, "pdf")).status_code == 200
    with pytest.raises(CommandError):
        call_command("documents", "decision", str(reserved.pk), "-o", "/dev/null")


def test_the_area_officer_downloads_the_minutes(client: Client, cast: Cast, year: Year) -> None:
    client.force_login(cast["to8a"])
    response = client.get(minutes_url(year.meeting))
    assert response.status_code == 200
    assert "có 30/50 người dự" in pdf_text(response.content)
    # The ward's meeting on its areas is above the area officer.
    assert client.get(minutes_url(year.area_meeting)).status_code == 404


def test_the_api_returns_the_decision_in_the_asked_format(client: Client, cast: Cast, year: Year) -> None:
    client.force_login(cast["backan"])
    response = client.get(f"/api/v1/evaluations/decisions/{year.kdc.pk}?format=docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX_TYPE
    assert "Bắc Kạn, ngày 05 tháng 01 năm 2013" in docx_lines(response.content)
    response = client.get(f"/api/v1/evaluations/meetings/{year.meeting.pk}?format=pdf")
    assert response.status_code == 200 and "30/50" in pdf_text(response.content)
    assert client.get(f"/api/v1/evaluations/decisions/{year.kdc.pk}?format=odt").status_code == 422


def test_the_cli_writes_the_decision_and_the_minutes(year: Year, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "documents", "decision", str(year.gdvh.pk), "--format", "pdf", "-o", str(tmp_path / "qd.pdf"), stdout=out
    )
    assert "Số: 05/QĐ-UBND" in pdf_text((tmp_path / "qd.pdf").read_bytes())
    call_command(
        "documents", "minutes", str(year.meeting.pk), "--format", "docx", "-o", str(tmp_path / "bb.docx"), stdout=out
    )
    assert any("30/50" in line for line in docx_lines((tmp_path / "bb.docx").read_bytes()))


def test_the_cli_prints_the_certificates_of_a_decision(year: Year, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    target = tmp_path / "gk.pdf"
    call_command("documents", "certificates", "--decision", str(year.gdvh.pk), "--out", str(target), stdout=out)
    assert "4 giấy khen" in out.getvalue()
    assert pdf_pages(target.read_bytes()) == 4


def test_the_certificates_of_a_decision_start_as_a_job_from_the_page_and_the_api(
    client: Client, cast: Cast, year: Year, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    url = reverse("evaluations:decision_certificates", kwargs={"pk": year.gdvh.pk})
    client.force_login(cast["chomoi"])
    assert client.post(url).status_code == 404
    assert client.post(f"/api/v1/evaluations/decisions/{year.gdvh.pk}/certificates").status_code == 404
    assert not Job.objects.exists()
    client.force_login(cast["ducxuan"])
    assert client.get(url).status_code == 405
    response = client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert job.params == {
        "source": "evaluations.decision",
        "source_params": {"decision_id": year.gdvh.pk},
        "name": "giay-cong-nhan-05-2012.pdf",
    }
    done = job_run(job.pk)
    assert done.result["pages"] == 4
    response = client.post(f"/api/v1/evaluations/decisions/{year.gdvh.pk}/certificates")
    assert response.status_code == 202 and Job.objects.count() == 2
