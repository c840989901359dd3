"""thidua's own error pages: in the reader's language, never technical, always with the way back."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from thidua.testing import Cast, client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret stack detail")


# A URL configuration with a view that fails, for the 500 page (handlers are read from the root module).
urlpatterns = [path("boom/", _boom), *__import__("thidua.urls", fromlist=["urlpatterns"]).urlpatterns]
handler500 = __import__("thidua.urls", fromlist=["handler500"]).handler500


def _page(response: HttpResponse) -> str:
    return response.content.decode()


def test_an_unknown_address_is_the_404_page_with_the_way_home_and_to_the_unit(cast: Cast) -> None:
    response = client_for(cast["ducxuan"]).get("/no-such-page/")
    assert response.status_code == 404
    body = _page(response)
    assert 'data-testid="error-page"' in body and "Not found" in body
    assert 'href="/"' in body
    assert f'href="/units/{cast.duc_xuan.pk}/"' in body and "Your unit: " in body
    # Django's technical text (the patterns tried) never reaches the reader.
    assert "tried" not in body and "urlpatterns" not in body


def test_the_404_page_is_vietnamese_on_the_vietnamese_pages(cast: Cast) -> None:
    body = _page(client_for(cast["ducxuan"], language="vi").get("/no-such-page/"))
    assert "Không tìm thấy" in body and "Về trang chủ" in body


def test_an_anonymous_visitor_gets_the_login_link_with_the_way_back_here(db: None) -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert 'href="/accounts/login/?next=%2Fno-such-page%2F"' in _page(response)


def test_a_refusal_is_the_403_page_with_its_reason(cast: Cast) -> None:
    response = client_for(cast["to8a"]).get(f"/reports/?unit={cast.to_8a.pk}")
    assert response.status_code == 403
    body = _page(response)
    assert "Not allowed" in body
    assert "A summary report covers a commune, a district or a province." in body
    assert 'href="/"' in body


def test_an_object_outside_the_subtree_is_the_404_page_and_django_s_text_is_not_shown(cast: Cast) -> None:
    response = client_for(cast["chomoi"]).get(f"/units/{cast.duc_xuan.pk}/")
    assert response.status_code == 404
    assert "matches the given query" not in _page(response)


def test_a_wrong_method_is_a_page_with_the_way_back_not_a_blank_page(cast: Cast) -> None:
    response = client_for(cast["ducxuan"]).get("/accounts/logout/")
    assert response.status_code == 405
    assert response.headers["Allow"]
    body = _page(response)
    assert "This address does not take this request" in body and 'href="/"' in body


def test_an_expired_form_is_explained_instead_of_django_s_csrf_page(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    client.force_login(cast["ducxuan"])
    response = client.post("/accounts/password/change/", {"old_password": "x"})
    assert response.status_code == 403
    body = _page(response)
    assert "The form has expired" in body and "CSRF cookie" not in body and "CSRF verification" not in body


@pytest.mark.urls("thidua.tests.test_error_pages")
def test_a_failure_is_the_500_page_without_the_technical_detail(cast: Cast) -> None:
    client = client_for(cast["ducxuan"])
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = _page(response)
    assert "Something went wrong" in body and "secret stack detail" not in body and "Traceback" not in body


def _demo_environment() -> dict[str, str]:
    makefile = (ROOT / "Makefile").read_text()
    line = re.search(r"^DEMO_ENV = (.*?)(?<!\\)\n", makefile, re.M | re.S)
    assert line, "Makefile has no DEMO_ENV"
    pairs = line.group(1).replace("\\\n", " ").replace("$(HOST)", "127.0.0.1").split()
    return dict(pair.split("=", 1) for pair in pairs)


def test_the_demo_runs_with_debug_off_and_passes_the_checks() -> None:
    environment = _demo_environment()
    assert environment["DEBUG"] == "false"
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
