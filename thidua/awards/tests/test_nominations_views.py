"""The nominations pages as the commune's officer, the district's officer and an outsider see them."""

from __future__ import annotations

import pytest

from thidua.awards.models import Nomination, NominationStatus, NominationStep
from thidua.awards.nominations.services import nomination_create, nomination_submit
from thidua.awards.tests.fixtures_nominations import Story, story_fixture  # noqa: F401
from thidua.testing import client_for

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Tổ đã tự quản an ninh trật tự tốt, được Công an phường khen năm 2012."


def _round_url(story: Story, tail: str = "") -> str:
    return f"/awards/rounds/{story.round.pk}/nominations/{tail}"


def _nominate(story: Story, **fields: object) -> Nomination:
    values: dict[str, object] = {
        "round": story.round,
        "form": story.area_form,
        "area": story.to_8a,
        "nominated_by": story.cast.duc_xuan,
        "actor": story.cast["ducxuan"],
    }
    values.update(fields)
    return nomination_create(**values)  # type: ignore[arg-type]


def test_the_commune_sees_its_candidates_and_not_another_communes(story: Story) -> None:
    response = client_for(story.cast["ducxuan"]).get(_round_url(story))

    assert response.status_code == 200
    page = response.content.decode()
    assert "tổ 8A" in page and "tổ 9" in page and "Hoàng Thị Mai" in page
    assert "tổ 12" not in page
    assert "not in 2009, 2010" in page  # why tổ 10 is not eligible


def test_the_commune_nominates_with_one_click_and_lands_on_the_report(story: Story) -> None:
    client = client_for(story.cast["ducxuan"])

    response = client.post(
        _round_url(story, "new/"), {"form": story.area_form.pk, "area": story.to_8a.pk, "unit": story.cast.duc_xuan.pk}
    )

    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/awards/nominations/{nomination.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Quyết định số 05/QĐ-UBND" in page
    assert 'name="report"' in page


def test_outside_the_candidates_without_a_justification_the_page_says_why_and_saves_nothing(story: Story) -> None:
    client = client_for(story.cast["ducxuan"])

    response = client.post(
        _round_url(story, "new/"),
        {"form": story.area_form.pk, "area": story.to_10.pk, "outside": "1", "justification": "ngắn"},
    )

    assert response.status_code == 400
    assert "at least 30 characters" in response.content.decode()
    assert not Nomination.objects.exists()


def test_an_outside_nomination_shows_its_flag_and_justification(story: Story) -> None:
    client = client_for(story.cast["ducxuan"])
    client.post(
        _round_url(story, "new/"),
        {"form": story.area_form.pk, "area": story.to_10.pk, "outside": "1", "justification": JUSTIFICATION},
    )
    nomination = Nomination.objects.get()

    page = client.get(f"/awards/nominations/{nomination.pk}/").content.decode()
    listing = client_for(story.cast["backan"]).get(_round_url(story)).content.decode()

    assert "Nominated outside the candidates." in page and JUSTIFICATION in page
    assert 'data-testid="outside"' in listing


def test_the_commune_edits_the_report_and_submits(story: Story) -> None:
    nomination = _nominate(story)
    client = client_for(story.cast["ducxuan"])

    client.post(f"/awards/nominations/{nomination.pk}/report/", {"report": "Báo cáo thành tích tổ 8A."})
    response = client.post(f"/awards/nominations/{nomination.pk}/move/", {"to": "submitted"})

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert nomination.report == "Báo cáo thành tích tổ 8A."
    assert nomination.status == NominationStatus.SUBMITTED
    page = client.get(f"/awards/nominations/{nomination.pk}/").content.decode()
    assert 'name="report"' not in page  # frozen once submitted


def test_the_district_sees_the_queue_by_commune_and_returns_with_a_reason(story: Story) -> None:
    nomination = _nominate(story)
    nomination_submit(nomination=nomination, actor=story.cast["ducxuan"])
    client = client_for(story.cast["backan"])

    page = client.get(_round_url(story)).content.decode()
    assert "1 of 2 communes have submitted" in page

    refused = client.post(f"/awards/nominations/{nomination.pk}/move/", {"to": "returned", "reason": ""})
    assert refused.status_code == 400
    assert "Say why the nomination is returned" in refused.content.decode()
    assert not NominationStep.objects.filter(target="returned").exists()

    client.post(f"/awards/nominations/{nomination.pk}/move/", {"to": "returned", "reason": "Thiếu số liệu 2012."})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.RETURNED
    history = client.get(f"/awards/nominations/{nomination.pk}/").content.decode()
    assert "Thiếu số liệu 2012." in history


def test_the_district_accepts(story: Story) -> None:
    nomination = _nominate(story)
    nomination_submit(nomination=nomination, actor=story.cast["ducxuan"])

    response = client_for(story.cast["backan"]).post(
        f"/awards/nominations/{nomination.pk}/move/", {"to": "accepted", "back": "round"}
    )

    assert response.status_code == 302
    assert response["Location"] == _round_url(story)
    assert Nomination.objects.get().status == NominationStatus.ACCEPTED


def test_the_commune_cannot_accept_its_own_nomination(story: Story) -> None:
    nomination = _nominate(story)
    nomination_submit(nomination=nomination, actor=story.cast["ducxuan"])

    response = client_for(story.cast["ducxuan"]).post(f"/awards/nominations/{nomination.pk}/move/", {"to": "accepted"})

    assert response.status_code == 403
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


def test_an_outsider_gets_404_for_the_round_and_the_nomination(story: Story) -> None:
    nomination = _nominate(story)
    client = client_for(story.cast["chomoi"])

    assert client.get(_round_url(story)).status_code == 404
    assert client.get(f"/awards/nominations/{nomination.pk}/").status_code == 404
    assert client.post(f"/awards/nominations/{nomination.pk}/move/", {"to": "accepted"}).status_code == 404
    assert client.get(f"/awards/nominations/{nomination.pk}/report.pdf").status_code == 404


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
def test_the_report_downloads_as_docx_and_pdf(story: Story, fmt: str, magic: bytes) -> None:
    nomination = _nominate(story)

    response = client_for(story.cast["backan"]).get(f"/awards/nominations/{nomination.pk}/report.{fmt}")

    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert f"bao-cao-thanh-tich-{nomination.pk}-8a.{fmt}" in response["Content-Disposition"]
