"""The summary report of the demo story (thị xã Bắc Kạn, 2009–2013) tells the round as the town's own
summary does: 24 areas and 32 Trưởng ban given the town's Giấy khen, 02 areas and 02 Trưởng ban
proposed to the provincial Front, and the exemplary areas with the movements they took up.

Building the story takes one to two minutes: it runs once, in an xdist group of its own. With
THIDUA_SCREENSHOTS naming a directory, the report's pages are left there as PNG to look at.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from thidua.demo_data import demo_load
from thidua.documents.pdf import render_pdf
from thidua.documents.tests.readback import pdf_text
from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import period_stats
from thidua.reports.summary import prose_sections, summary_report

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-story-summary")]


def test_the_demo_summary_tells_the_round_the_exemplary_areas_and_their_movements(tmp_path: Path) -> None:
    demo_load(story=True)
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
