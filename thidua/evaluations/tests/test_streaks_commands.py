"""The streaks' recount from the console (``thidua evaluations streaks``), the API
(``POST /api/v1/evaluations/units/{id}/streaks``) and the pages (a job), and who may ask for it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.audit.models import AuditEntry
from thidua.evaluations.models import HouseholdYear, Streak, StreakKind
from thidua.evaluations.streaks.selectors import stored_streaks
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import job_result_lines, job_run
from thidua.people.models import Household
from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def titled(households: list[Household]) -> list[Household]:
    """Household n titled from 2020 - n to 2020, except the first, whose 2018 title is revoked."""
    for n, household in enumerate(households):
        for year in range(2016, 2021):
            HouseholdYear.objects.create(
                household=household,
                year=year,
                area=household.area,
                registered_on=D(year, 1, 10),
                titled=year >= 2020 - n or n == 0,
                revoked_on=D(year, 12, 30) if n == 0 and year == 2018 else None,
            )
    return households


def test_the_console_recounts_the_streaks_of_a_unit(cast: Cast, titled: list[Household]) -> None:
    out = io.StringIO()
    call_command("evaluations", "streaks", "--year", "2020", "--unit", "01840", "--since", "2016", stdout=out)
    assert "5 hộ có chuỗi, 6 chuỗi" in out.getvalue()
    assert stored_streaks(kind=StreakKind.HOUSEHOLD, ids=[h.pk for h in titled], year=2020) == {
        titled[0].pk: 2,  # 2016–2017, then 2019–2020: the revoked 2018 breaks the run
        titled[1].pk: 2,
        titled[2].pk: 3,
        titled[3].pk: 4,
        titled[4].pk: 5,
    }
    assert AuditEntry.objects.get(action="evaluations.streaks_recompute").changes["since"] == [None, 2016]


def test_the_console_refuses_a_first_year_after_the_last(cast: Cast, titled: list[Household]) -> None:
    with pytest.raises(CommandError, match="2021"):
        call_command("evaluations", "streaks", "--year", "2020", "--unit", "01840", "--since", "2021")
    assert not Streak.objects.exists()


def test_a_district_officer_recounts_through_the_api(cast: Cast, titled: list[Household]) -> None:
    response = client_for(cast["backan"]).post(
        f"/api/v1/evaluations/units/{cast.town.pk}/streaks",
        {"year": 2020, "since": 2016},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    counts = response.json()["counts"]
    assert counts["households_with_runs"] == 5 and counts["household_runs"] == 6
    assert counts["runs_written"] == Streak.objects.count()
    # Nothing changed: the second recount writes nothing.
    again = client_for(cast["backan"]).post(
        f"/api/v1/evaluations/units/{cast.town.pk}/streaks", {"year": 2020}, content_type="application/json"
    )
    assert again.json()["counts"]["runs_written"] == 0


def test_the_api_refuses_a_council_member_and_hides_a_unit_outside_the_users_reach(
    cast: Cast, titled: list[Household]
) -> None:
    refused = client_for(cast["hoidong"]).post(
        f"/api/v1/evaluations/units/{cast.duc_xuan.pk}/streaks", {"year": 2020}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert "recount the streaks" in refused.json()["message"]
    elsewhere = client_for(cast["chomoi"]).post(
        f"/api/v1/evaluations/units/{cast.duc_xuan.pk}/streaks", {"year": 2020}, content_type="application/json"
    )
    assert elsewhere.status_code == 404
    commune = client_for(cast["ducxuan"]).post(
        f"/api/v1/evaluations/units/{cast.duc_xuan.pk}/streaks",
        {"year": 2020, "since": 2021},
        content_type="application/json",
    )
    assert commune.status_code == 400
    assert "2021" in commune.json()["message"]
    assert not Streak.objects.exists()


# --- the pages ------------------------------------------------------------------------------------


def test_a_district_officer_starts_the_recount_from_the_district_page_as_a_job(
    cast: Cast, titled: list[Household]
) -> None:
    client = client_for(cast["backan"])
    page = client.get(f"/evaluations/districts/{cast.town.pk}/2020/")
    assert page.status_code == 200
    assert 'data-testid="streaks-recount"' in page.content.decode()

    response = client.post(f"/evaluations/units/{cast.town.pk}/2020/streaks/", {"since": "2016"})

    job = Job.objects.get(kind="evaluations.streaks_recompute")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.params == {"unit_id": cast.town.pk, "year": 2020, "since": 2016}
    assert not Streak.objects.exists()  # the worker runs it
    job = job_run(job.pk)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["household_runs"] == 6 == Streak.objects.filter(kind=StreakKind.HOUSEHOLD).count()
    with translation.override("en"):
        assert ("runs of households", 6) in job_result_lines(job)
    with translation.override("vi"):
        assert ("chuỗi năm của hộ", 6) in job_result_lines(job)


def test_the_commune_page_offers_the_recount_to_its_officer_only(cast: Cast, titled: list[Household]) -> None:
    url = f"/evaluations/communes/{cast.duc_xuan.pk}/2020/"
    assert 'data-testid="streaks-recount"' in client_for(cast["ducxuan"]).get(url).content.decode()
    refused = client_for(cast["hoidong"]).post(f"/evaluations/units/{cast.duc_xuan.pk}/2020/streaks/", {})
    assert refused.status_code == 403
    assert not Job.objects.exists()


def test_a_first_year_after_the_year_of_the_page_starts_no_job(cast: Cast, titled: list[Household]) -> None:
    client = client_for(cast["ducxuan"])
    response = client.post(f"/evaluations/units/{cast.duc_xuan.pk}/2020/streaks/", {"since": "2021"}, follow=True)
    assert "The first year 2021 is after the last year 2020." in response.content.decode()
    assert not Job.objects.exists()
