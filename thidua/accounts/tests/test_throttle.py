"""Throttling of signing in (issue #14, item 4), on every way in: by (address, user name), so that a
guesser cannot lock an officer out of their own office, and by address, so that one password tried
on many accounts is slowed too; failures counted without an audit row each; the client's address
believed from X-Forwarded-For only when a trusted proxy sent it."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone

from thidua.accounts.personas import DEMO_PASSWORD
from thidua.accounts.throttle import client_address
from thidua.audit.models import AuditEntry
from thidua.testing import Cast

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.20"


def _post(path: str, username: str, password: str, address: str) -> tuple[int, str, Client]:
    client = Client(REMOTE_ADDR=address)
    response = client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code, response.content.decode(), client


def _login(username: str, password: str = DEMO_PASSWORD, address: str = ATTACKER) -> tuple[int, str, Client]:
    return _post("/accounts/login/", username, password, address)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failures_lock_the_name_from_that_address_even_with_the_right_password(cast: Cast) -> None:
    for _ in range(4):
        status, page, client = _login("ducxuan", "wrong")
        assert status == 200 and not _signed_in(client)
    # The fifth failure locks, and says so.
    assert _login("ducxuan", "wrong")[0] == 429
    status, page, client = _login("ducxuan")
    assert status == 429 and not _signed_in(client)
    assert "Đăng nhập sai quá nhiều lần từ địa chỉ của bạn" in page and "15 phút" in page
    # Another case of the same name counts against it.
    assert _login("DucXuan")[0] == 429


def test_the_officer_still_signs_in_from_another_address_while_a_guesser_is_locked(cast: Cast) -> None:
    for _ in range(6):
        _login("ducxuan", "wrong")
    status, _page, client = _login("ducxuan", address=OFFICE)
    assert status == 302 and _signed_in(client)


def test_one_password_tried_on_many_names_locks_the_address(cast: Cast, settings: object) -> None:
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8  # type: ignore[attr-defined]
    for number in range(7):
        assert _login(f"name{number}", "Password123")[0] == 200
    assert _login("name7", "Password123")[0] == 429
    # A name never tried from there is refused too, and the right password does not help …
    status, _page, client = _login("backan")
    assert status == 429 and not _signed_in(client)
    # … while another address is not slowed.
    assert _login("backan", address=OFFICE)[0] == 302


def test_the_admin_login_is_throttled_like_the_login_page(cast: Cast) -> None:
    username = cast["admin"].username
    for _ in range(4):
        assert _post("/admin/login/", username, "wrong", ATTACKER)[0] == 200
    assert _post("/admin/login/", username, "wrong", ATTACKER)[0] == 429
    status, _page, client = _post("/admin/login/", username, DEMO_PASSWORD, ATTACKER)
    assert status == 429 and not _signed_in(client)
    # The failures on the admin's page count on the login page too.
    assert _login(username)[0] == 429


def test_failures_leave_one_counting_row_and_only_the_lockout_is_audited(cast: Cast) -> None:
    for _ in range(7):
        _login("ducxuan", "wrong")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("ducxuan", ATTACKER, 5)
    assert "wrong" not in attempt.post_data
    assert not AuditEntry.objects.filter(action="accounts.login_failed").exists()
    locked = AuditEntry.objects.get(action="accounts.login_locked")
    assert "ducxuan" in str(locked.changes) and ATTACKER in str(locked.changes)


def test_the_lock_lifts_after_the_window_and_a_success_clears_the_count(cast: Cast) -> None:
    for _ in range(5):
        _login("ducxuan", "wrong")
    assert _login("ducxuan")[0] == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    status, _page, client = _login("ducxuan")
    assert status == 302 and _signed_in(client)
    for _ in range(4):
        _login("ducxuan", "wrong")
    assert _login("ducxuan")[0] == 302
    assert not AccessAttempt.objects.filter(username="ducxuan").exists()


def test_the_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy(settings: object) -> None:
    factory = RequestFactory()
    forged = factory.get("/", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="10.0.0.1")
    settings.TRUSTED_PROXIES = []  # type: ignore[attr-defined]
    assert client_address(forged) == ATTACKER
    proxied = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE)
    assert client_address(proxied) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]  # type: ignore[attr-defined]
    assert client_address(forged) == ATTACKER
    assert client_address(proxied) == OFFICE
    # A client that sends its own X-Forwarded-For through two proxies: the last untrusted hop counts.
    chained = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {OFFICE}, 10.1.2.3")
    assert client_address(chained) == OFFICE


def test_passwords_need_ten_characters_and_no_common_or_numeric_one_passes() -> None:
    for weak in ("12345678", "password", "password12", "1234567890", "Ab3$xy9"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Thon-Tong-Neng-2013")
