"""The summary report's page in a browser: the district officer edits a paragraph and downloads the PDF."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page

from thidua.documents.tests.readback import pdf_text
from thidua.reports.tests.test_prose import EDITED
from thidua.reports.tests.test_prose import honoured as honoured
from thidua.testing import Cast
from thidua.tests.test_browser import browser, live_cast, log_in, page  # noqa: F401  (the fixtures)

if TYPE_CHECKING:
    from pytest_django.live_server_helper import LiveServer

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(live_cast: Cast) -> Cast:  # noqa: F811
    return live_cast


def test_the_officer_edits_the_movements_paragraph_and_downloads_it_in_the_pdf(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    honoured: Cast,
    tmp_path: Path,
) -> None:
    log_in(page, live_server, "backan")
    page.goto(f"{live_server.url}/reports/?unit={honoured.town.pk}&start=2011&end=2012")
    movements = page.get_by_test_id("prose-movements")
    assert "gắn với phong trào gia đình sức khỏe" in movements.input_value()
    movements.fill(EDITED)
    target = os.environ.get("THIDUA_SCREENSHOTS")
    if target:
        page.screenshot(path=str(Path(target) / "reports-summary.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_test_id("summary-pdf").click()
    saved = tmp_path / "bao-cao.pdf"
    download.value.save_as(saved)
    text = " ".join(pdf_text(saved.read_bytes(), layout=False).split())
    assert EDITED in text and "gắn với phong trào gia đình sức khỏe" not in text
