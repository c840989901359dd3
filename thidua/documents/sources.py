"""What the engine prints, registered by the app that owns the records.

The engine prints certificates; it does not know what a decision is. An app registers a *source*
in its ``AppConfig.ready``: a name ("evaluations.decision") and the dotted path of a function
``source(*, actor, **params) -> list[Certificate]`` that authorizes ``actor`` itself and builds the
certificates from the database. A job then carries only the source's name and its small parameters
(a decision's id), never a list of a thousand recipients.

An app registers a *document export* the same way, for ``thidua documents <name> ID``: the dotted
path of a selector ``selector(actor) -> QuerySet`` of the records an actor may export, and of a
function ``render(record, fmt) -> Rendered`` (``thidua.documents.formats``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
        return import_string(_SOURCES[name])
    except KeyError:
        raise ValueError(f"Unknown certificate source {name!r}.") from None


def certificate_sources() -> list[str]:
    return sorted(_SOURCES)


@dataclass(frozen=True)
class DocumentExport:
    name: str
    selector: str  # dotted path: selector(actor) -> QuerySet of the records the actor may export
    render: str  # dotted path: render(record, fmt) -> Rendered
    help: Any  # a lazy translation, for the command's help


_EXPORTS: dict[str, DocumentExport] = {}


def register_document_export(name: str, *, selector: str, render: str, help: Any) -> None:
    export = DocumentExport(name, selector, render, help)
    if name in _EXPORTS and _EXPORTS[name] != export:
        raise ValueError(f"The document export {name!r} is registered twice.")
    _EXPORTS[name] = export


def document_exports() -> dict[str, DocumentExport]:
    return dict(sorted(_EXPORTS.items()))
