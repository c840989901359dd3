"""Where a batch of certificates comes from, registered by the app that owns the records.

The engine prints certificates; it does not know what a decision is. An app registers a *source*
in its ``AppConfig.ready``: a name ("evaluations.decision") and the dotted path of a function
``source(*, actor, **params) -> list[Certificate]`` that authorizes ``actor`` itself and builds the
certificates from the database. A job then carries only the source's name and its small parameters
(a decision's id), never a list of a thousand recipients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from thidua.documents.model import Certificate

_SOURCES: dict[str, str] = {}


def register_certificate_source(name: str, function: str) -> None:
    if _SOURCES.get(name, function) != function:
        raise ValueError(f"The certificate source {name!r} is registered twice.")
    _SOURCES[name] = function


def certificate_source(name: str) -> Callable[..., list[Certificate]]:
    try:
        return import_string(_SOURCES[name])  # type: ignore[no-any-return]
    except KeyError:
        raise ValueError(f"Unknown certificate source {name!r}.") from None


def certificate_sources() -> list[str]:
    return sorted(_SOURCES)
