"""The API assembled at the top (``thidua.api_v1``): its paths, its one error shape, its schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, get_args

import pytest
from django.test import Client
from pydantic import BaseModel

from thidua.accounts.models import User
from thidua.api_v1 import api
from thidua.jobs.models import Job
from thidua.testing import Cast

pytestmark = pytest.mark.django_db

ClientAs = Callable[..., Client]


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert body["code"] == code and body["message"]
    return body


def test_the_api_needs_a_session(client_as: ClientAs) -> None:
    body = _error(client_as().get("/api/v1/me"), 401, "unauthenticated")
    assert body["message"] == "Log in, or send a valid API token."
    assert client_as(language="vi").get("/api/v1/me").json()["message"] != body["message"]


def test_an_unknown_object_and_an_unknown_address_are_404_in_the_one_shape(client_as: ClientAs, cast: Cast) -> None:
    client = client_as("chomoi")
    _error(client.get(f"/api/v1/units/{cast.duc_xuan.pk}"), 404, "not_found")
    _error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_a_method_an_endpoint_does_not_take_is_405_in_the_one_shape(client_as: ClientAs) -> None:
    response = client_as("admin").get("/api/v1/jobs/import-official")
    body = _error(response, 405, "method_not_allowed")
    assert "POST" in body["message"] and response["Allow"] == "POST"


def test_a_request_that_does_not_match_the_schema_is_422_naming_the_field(client_as: ClientAs) -> None:
    body = _error(client_as("backan").get("/api/v1/units/tree", {"as_of": "31/12/2013"}), 422, "unprocessable")
    assert [item["field"] for item in body["errors"]] == ["as_of"]


def test_an_unexpected_failure_is_500_in_the_one_shape_and_logged(
    client_as: ClientAs, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: User) -> str:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(User, "get_full_name", broken)
    client = client_as("ducxuan")
    client.raise_request_exception = False
    body = _error(client.get("/api/v1/me"), 500, "server_error")
    assert "disk" not in body["message"]
    assert "the disk is on fire" in caplog.text


def test_me_tells_the_role_and_unit(client_as: ClientAs) -> None:
    body = client_as("ducxuan").get("/api/v1/me").json()
    assert body["role"] == "commune_officer"
    assert body["unit"]["full_name"] == "phường Đức Xuân"


def test_units_are_scoped_searchable_and_404_outside_the_subtree(client_as: ClientAs, cast: Cast) -> None:
    client = client_as("chomoi")
    names = [u["full_name"] for u in client.get("/api/v1/units").json()["items"]]
    assert names == ["huyện Chợ Mới", "thị trấn Đồng Tâm"]
    assert client.get(f"/api/v1/units/{cast.duc_xuan.pk}").status_code == 404
    client = client_as("backan")
    assert client.get(f"/api/v1/units/{cast.duc_xuan.pk}").json()["code"] == "01840"
    found = client.get("/api/v1/units", {"q": "song cau"}).json()["items"]
    assert [u["code"] for u in found] == ["01837"]


def test_only_an_administrator_starts_the_import_and_sees_its_progress(client_as: ClientAs) -> None:
    body = _error(client_as("tinh").post("/api/v1/jobs/import-official"), 403, "forbidden")
    assert body["message"] == "Only an administrator loads the official list of administrative units."
    assert not Job.objects.exists()
    response = client_as("admin").post("/api/v1/jobs/import-official")
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert Job.objects.filter(pk=job_id, status="queued").exists()
    assert client_as("admin").get(f"/api/v1/jobs/{job_id}").json()["percent"] == 0
    assert client_as("tinh").get(f"/api/v1/jobs/{job_id}").status_code == 404


def test_the_openapi_documentation_is_served_without_a_cdn(client_as: ClientAs) -> None:
    client = client_as("admin")
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "thidua API"
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in page.lower() and "/static/ninja/" in page


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _models_in(argument)


def _schema_classes() -> dict[str, set[type[BaseModel]]]:
    """Every schema class an operation of the assembled API reads or answers, by its name in the
    OpenAPI components (the class's name); ninja's per-operation wrappers are walked through, not counted."""
    seen: set[type[BaseModel]] = set()
    by_name: dict[str, set[type[BaseModel]]] = {}

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        by_name.setdefault(model.__name__, set()).add(model)
        for field in model.model_fields.values():
            for nested in _models_in(field.annotation):
                visit(nested)

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                wrappers = [*operation.models, *(m for m in operation.response_models.values() if m)]
                for wrapper in wrappers:
                    if isinstance(wrapper, type) and issubclass(wrapper, BaseModel):
                        for field in wrapper.model_fields.values():
                            for model in _models_in(field.annotation):
                                visit(model)
    return by_name


def test_no_two_schema_classes_share_a_name_in_the_openapi_schema() -> None:
    by_name = _schema_classes()
    assert {"UnitOut", "JobOut", "ErrorOut", "TreeNodeOut", "MeOut"} <= set(by_name)
    clashes = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in by_name.items()
        if len(classes) > 1
    }
    # ninja writes components by name, so the second class of a name silently replaces the first.
    assert clashes == {}, f"rename one of each: {clashes}"
