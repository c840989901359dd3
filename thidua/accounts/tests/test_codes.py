"""One-time codes and links: the password set by the user, forced at the first login."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.services import code_issue, link_send
from thidua.audit.models import AuditEntry
from thidua.testing import Cast

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "mat-khau-rieng-2026"


def _login(client: Client, username: str, password: str) -> None:
    client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_one_time_code_lets_the_user_in_only_to_choose_a_password(cast: Cast, client: Client) -> None:
    code = code_issue(user=cast["to8a"], actor=cast["ducxuan"])
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code not in str(list(AuditEntry.objects.values_list("changes", flat=True)))
    _login(client, "to8a", "thidua-demo")
    assert "_auth_user_id" not in client.session  # the old password no longer works
    _login(client, "to8a", code)
    assert "_auth_user_id" in client.session
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(username="to8a")
    assert not user.must_change_password and user.check_password(NEW_PASSWORD)
    assert client.get(reverse("home")).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.password_change", actor=user).exists()


def test_an_expired_code_does_not_let_anyone_in(cast: Cast, client: Client) -> None:
    code = code_issue(user=cast["to8a"], actor=cast["ducxuan"])
    User.objects.filter(username="to8a").update(code_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    _login(client, "to8a", code)
    assert "_auth_user_id" not in client.session


def test_a_new_code_replaces_the_last(cast: Cast, client: Client) -> None:
    first = code_issue(user=cast["to8a"], actor=cast["ducxuan"])
    second = code_issue(user=cast["to8a"], actor=cast["ducxuan"])
    _login(client, "to8a", first)
    assert "_auth_user_id" not in client.session
    _login(client, "to8a", second)
    assert "_auth_user_id" in client.session


def test_a_one_time_link_is_mailed_and_works_once(
    cast: Cast, client: Client, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        link_send(user=cast["to8a"], base_url="https://thidua.example.vn", actor=cast["ducxuan"])
    (message,) = mail.outbox
    assert message.to == ["to8a@example.invalid"]
    link = re.search(r"https://thidua\.example\.vn(/\S+)", message.body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(username="to8a").check_password(NEW_PASSWORD)
    # The token is spent: the same link no longer opens the form.
    response = client.get(link.group(1), follow=True)
    assert b"new_password1" not in response.content
