"""Every writing service is probed: called by an actor outside its scope and by a lower role, and refused.

A writing service is a public function with a keyword-only ``actor`` parameter, defined in a module
named ``services`` or inside a ``services`` package anywhere under ``thidua``. Each app lists the
services it probes in ``PROBED`` in its ``tests/test_authorization.py`` (or a sub-package's); this test
fails naming every writing service that no ``PROBED`` lists.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import thidua

# Functions that have the shape of a writing service but are not a gate, with the reason.
NOT_GATES = {
    # The recorder every service calls inside its own transaction, after authorizing its own actor; it
    # decides nothing (an anonymous objection to a public list is recorded with no actor at all).
    "thidua.audit.services.audit_record": "the audit recorder, called by the services that authorized",
}


def _modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(thidua.__path__, "thidua."):
        parts = info.name.split(".")
        if "tests" in parts or "migrations" in parts:
            continue
        yield importlib.import_module(info.name)


def _is_service_module(module: ModuleType) -> bool:
    parts = module.__name__.split(".")
    return parts[-1] == "services" or "services" in parts[:-1]


def writing_services() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module in _modules():
        if not _is_service_module(module):
            continue
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            actor = inspect.signature(function).parameters.get("actor")
            if actor is not None and actor.kind is inspect.Parameter.KEYWORD_ONLY:
                found[f"{module.__name__}.{name}"] = function
    return found


def probed() -> set[Callable[..., Any]]:
    functions: set[Callable[..., Any]] = set()
    for module in _test_authorization_modules():
        functions |= set(getattr(module, "PROBED", []))
    return functions


def _test_authorization_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(thidua.__path__, "thidua."):
        if info.name.endswith(".tests.test_authorization"):
            yield importlib.import_module(info.name)


def test_the_collector_finds_the_services_of_every_app() -> None:
    services = writing_services()
    for name in (
        "thidua.units.services.area_create",
        "thidua.accounts.services.user_create",
        "thidua.jobs.services.job_start",
        "thidua.events.services.checkin",
    ):
        assert name in services
    assert "thidua.units.services.new_area" not in services  # no actor: it writes nothing


def test_every_writing_service_is_probed_for_its_refusals() -> None:
    covered = probed()
    missing = sorted(
        name for name, function in writing_services().items() if function not in covered and name not in NOT_GATES
    )
    assert missing == [], (
        "writing services that no tests/test_authorization.py PROBED list calls with an outsider and a lower "
        "role:\n  " + "\n  ".join(missing)
    )
