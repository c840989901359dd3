# ruff: noqa: F811  (the fixtures imported from fixtures_consultation are parameters here)
"""The consultation through its pages: the public pages without an account (with the honeypot, the
fill time and the rate limit), the officers' page, the API and the console command."""

from __future__ import annotations

import datetime
import io
import json
import time

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.audit.models import AuditEntry
from thidua.awards.consultation.forms import form_token
from thidua.awards.consultation.services import objection_submit, source_hash
from thidua.awards.models import NominationStatus, ObjectionStatus, PublicObjection, Round, RoundStatus
from thidua.awards.tests.fixtures_consultation import (  # noqa: F401  (the fixtures)
    LAST_DAY,
    PUBLISHED_ON,
    SECRET_JUSTIFICATION,
    SECRET_REPORT,
    RoundSetup,
    _empty_cache,
    published,
    setup,
)
from thidua.testing import Cast, client_for

TEXT = "Tổ 8A năm 2012 chưa đạt danh hiệu khu dân cư văn hóa."


def _today(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    # The pages take today's date from django.utils.timezone.localdate(): freeze it.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


def _objection_post(round: Round, **fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "nomination": "",
        "text": TEXT,
        "name": "",
        "contact": "",
        "website": "",
        "started": form_token(round.pk, time.time() - 30),
    }
    data.update(fields)
    return data


# --- the public pages -------------------------------------------------------------------------------


def test_the_public_pages_open_without_an_account_and_show_no_evidence(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    client = client_for(language="vi")
    listing = client.get("/public/rounds/")
    assert listing.status_code == 200
    assert published.round.name in listing.content.decode()
    page = client.get(f"/public/rounds/{published.round.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in ("tổ 8A", "phường Đức Xuân", "Hoàng Văn Thụ", "12/03/2014", "Giấy khen của Chủ tịch UBND thị xã"):
        assert shown in html
    # The nomination still under review, the evidence, the report and the justification stay inside.
    for hidden in ("tổ 12", SECRET_JUSTIFICATION, SECRET_REPORT, "xu-phat-hanh-chinh", "exclusions", "years"):
        assert hidden not in html
    assert 'name="website"' in html and 'name="started"' in html


def test_the_public_page_speaks_english_with_the_language_switch(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    html = client_for(language="en").get(f"/public/rounds/{published.round.pk}/").content.decode()
    assert "Send an objection" in html
    assert "Objections are taken until" in html


def test_an_unpublished_round_is_not_public(setup: RoundSetup) -> None:
    assert client_for().get(f"/public/rounds/{setup.round.pk}/").status_code == 404
    assert setup.round.name not in client_for().get("/public/rounds/").content.decode()


def test_an_objection_through_the_public_page_is_stored_with_a_hashed_address(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, LAST_DAY)
    data = _objection_post(
        published.round, nomination=str(published.area_nomination.pk), name="Nông Văn A", contact="0912 345 678"
    )
    response = client_for().post(f"/public/rounds/{published.round.pk}/", data, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 302
    assert response["Location"] == f"/public/rounds/{published.round.pk}/thanks/"
    objection = PublicObjection.objects.get()
    assert (objection.nomination, objection.name, objection.contact) == (
        published.area_nomination,
        "Nông Văn A",
        "0912 345 678",
    )
    assert objection.source_hash == source_hash("203.0.113.50")
    assert AuditEntry.objects.filter(action="awards.objection_submit").count() == 1
    assert client_for().get(response["Location"]).status_code == 200


def test_an_objection_the_day_after_the_period_is_refused_on_the_page(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, LAST_DAY + datetime.timedelta(days=1))
    page = client_for().get(f"/public/rounds/{published.round.pk}/").content.decode()
    assert 'data-testid="objection-form"' not in page
    assert "The consultation ended on 12/03/2014" in page
    response = client_for().post(f"/public/rounds/{published.round.pk}/", _objection_post(published.round))
    assert response.status_code == 400
    assert not PublicObjection.objects.exists()


def test_a_filled_honeypot_is_refused_and_nothing_stored(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    data = _objection_post(published.round, website="http://spam.example")
    response = client_for().post(f"/public/rounds/{published.round.pk}/", data)
    assert response.status_code == 400
    assert "The form was not sent as expected" in response.content.decode()
    assert not PublicObjection.objects.exists()
    assert not AuditEntry.objects.filter(action="awards.objection_submit").exists()


def test_a_form_sent_back_too_quickly_is_refused_and_nothing_stored(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    data = _objection_post(published.round, started=form_token(published.round.pk, time.time() - 1))
    response = client_for().post(f"/public/rounds/{published.round.pk}/", data)
    assert response.status_code == 400
    assert "too quickly" in response.content.decode()
    # A forged or foreign timestamp is refused too.
    for started in ("forged", form_token(published.round.pk + 1, time.time() - 30)):
        assert (
            client_for().post(f"/public/rounds/{published.round.pk}/", {**data, "started": started}).status_code == 400
        )
    assert not PublicObjection.objects.exists()


def test_a_short_objection_is_refused_on_the_page(published: RoundSetup, monkeypatch: pytest.MonkeyPatch) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    response = client_for().post(
        f"/public/rounds/{published.round.pk}/", _objection_post(published.round, text="x" * 19)
    )
    assert response.status_code == 400
    assert not PublicObjection.objects.exists()


def test_the_sixth_objection_from_one_address_in_an_hour_is_refused_on_the_page(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    url = f"/public/rounds/{published.round.pk}/"
    for _ in range(5):
        assert client_for().post(url, _objection_post(published.round), REMOTE_ADDR="203.0.113.77").status_code == 302
    refused = client_for().post(url, _objection_post(published.round), REMOTE_ADDR="203.0.113.77")
    assert refused.status_code == 400
    assert "at most 5 an hour" in refused.content.decode()
    assert PublicObjection.objects.count() == 5


# --- the officers' page -----------------------------------------------------------------------------


def test_the_district_publishes_from_the_page_with_at_least_ten_working_days(setup: RoundSetup, cast: Cast) -> None:
    client = client_for(cast["backan"])
    url = f"/awards/rounds/{setup.round.pk}/consultation/"
    preview = client.get(url, {"on": "26/02/2014", "working_days": "10"})
    assert 'data-testid="preview"' in preview.content.decode() and "12/03/2014" in preview.content.decode()
    refused = client.post(f"{url}publish/", {"on": "26/02/2014", "working_days": "9"})
    assert refused.status_code == 400
    assert "at least 10 working days" in refused.content.decode()
    setup.round.refresh_from_db()
    assert (setup.round.status, setup.round.consultation_until) == (RoundStatus.NOMINATING, None)
    done = client.post(f"{url}publish/", {"on": "26/02/2014", "working_days": "10"})
    assert done.status_code == 302
    setup.round.refresh_from_db()
    assert (setup.round.status, setup.round.consultation_until) == (RoundStatus.CONSULTING, LAST_DAY)


def test_the_officers_page_counts_and_answers_objections(published: RoundSetup, cast: Cast) -> None:
    objection = objection_submit(
        round=published.round, nomination=published.person_nomination, text=TEXT, source="x", on=PUBLISHED_ON
    )
    client = client_for(cast["backan"])
    url = f"/awards/rounds/{published.round.pk}/consultation/"
    page = client.get(url).content.decode()
    assert 'data-testid="count-open">1<' in page and 'data-testid="count-answered">0<' in page
    assert "1 objection is not answered." in page
    answer_url = f"{url}objections/{objection.pk}/answer/"
    empty = client.post(answer_url, {f"o{objection.pk}-status": "upheld", f"o{objection.pk}-answer": ""})
    assert empty.status_code == 400
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN
    done = client.post(
        answer_url, {f"o{objection.pk}-status": "upheld", f"o{objection.pk}-answer": "Đúng như phản ánh."}
    )
    assert done.status_code == 302
    objection.refresh_from_db()
    published.person_nomination.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    assert published.person_nomination.status == NominationStatus.WITHDRAWN
    page = client.get(url).content.decode()
    assert 'data-testid="count-open">0<' in page and 'data-testid="count-answered">1<' in page


def test_a_council_member_reads_the_objections_but_does_not_answer(published: RoundSetup, cast: Cast) -> None:
    objection = objection_submit(round=published.round, text=TEXT, source="x", on=PUBLISHED_ON)
    client = client_for(cast["hoidong"])
    url = f"/awards/rounds/{published.round.pk}/consultation/"
    page = client.get(url)
    assert page.status_code == 200 and TEXT in page.content.decode()
    assert f'data-testid="answer-form-{objection.pk}"' not in page.content.decode()
    refused = client.post(
        f"{url}objections/{objection.pk}/answer/",
        {f"o{objection.pk}-status": "dismissed", f"o{objection.pk}-answer": "Không."},
    )
    assert refused.status_code == 403
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN


def test_an_officer_outside_the_issuing_unit_gets_a_404(published: RoundSetup, cast: Cast) -> None:
    client = client_for(cast["chomoi"])
    assert client.get(f"/awards/rounds/{published.round.pk}/consultation/").status_code == 404
    assert client.post(f"/awards/rounds/{published.round.pk}/consultation/publish/", {}).status_code == 404


def test_a_commune_officer_sees_the_round_but_not_the_objections(published: RoundSetup, cast: Cast) -> None:
    objection_submit(round=published.round, text=TEXT, name="Nông Văn A", source="x", on=PUBLISHED_ON)
    client = client_for(cast["ducxuan"])
    page = client.get(f"/awards/rounds/{published.round.pk}/consultation/")
    assert page.status_code == 403
    assert "Nông Văn A" not in page.content.decode()


def test_the_officers_page_needs_an_account(published: RoundSetup) -> None:
    response = client_for().get(f"/awards/rounds/{published.round.pk}/consultation/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- the API ----------------------------------------------------------------------------------------

API = "/api/v1/awards"


def test_the_api_publishes_lists_and_answers(setup: RoundSetup, cast: Cast) -> None:
    client = client_for(cast["backan"])
    refused = client.post(
        f"{API}/rounds/{setup.round.pk}/consultation/publish",
        {"on": "2014-02-26", "working_days": 9},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "at least 10 working days" in refused.json()["message"]
    done = client.post(
        f"{API}/rounds/{setup.round.pk}/consultation/publish", {"on": "2014-02-26"}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    assert done.json()["consultation_until"] == "2014-03-12"
    setup.round.refresh_from_db()
    objection = objection_submit(round=setup.round, text=TEXT, source="x", on=PUBLISHED_ON)
    listed = client.get(f"{API}/rounds/{setup.round.pk}/objections").json()
    assert [(o["id"], o["status"]) for o in listed] == [(objection.pk, "open")]
    empty = client.post(
        f"{API}/objections/{objection.pk}/answer",
        {"status": "dismissed", "answer": " "},
        content_type="application/json",
    )
    assert empty.status_code == 400
    answered = client.post(
        f"{API}/objections/{objection.pk}/answer",
        {"status": "dismissed", "answer": "Không có cơ sở."},
        content_type="application/json",
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "dismissed"
    state = client.get(f"{API}/rounds/{setup.round.pk}/consultation").json()
    assert (state["objections_open"], state["objections_answered"]) == (0, 1)


def test_the_api_refuses_outsiders_and_council_members(published: RoundSetup, cast: Cast) -> None:
    objection = objection_submit(round=published.round, text=TEXT, source="x", on=PUBLISHED_ON)
    outsider = client_for(cast["chomoi"])
    assert outsider.get(f"{API}/rounds/{published.round.pk}/objections").status_code == 404
    assert (
        outsider.post(
            f"{API}/objections/{objection.pk}/answer",
            {"status": "upheld", "answer": "Có."},
            content_type="application/json",
        ).status_code
        == 404
    )
    member = client_for(cast["hoidong"])
    assert member.get(f"{API}/rounds/{published.round.pk}/objections").status_code == 200
    assert (
        member.post(
            f"{API}/objections/{objection.pk}/answer",
            {"status": "upheld", "answer": "Có."},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert client_for().get(f"{API}/rounds/{published.round.pk}/consultation").status_code == 401
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN


# --- the console ------------------------------------------------------------------------------------


def test_the_console_publishes_lists_and_answers(setup: RoundSetup, cast: Cast) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("consultation", "publish", str(setup.round.pk), "--on", "26/02/2014", "--working-days", "9")
    call_command("consultation", "publish", str(setup.round.pk), "--on", "26/02/2014", "--user", "backan", stdout=out)
    assert "12/03/2014" in out.getvalue()
    setup.round.refresh_from_db()
    objection = objection_submit(round=setup.round, text=TEXT, source="x", on=PUBLISHED_ON)
    out = io.StringIO()
    with translation.override("en"):
        call_command("consultation", "objections", str(setup.round.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert [o["id"] for o in data["objections"]] == [objection.pk]
    assert "1 objection is not answered." in data["blockers"]
    out = io.StringIO()
    call_command(
        "consultation", "answer", str(objection.pk), "--status", "dismissed", "--answer", "Không có cơ sở.", stdout=out
    )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED
    assert AuditEntry.objects.filter(action="awards.consultation_publish", actor=cast["backan"]).exists()


def test_a_form_token_is_taken_once_and_a_form_shown_again_gets_a_new_one(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, PUBLISHED_ON)
    url = f"/public/rounds/{published.round.pk}/"
    data = _objection_post(published.round)
    assert client_for().post(url, data, REMOTE_ADDR="203.0.113.50").status_code == 302
    # The same token again, even from another address: refused, nothing stored.
    again = client_for().post(url, data, REMOTE_ADDR="203.0.113.51")
    assert again.status_code == 400 and "This form was already sent" in again.content.decode()
    assert PublicObjection.objects.count() == 1
    # A form refused for its content does not spend its token, and comes back with a fresh one.
    fresh = _objection_post(published.round, text="x" * 19)
    shown = client_for().post(url, fresh, REMOTE_ADDR="203.0.113.52").content.decode()
    assert fresh["started"] not in shown and 'name="started"' in shown


def test_the_limits_are_counted_in_a_cache_every_worker_shares(
    published: RoundSetup, monkeypatch: pytest.MonkeyPatch, settings: object
) -> None:
    from django.core.cache import caches
    from django.db import connection

    _today(monkeypatch, PUBLISHED_ON)
    # Not the memory of one process: Redis when configured, else a table of the database.
    backend = settings.CACHES["limits"]["BACKEND"]  # type: ignore[attr-defined]
    assert backend.endswith(("RedisCache", "DatabaseCache"))
    url = f"/public/rounds/{published.round.pk}/"
    for _ in range(2):
        assert client_for().post(url, _objection_post(published.round), REMOTE_ADDR="203.0.113.60").status_code == 302
    if backend.endswith("DatabaseCache"):
        table = caches["limits"]._table  # type: ignore[attr-defined]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 — the table is the setting's
            # Two slots of the sender's rate limit and two tokens taken.
            assert cursor.fetchone()[0] == 4
