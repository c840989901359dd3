"""The whole demo story, built once as `make demo` builds it, ends the 2009–2013 round as the town's
summary tells it: 24 areas and 32 Trưởng ban with the town's Giấy khen, 2 areas and 2 Trưởng ban
proposed to the provincial MTTQ and decided there.

Building the story takes one to two minutes: it runs in an xdist group of its own.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from thidua.awards.models import Award, AwardDecision, FormKind, Proposal, ProposalStatus, Round, Subject
from thidua.demo.story_round import NAME
from thidua.demo_data import demo_load
from thidua.documents.pdf import render_certificates_pdf, render_pdf
from thidua.documents.tests.readback import libreoffice_layout_problems, pdf_text, pdfa_problems, xmp
from thidua.events.models import Conference
from thidua.jobs.models import Job, JobStatus
from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import period_stats
from thidua.reports.summary import prose_sections, summary_report

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-story-round")]

PROVINCIAL_MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn"


def test_the_demo_round_honours_24_areas_and_32_heads_and_proposes_2_and_2_to_the_province(tmp_path: Path) -> None:
    summary = demo_load(story=True)
    round = Round.objects.get(name=NAME, issuer__source_key="vn-2024:058")

    # The town's one decision gives its Giấy khen to 24 areas and 32 Trưởng ban công tác Mặt trận.
    decision = AwardDecision.objects.get(round=round)
    assert decision.issuer.source_key == "vn-2024:058" and not decision.revoked_on
    given = Counter(
        award.form.subject
        for award in Award.objects.filter(decision=decision, revoked_on__isnull=True).select_related("form")
    )
    assert given == {Subject.AREA: 24, Subject.BCTMT: 32}
    assert {a.form.kind for a in decision.awards.select_related("form")} == {FormKind.GIVE}
    # tổ 8A phường Đức Xuân, the story's exemplary area, is among them.
    assert decision.awards.filter(area__code="01840-08A").exists()

    # Two tờ trình go up to the provincial Front, one per form, and it decides on 2 + 2.
    proposals = list(Proposal.objects.filter(round=round).select_related("form"))
    assert len(proposals) == 2
    assert {p.to_body for p in proposals} == {PROVINCIAL_MTTQ}
    assert {p.status for p in proposals} == {ProposalStatus.DECIDED}
    assert sorted((p.form.subject, p.awards.count()) for p in proposals) == [(Subject.AREA, 2), (Subject.BCTMT, 2)]
    assert summary["awards"] == 24 + 32 + 2 + 2

    # The conference invites every one honoured, and the certificates are queued for the worker.
    conference = Conference.objects.get(round=round)
    assert conference.invitations.count() == summary["invited"] >= 24 + 32 + 2 + 2
    assert Job.objects.filter(kind="documents.certificates", status=JobStatus.QUEUED).count() == 1
    assert Award.objects.filter(nomination__round=round).count() == 60

    # The summary report of the period (thidua.reports) tells the same round, on the same data: the
    # story is built once for both, since building it is the slow part.
    _the_summary_tells_the_round(tmp_path)
    # Every kind of document the story issues opens in programs thidua did not write.
    _every_document_passes_the_outside_checks(tmp_path)


def _the_summary_tells_the_round(tmp_path: Path) -> None:
    town = unit_for_report("058", 2013)
    assert town is not None
    stats = period_stats(town, 2009, 2013)
    sections = prose_sections(stats)

    honours = " ".join(sections["honours"])
    assert "đã tặng Giấy khen cho 24 khu dân cư và 32 Trưởng ban công tác Mặt trận (Quyết định số " in honours
    assert "tặng Giấy khen cho 02 khu dân cư và 02 Trưởng ban công tác Mặt trận (Tờ trình số " in honours
    assert "đã được tặng theo Quyết định số " in honours

    exemplary = sections["exemplary"][0]
    assert "tiêu biểu như: " in exemplary and exemplary.count(" phường ") + exemplary.count(" xã ") >= 6
    movements = sections["movements"][0]
    assert "tổ 13 phường Nguyễn Thị Minh Khai gắn với phong trào " in movements
    assert "gia đình sức khỏe" in movements and "an toàn giao thông" in movements
    assert "xây dựng nông thôn mới" in movements

    doc = summary_report(stats, on=datetime.date(2014, 3, 10))
    pdf = render_pdf(doc)
    text = " ".join(pdf_text(pdf, layout=False).split())
    assert "24 khu dân cư và 32 Trưởng ban công tác Mặt trận" in text and "02 khu dân cư và 02 Trưởng ban" in text
    assert "3. Khu dân cư tiêu biểu" in text and "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG" in text

    # Every page renders; kept to look at when asked.
    target = Path(os.environ.get("THIDUA_SCREENSHOTS") or tmp_path)
    (target / "summary-demo.pdf").write_bytes(pdf)
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm (poppler-utils) renders the pages"
    subprocess.run([tool, "-r", "70", "-png", str(target / "summary-demo.pdf"), str(target / "summary-demo")],
                   check=True)  # fmt: skip
    assert len(list(target.glob("summary-demo-*.png"))) >= 5


def _every_document_passes_the_outside_checks(tmp_path: Path) -> None:
    from openxml_audit import OpenXmlValidator

    from thidua.demo.documents import story_documents
    from thidua.documents.docx import render_docx

    story = story_documents()
    assert len(story.documents) >= 11
    validator = OpenXmlValidator()
    problems: dict[str, list[str]] = {}
    for stem, doc in story.documents:
        path = tmp_path / f"{stem}.docx"
        path.write_bytes(render_docx(doc))
        # The Open XML SDK's checks (schema, semantics, package), ported to Python: what Word "repairs".
        result = validator.validate(str(path))
        if result.errors:
            problems[stem] = [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]
        # The file describes itself: its kind and number, the issuing body, the date of issue.
        properties = Document(str(path)).core_properties
        assert properties.author == " ".join(doc.issuing_body) and properties.author != "python-docx"
        assert properties.created is not None and properties.created.date() == doc.date
        assert properties.title.startswith(doc.kind_in_text) and properties.subject == doc.subject
        # The PDF is PDF/A-2b, described as the DOCX is.
        pdf = render_pdf(doc)
        if pdfa := pdfa_problems(pdf):
            problems[f"{stem}.pdf"] = pdfa
        assert xmp(pdf)["dc:title"] == properties.title and xmp(pdf)["dc:description"] == doc.subject
    assert pdfa_problems(render_certificates_pdf(story.certificates)) == []
    assert not problems, problems
    # LibreOffice lays each one out as drawn (one conversion of them all).
    assert libreoffice_layout_problems(dict(story.documents), tmp_path) == {}
