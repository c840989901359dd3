"""API tokens: a program acts as the token's owner, within its scope, every call audited; the secret is
kept only as a hash; an expired, revoked or unknown token opens nothing."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone, translation

from thidua.audit.models import AuditEntry
from thidua.testing import Cast, assert_refused
from thidua.tokens.models import ApiToken
from thidua.tokens.services import service_account_create, token_create, token_revoke

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def _bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_acts_as_its_owner_without_a_session(cast: Cast) -> None:
    _token, secret = token_create(user=cast["to8a"], name="Excel macro", actor=cast["to8a"])
    client = Client()
    assert client.get("/api/v1/me").status_code == 401
    answer = client.get("/api/v1/me", **_bearer(secret))
    assert answer.status_code == 200 and answer.json()["username"] == "to8a"


def test_the_secret_is_kept_only_as_its_hash(cast: Cast) -> None:
    token, secret = token_create(user=cast["ducxuan"], name="LGSP", actor=cast["ducxuan"])
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(secret not in str(value) for value in stored.values())
    assert secret.startswith(token.prefix) and len(token.prefix) < len(secret) // 3


def test_a_token_sees_only_its_owners_subtree(cast: Cast) -> None:
    _token, secret = token_create(user=cast["chomoi"], name="report", actor=cast["chomoi"])
    client = Client()
    own = client.get(f"/api/v1/units/{cast.dong_tam.pk}", **_bearer(secret))
    other = client.get(f"/api/v1/units/{cast.to_8a.pk}", **_bearer(secret))
    assert own.status_code == 200
    assert other.status_code == 404


def test_a_write_with_a_token_needs_no_csrf_and_is_audited(cast: Cast) -> None:
    _token, secret = token_create(user=cast["ducxuan"], name="sync", actor=cast["ducxuan"])
    client = Client(enforce_csrf_checks=True)
    made = client.post(
        "/api/v1/tokens", {"name": "second", "days": 30}, content_type="application/json", **_bearer(secret)
    )
    assert made.status_code == 201 and made.json()["secret"].startswith("thd_")
    call = AuditEntry.objects.filter(action="api.call").latest("pk")
    assert call.actor == cast["ducxuan"]
    assert call.changes["path"][1] == "/api/v1/tokens" and call.changes["status"][1] == 201
    # The same write with the session but without the CSRF token stays refused.
    session = Client(enforce_csrf_checks=True)
    session.force_login(cast["ducxuan"])
    assert session.post("/api/v1/tokens", {"name": "x"}, content_type="application/json").status_code == 403


@pytest.mark.parametrize("state", ["expired", "revoked", "unknown", "malformed", "owner_deactivated"])
def test_a_token_that_is_no_longer_valid_opens_nothing(cast: Cast, state: str) -> None:
    token, secret = token_create(user=cast["ducxuan"], name="old", actor=cast["ducxuan"])
    if state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif state == "revoked":
        token_revoke(token=token, reason="the laptop was lost", actor=cast["ducxuan"])
    elif state == "unknown":
        secret = "thd_" + "x" * 43
    elif state == "malformed":
        secret = "not-a-token"
    else:
        type(cast["ducxuan"]).objects.filter(pk=cast["ducxuan"].pk).update(is_active=False)
    answer = Client().get("/api/v1/me", **_bearer(secret))
    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthenticated"
    assert not AuditEntry.objects.filter(action="api.call").exists()


def test_only_its_owner_or_an_administrator_revokes_a_token_and_always_with_a_reason(cast: Cast) -> None:
    token, _secret = token_create(user=cast["ducxuan"], name="sync", actor=cast["ducxuan"])
    for other in ("to8a", "backan", "tinh", "chomoi"):
        assert_refused(lambda other=other: token_revoke(token=token, reason="mine now", actor=cast[other]))
    with pytest.raises(Exception, match="Say why"):
        token_revoke(token=token, reason="  ", actor=cast["ducxuan"])
    token_revoke(token=token, reason="rotated", actor=cast["admin"])
    token.refresh_from_db()
    assert token.revoked_by == cast["admin"] and token.revocation_reason == "rotated"
    assert AuditEntry.objects.filter(action="tokens.revoke", reason="rotated").exists()


def test_nobody_makes_a_token_acting_as_someone_else_but_an_administrator(cast: Cast) -> None:
    assert_refused(lambda: token_create(user=cast["ducxuan"], name="borrowed", actor=cast["backan"]))
    _token, secret = token_create(user=cast["ducxuan"], name="for the commune", actor=cast["admin"])
    assert Client().get("/api/v1/me", **_bearer(secret)).json()["username"] == "ducxuan"


def test_a_token_lasts_at_most_a_year(cast: Cast) -> None:
    with pytest.raises(Exception, match="from 1 to 365 days"):
        token_create(user=cast["to8a"], name="forever", days=3650, actor=cast["to8a"])


def test_a_service_account_has_a_role_and_a_unit_no_password_and_acts_through_its_token(cast: Cast) -> None:
    assert_refused(
        lambda: service_account_create(
            username="lgsp", description="LGSP", role="district_officer", unit=cast.town, actor=cast["tinh"]
        )
    )
    account = service_account_create(
        username="lgsp-backan",
        description="Nền tảng tích hợp LGSP tỉnh Bắc Kạn",
        role="district_officer",
        unit=cast.town,
        actor=cast["admin"],
    )
    assert not account.user.has_usable_password()
    assert_refused(lambda: token_create(user=account.user, name="lgsp", actor=account.user))
    _token, secret = token_create(user=account.user, name="lgsp", actor=cast["admin"])
    client = Client()
    assert client.get(f"/api/v1/units/{cast.duc_xuan.pk}", **_bearer(secret)).status_code == 200
    assert client.get(f"/api/v1/units/{cast.dong_tam.pk}", **_bearer(secret)).status_code == 404


def test_the_page_shows_the_secret_once_and_revokes_with_a_reason(cast: Cast) -> None:
    client = Client()
    client.force_login(cast["to8a"])
    made = client.post("/tokens/", {"name": "Bảng tính tổ 8A", "days": 30})
    page = made.content.decode()
    assert made.status_code == 200 and 'data-testid="token-secret"' in page
    token = ApiToken.objects.get(user=cast["to8a"])
    assert 'data-testid="token-secret"' not in client.get("/tokens/").content.decode()
    assert client.post(f"/tokens/{token.pk}/revoke/", {"reason": "thay máy"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revocation_reason == "thay máy"
    # Another person's token is not even found; the accounts of other systems are for administrators.
    other, _secret = token_create(user=cast["ducxuan"], name="x", actor=cast["ducxuan"])
    assert client.post(f"/tokens/{other.pk}/revoke/", {"reason": "x"}).status_code == 404
    assert client.get("/tokens/service-accounts/").status_code == 404


def test_the_console_makes_lists_and_revokes_tokens(cast: Cast) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("tokens", "create", "--as", "ducxuan", "--name", "cron", "--days", "7", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert Client().get("/api/v1/me", **_bearer(secret)).status_code == 200
    token = ApiToken.objects.get(name="cron")
    listing = io.StringIO()
    call_command("tokens", "list", "--as", "ducxuan", stdout=listing)
    assert token.prefix in listing.getvalue() and secret not in listing.getvalue()
    with pytest.raises(CommandError):
        call_command("tokens", "revoke", str(token.pk), "--reason", "x", "--as", "to8a")
    call_command("tokens", "revoke", str(token.pk), "--reason", "done", "--as", "ducxuan", stdout=io.StringIO())
    assert Client().get("/api/v1/me", **_bearer(secret)).status_code == 401
