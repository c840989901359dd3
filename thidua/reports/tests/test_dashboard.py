"""The dashboard of a unit: completeness, outcomes, sub-units ranked with the way down, Excel, scope."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from thidua.evaluations.models import Deadline, DeadlineKind
from thidua.evaluations.rollup import rollup_refresh
from thidua.evaluations.tests.documents_fixtures import build_year
from thidua.reports.dashboard import dashboard
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db


def test_the_dashboards_add_up_the_year_at_every_level_and_lead_down(cast: Cast) -> None:
    build_year(cast)
    for unit in (cast.province, cast.town, cast.duc_xuan, cast.to_8a):
        board = dashboard(unit, 2012)
        assert (board.current.households, board.current.households_titled, board.current.titled) == (5, 4, 1)
        assert board.current.dossier_decided == 1 and board.current.households_share == 80.0
    town = dashboard(cast.town, 2012)
    assert next(sub.unit_id for sub in town.subunits) == cast.duc_xuan.pk
    html = client_for(cast["backan"]).get(f"/reports/dashboard/{cast.town.pk}/2012/").content.decode()
    assert "1 / 1" in html.split('data-testid="dashboard-submitted"')[1].split("</div>")[0]
    # The commune's name leads to its dashboard, its numbers to its page of the year.
    row = html.split(f'data-testid="dashboard-sub-{cast.duc_xuan.pk}"')[1].split("</tr>")[0]
    assert f"/reports/dashboard/{cast.duc_xuan.pk}/2012/" in row
    assert f"/evaluations/communes/{cast.duc_xuan.pk}/2012/" in row


def test_a_unit_late_against_the_deadline_is_named_with_its_working_days(cast: Cast) -> None:
    build_year(cast)
    Deadline.objects.create(
        province=cast.province, year=2013, kind=DeadlineKind.HOUSEHOLD_REVIEW, due=datetime.date(2013, 11, 29)
    )

    rollup_refresh(years=[2013])
    board = dashboard(cast.town, 2013, today=datetime.date(2013, 12, 6))
    late = {sub.unit_id: sub.late_days for sub in board.late}
    assert late[cast.duc_xuan.pk] == 5


def test_the_excel_has_the_pages_figures_and_an_outsider_gets_nothing(cast: Cast) -> None:
    build_year(cast)
    response = client_for(cast["backan"]).get(f"/reports/dashboard/{cast.town.pk}/2012.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    total = next(row for row in rows if row[0] in ("Total", "Tổng"))
    assert total[1:4] == [1, 1, 1]
    assert client_for(cast["chomoi"]).get(f"/reports/dashboard/{cast.town.pk}/2012/").status_code == 404
    home = client_for(cast["ducxuan"]).get("/").content.decode()
    assert 'data-testid="home-dashboard"' in home and f"/reports/dashboard/{cast.duc_xuan.pk}/2012/" in home
