from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from thidua.accounts.personas import DEMO_PASSWORD
from thidua.testing import Cast

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = DEMO_PASSWORD) -> str:
    response = client.post("/accounts/login/", {"username": username, "password": password}, follow=True)
    return response.content.decode()


def test_pages_require_login(client: Client) -> None:
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_shows_the_dashboard_of_the_users_unit(client: Client, cast: Cast) -> None:
    page = _login(client, "backan")
    assert "thành phố Bắc Kạn" in page
    assert "Phường Đức Xuân" in page and "Phường Sông Cầu" in page
    assert "Chợ Mới" not in page


def test_an_idle_session_ends(client: Client, cast: Cast) -> None:
    _login(client, "to8a")
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_password_reset_sends_a_link_that_sets_a_new_password(client: Client, cast: Cast) -> None:
    response = client.post("/accounts/password/reset/", {"email": "to8a@example.invalid"}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "Thon-Tong-Neng-2013"
    response = client.post(form_url, {"new_password1": new, "new_password2": new}, follow=True)
    assert "Mật khẩu mới của bạn đã được lưu" in response.content.decode()
    client.logout()
    _login(client, "to8a", new)
    assert client.session.get("_auth_user_id") == str(cast["to8a"].pk)


def test_password_change(client: Client, cast: Cast) -> None:
    _login(client, "hoidong")
    new = "Hoi-dong-thi-dua-2013"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Mật khẩu của bạn đã được đổi" in response.content.decode()
    cast["hoidong"].refresh_from_db()
    assert cast["hoidong"].check_password(new)


def test_the_login_page_lists_demo_accounts_only_in_demo_mode(client: Client, cast: Cast, settings: object) -> None:
    settings.DEMO_MODE = False  # type: ignore[attr-defined]
    assert "thidua-demo" not in client.get("/accounts/login/").content.decode()
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    page = client.get("/accounts/login/").content.decode()
    assert "thidua-demo" in page and "chomoi" in page


def test_the_demo_home_page_says_what_to_try(client: Client, cast: Cast, settings: object) -> None:
    client.force_login(cast["backan"])
    settings.DEMO_MODE = False  # type: ignore[attr-defined]
    assert 'data-testid="demo-guide"' not in client.get("/").content.decode()
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    page = client.get("/").content.decode()
    assert 'data-testid="demo-guide"' in page and "Bình xét hằng năm" in page and "ducxuan" in page
