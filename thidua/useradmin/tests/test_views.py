"""The account pages: the Administration menu leads to them; each officer manages the accounts below."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from thidua.accounts.models import Role, User
from thidua.testing import Cast

pytestmark = pytest.mark.django_db

ClientAs = Callable[..., Client]


def test_the_administration_menu_leads_to_the_accounts_page_of_those_who_manage_accounts(client_as: ClientAs) -> None:
    page = client_as("ducxuan").get(reverse("home")).content.decode()
    assert reverse("useradmin:list") in page and "/admin/" not in page
    listing = client_as("ducxuan").get(reverse("useradmin:list")).content.decode()
    assert "to8a" in listing and "backan" not in listing and "ducxuan" not in listing
    assert reverse("useradmin:list") not in client_as("to8a").get(reverse("home")).content.decode()
    assert client_as("to8a").get(reverse("useradmin:list")).status_code == 403


def test_an_officer_creates_an_account_and_gets_its_one_time_code(cast: Cast, client_as: ClientAs) -> None:
    client = client_as("backan")
    assert "vn-2024:01840" in client.get(reverse("useradmin:create")).content.decode()
    response = client.post(
        reverse("useradmin:create"),
        {
            "username": "lan2013",
            "full_name": "Nông Thị Lan",
            "role": Role.COMMUNE_OFFICER,
            "unit": "vn-2024:01840",
            "starts": "01/01/2013",
            "handover": "code",
        },
    )
    assert response.status_code == 200
    code = re.search(r'data-testid="code-value">([A-Z0-9-]+)<', response.content.decode())
    assert code is not None
    user = User.objects.get(username="lan2013")
    assert (user.role, user.unit, user.must_change_password) == (Role.COMMUNE_OFFICER, cast.duc_xuan, True)
    assert user.check_password(code.group(1))


def test_a_refused_role_says_why_on_the_form_and_writes_nothing(client_as: ClientAs) -> None:
    response = client_as("ducxuan").post(
        reverse("useradmin:create"),
        {"username": "x", "full_name": "X Y", "role": Role.DISTRICT_OFFICER, "unit": "vn-2024:058", "handover": "code"},
    )
    assert response.status_code == 403
    response = client_as("ducxuan").post(
        reverse("useradmin:create"),
        {"username": "x", "full_name": "X Y", "role": Role.AREA_OFFICER, "unit": "99999", "handover": "code"},
    )
    assert response.status_code == 200 and "No unit has the code 99999." in response.content.decode()
    response = client_as("ducxuan").post(
        reverse("useradmin:create"),
        {"username": "x", "full_name": "X Y", "role": Role.COMMUNE_OFFICER, "unit": "01840-08A", "handover": "code"},
    )
    assert "works for a unit of another level" in response.content.decode()
    assert not User.objects.filter(username="x").exists()


def test_an_account_of_another_district_is_not_found(cast: Cast, client_as: ClientAs) -> None:
    assert client_as("chomoi").get(reverse("useradmin:detail", args=[cast["to8a"].pk])).status_code == 404
    response = client_as("chomoi").post(reverse("useradmin:deactivate", args=[cast["to8a"].pk]), {"reason": "x"})
    assert response.status_code == 404
    assert User.objects.get(username="to8a").is_active


def test_roles_and_deactivation_from_the_account_page(cast: Cast, client_as: ClientAs) -> None:
    client, pk = client_as("ducxuan"), cast["to8a"].pk
    response = client.post(
        reverse("useradmin:role_grant", args=[pk]),
        {"role": Role.COUNCIL_MEMBER, "unit": "vn-2024:01840", "starts": "01/01/2014"},
    )
    assert response.status_code == 302
    page = client.get(reverse("useradmin:detail", args=[pk])).content.decode()
    assert "01/01/2009" in page and "31/12/2013" in page and "01/01/2014" in page
    assignment = User.objects.get(pk=pk).role_assignments.get(ends__isnull=True)
    response = client.post(
        reverse("useradmin:role_end", args=[pk, assignment.pk]), {"ends": "31/12/2015", "reason": "Hết nhiệm kỳ"}
    )
    assert response.status_code == 302
    response = client.post(reverse("useradmin:deactivate", args=[pk]), {"reason": "Chuyển công tác"})
    assert response.status_code == 302
    page = client.get(reverse("useradmin:detail", args=[pk])).content.decode()
    assert "Chuyển công tác" in page and "Hết nhiệm kỳ" in page
    assert not User.objects.get(pk=pk).is_active
