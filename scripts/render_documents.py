#!/usr/bin/env python
"""Render every document type of the demo story to PDF, then its first pages to small PNGs.

Run on a database where `manage.py demo --story` has been built (the default: the demo's SQLite):

    DEBUG=true .venv/bin/python scripts/render_documents.py [--out docs/pictures] [--pdf-dir DIR]

For a person to look at the layout of each document as the demo data fill it: the recognition
decisions of cultural families (GĐVH) and areas (KDC), the minutes of an area's evaluation meeting,
an area's achievement report, the council's minutes, the town's Quyết định khen thưởng with its
annex, the tờ trình to the province, the Giấy khen (on plain paper and text only for pre-printed
stock), the conference's invitation letter and the summary report of 2009–2013. The PNGs are
`pdftoppm -r 60` of at most a few pages each, small enough to commit; the PDFs are kept in
`--pdf-dir` (default var/documents-demo) to read in full.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

# The demo story's fixed references: the town, tổ 8A of phường Đức Xuân, the last year of the period.
TOWN = "vn-2024:058"
TO_8A = "01840-08A"
YEAR = 2013
# The papers the story leaves undated are dated as the story would have them: the area's report
# after the town's last recognition decision (26/12/2013), the summary report after the province
# decided on the proposals (18/02/2014), for the conference of 27/02/2014 where it is read.
REPORT_ON = datetime.date(2013, 12, 27)
SUMMARY_ON = datetime.date(2014, 2, 24)
# Palette colours of the committed PNGs: the pages are black text with a few coloured rules.
COLOURS = 64


def _documents() -> list[tuple[str, int, Callable[[], bytes]]]:
    """(file stem, pages to picture, a function rendering the PDF) for every document type."""
    from thidua.awards.council.documents import council_minutes
    from thidua.awards.decisions.documents import award_certificates, award_decision_document, proposal_document
    from thidua.awards.models import AwardDecision, CouncilSession, Nomination, Proposal, Round
    from thidua.awards.nominations.documents import nomination_report
    from thidua.demo.story_round import NAME
    from thidua.documents.pdf import render_certificates_pdf, render_pdf
    from thidua.evaluations.documents import meeting_minutes, recognition_decision
    from thidua.evaluations.models import AreaYear, DecisionKind, HouseholdYear, MeetingKind
    from thidua.events.documents import invitation_letter
    from thidua.events.models import Conference
    from thidua.units.models import Unit

    town = Unit.objects.get(source_key=TOWN)
    round = Round.objects.filter(name=NAME, issuer=town).first()
    if round is None:
        raise SystemExit("The demo story is not in this database: run `manage.py demo --story` first.")
    household_line = HouseholdYear.objects.filter(
        area__code=TO_8A, year=YEAR, decision__kind=DecisionKind.GDVH
    ).select_related("decision", "meeting")[0]
    area_line = AreaYear.objects.filter(area__code=TO_8A, year=YEAR, decision__isnull=False)
    gdvh, kdc = household_line.decision, area_line.select_related("decision")[0].decision
    meeting = household_line.meeting
    assert gdvh is not None and kdc is not None and meeting is not None
    assert meeting.kind == MeetingKind.HOUSEHOLD_REVIEW
    nomination = Nomination.objects.filter(round=round, area__code=TO_8A).order_by("id")[0]
    session = CouncilSession.objects.filter(round=round).order_by("id")[0]
    decision = AwardDecision.objects.filter(round=round).order_by("id")[0]
    proposal = Proposal.objects.filter(round=round).order_by("id")[0]
    conference = Conference.objects.filter(round=round).order_by("id")[0]
    # The certificates of tổ 8A and of its Trưởng ban, or the decision's first two when not awarded.
    certificates = award_certificates(decision)
    chosen = [c for c in certificates if "8A" in c.recipient or "8A" in c.recipient_detail][:2] or certificates[:2]

    def summary() -> bytes:
        from thidua.reports.selectors import period_stats
        from thidua.reports.summary import summary_report

        return render_pdf(summary_report(period_stats(town, 2009, 2013), on=SUMMARY_ON))

    return [
        ("quyet-dinh-gdvh", 2, lambda: render_pdf(recognition_decision(gdvh))),
        ("quyet-dinh-kdc", 2, lambda: render_pdf(recognition_decision(kdc))),
        ("bien-ban-binh-xet", 2, lambda: render_pdf(meeting_minutes(meeting))),
        ("bao-cao-thanh-tich", 2, lambda: render_pdf(nomination_report(nomination, on=REPORT_ON))),
        ("bien-ban-hoi-dong", 3, lambda: render_pdf(council_minutes(session))),
        ("quyet-dinh-khen-thuong", 3, lambda: render_pdf(award_decision_document(decision))),
        ("to-trinh", 2, lambda: render_pdf(proposal_document(proposal))),
        ("giay-khen", 2, lambda: render_certificates_pdf(chosen)),
        ("giay-khen-phoi-in-san", 1, lambda: render_certificates_pdf(chosen[:1], text_only=True)),
        ("giay-moi", 2, lambda: render_pdf(invitation_letter(conference))),
        ("bao-cao-tong-ket", 3, summary),
    ]


def _pages(directory: Path, stem: str) -> list[Path]:
    """The PNG pages of ``stem`` (not those of a longer stem: "giay-khen" is not "giay-khen-phoi-in-san")."""
    return sorted(p for p in directory.glob(f"{stem}-*.png") if p.stem[len(stem) + 1 :].isdigit())


def _compact(png: Path, stem: str) -> Path:
    """``stem-<page>.png`` without pdftoppm's zero padding, in a small palette (a third of the bytes)."""
    from PIL import Image

    page = int(png.stem[len(stem) + 1 :])
    target = png.with_name(f"{stem}-{page}.png")
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(COLOURS)
    png.unlink()
    small.save(target, optimize=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "pictures", help="where the PNGs go")
    parser.add_argument("--pdf-dir", type=Path, default=ROOT / "var" / "documents-demo", help="where the PDFs go")
    parser.add_argument("--resolution", type=int, default=60, help="pdftoppm's dots per inch (default 60)")
    args = parser.parse_args(argv)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")

    import django

    django.setup()
    from django.utils import translation

    translation.activate("vi")
    args.out.mkdir(parents=True, exist_ok=True)
    args.pdf_dir.mkdir(parents=True, exist_ok=True)
    for stem, pages, render in _documents():
        pdf = args.pdf_dir / f"{stem}.pdf"
        pdf.write_bytes(render())
        for old in _pages(args.out, stem):
            old.unlink()
        subprocess.run(  # noqa: S603
            [pdftoppm, "-r", str(args.resolution), "-png", "-l", str(pages), str(pdf), str(args.out / stem)],
            check=True,
        )
        made = [_compact(png, stem) for png in _pages(args.out, stem)]
        print(f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: {', '.join(p.name for p in made)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
