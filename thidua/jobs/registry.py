"""The kinds of background job, registered by the app that owns each one.

An app calls ``register_job_kind`` in its ``AppConfig.ready``: the kind's name ("units.import_official"),
the dotted path of the service function the worker runs, and the label its page shows. The function
takes ``actor`` and ``progress`` keyword arguments plus the job's JSON parameters, authorizes ``actor``
itself (the job runs as the user who started it), and returns a JSON-ready summary; the same
function is what the CLI calls in the foreground with a terminal bar. ``action`` is the permission
``job_start`` asks before queuing a job of the kind (``jobs.start_job``, any officer, when the kind
names none: its function refuses when it runs). ``register_result_labels`` adds how the keys of that
summary read on the job's page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class JobKind:
    name: str
    function: str  # dotted path, imported by the worker when it runs the job
    label: Any  # a lazy translation
    action: str = "jobs.start_job"  # the permission to queue a job of this kind


_KINDS: dict[str, JobKind] = {}
_RESULT_LABELS: dict[str, Any] = {}


def register_job_kind(name: str, function: str, label: Any, *, action: str = "jobs.start_job") -> None:
    existing = _KINDS.get(name)
    if existing is not None and existing.function != function:
        raise ValueError(f"The job kind {name!r} is registered twice.")
    _KINDS[name] = JobKind(name, function, label, action)


def register_result_labels(labels: dict[str, Any]) -> None:
    """Labels of summary keys; two apps may share a key only with the same label."""
    for key, label in labels.items():
        if key in _RESULT_LABELS and str(_RESULT_LABELS[key]) != str(label):
            raise ValueError(f"The result key {key!r} has two labels.")
        _RESULT_LABELS[key] = label


def job_kind(name: str) -> JobKind | None:
    return _KINDS.get(name)


def job_kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


def result_label(key: str) -> Any:
    return _RESULT_LABELS.get(key)
