"""``thidua nominations`` on the fixed cast: list, create, submit, return, accept; --dry-run writes nothing."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from thidua.audit.models import AuditEntry
from thidua.awards.models import Nomination, NominationStatus
from thidua.awards.tests.fixtures_nominations import Story, story_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args: object) -> str:
    out = StringIO()
    # The console speaks the language the ``thidua`` command chose; these tests read English.
    with translation.override("en"):
        call_command("nominations", *[str(a) for a in args], stdout=out, stderr=StringIO())
    return out.getvalue()


def _create(story: Story, *extra: object) -> str:
    return _run(
        "create",
        story.round.pk,
        "--form",
        "gk-kdc",
        "--area",
        story.to_8a.code,
        "--unit",
        "01840",
        "--as",
        "ducxuan",
        *extra,
    )


def test_create_with_dry_run_checks_everything_and_writes_nothing(story: Story) -> None:
    output = _create(story, "--dry-run")

    assert "tổ 8A" in output and "dry run" in output
    assert not Nomination.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="awards.nomination").exists()


def test_the_whole_path_from_the_console(story: Story) -> None:
    _create(story)
    pk = Nomination.objects.get().pk

    _run("submit", pk, "--as", "ducxuan")
    _run("return", pk, "--reason", "Bổ sung số liệu.", "--as", "backan")
    _run("submit", pk, "--as", "ducxuan")
    _run("accept", pk, "--dry-run", "--as", "backan")
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED
    _run("accept", pk, "--as", "backan")

    assert Nomination.objects.get().status == NominationStatus.ACCEPTED
    listed = json.loads(_run("list", story.round.pk, "--format", "json"))
    assert [(n["id"], n["status"], n["area"]) for n in listed] == [(pk, "accepted", story.to_8a.code)]
    assert "accepted" in _run("list", story.round.pk)


def test_the_console_refuses_what_the_pages_refuse_with_the_reason(story: Story) -> None:
    with pytest.raises(CommandError, match="is not in phường Đức Xuân"):
        _run(
            "create",
            story.round.pk,
            "--form",
            "gk-kdc",
            "--area",
            story.to_12.code,
            "--unit",
            "01840",
            "--as",
            "ducxuan",
        )
    _create(story)
    pk = Nomination.objects.get().pk
    _run("submit", pk, "--as", "ducxuan")
    with pytest.raises(CommandError, match="Say why the nomination is returned"):
        _run("return", pk, "--reason", " ", "--as", "backan")
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


def test_the_report_is_written_to_a_file(story: Story, tmp_path: Path) -> None:
    _create(story)
    target = tmp_path / "bao-cao.docx"

    _run("report", Nomination.objects.get().pk, "--format", "docx", "-o", target)

    assert target.read_bytes().startswith(b"PK")
