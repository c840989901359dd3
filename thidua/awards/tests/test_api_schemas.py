"""The API's description names each schema once: an awards schema shares its name with no other."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.test import Client
from django.urls import reverse
from ninja import Schema

from thidua.awards import api  # noqa: F401  (every part's schemas, through the one router)


def _schemas(root: type[Schema]) -> Iterator[type[Schema]]:
    for sub in root.__subclasses__():
        yield sub
        yield from _schemas(sub)


def test_no_awards_schema_shares_its_name_with_another() -> None:
    modules: dict[str, set[str]] = defaultdict(set)
    for schema in _schemas(Schema):
        if schema.__module__.startswith("thidua."):
            modules[schema.__name__].add(schema.__module__)
    shared = {
        name: sorted(found)
        for name, found in modules.items()
        if len(found) > 1 and any(m.startswith("thidua.awards.") for m in found)
    }
    assert not shared, shared


def test_the_awards_operations_answer_errors_in_the_apis_one_shape(client: Client, db: None) -> None:
    description = client.get(reverse("api:openapi-json")).json()
    issue = description["paths"]["/api/v1/awards/rounds/{round_id}/decisions"]["post"]["responses"]
    assert {"400", "403", "404"} <= set(issue)
    assert issue["403"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
