"""``thidua rules check`` and ``explain`` as an operator runs them: a separate process, with no database."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
THIDUA = Path(sys.executable).parent / "thidua"

EXAMPLE: dict[str, Any] = {
    "cases": [
        {
            "id": "h1",
            "check": "household_title",
            "date": "2019-11-20",
            "facts": {"registered": True, "convened": 50, "present": 30, "votes_for": 18, "exclusions": []},
        },
        {
            "id": "a1",
            "check": "area_title",
            "date": "2020-12-10",
            "facts": {
                "registered": True,
                "convened": 20,
                "present": 15,
                "votes_for": 12,
                "points": 86,
                "gdvh_share": 0.82,
            },
            "params": {"area_min_points": 80, "area_min_gdvh_share": 0.8},
        },
        {
            "id": "c1",
            "check": "household_certificate",
            "date": "2021-12-01",
            "facts": {"title_years": [2019, 2020, 2021], "rewarded_windows": [[2016, 2018]]},
        },
        {
            "id": "c2",
            "check": "area_certificate",
            "date": "2022-12-01",
            "facts": {"title_years": [2018, 2019, 2020, 2021, 2022], "rewarded_windows": []},
        },
        {
            "id": "q1",
            "check": "quota",
            "date": "2022-12-01",
            "facts": {"eligible": [{"id": "x", "votes_for": 40}, {"id": "y", "votes_for": 35}]},
            "params": {"quota_share": 0.15},
        },
    ]
}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # A database URL nobody listens on: the command must not need one.
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere"}
    return subprocess.run(
        [str(THIDUA), "rules", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def test_check_reads_stdin_and_evaluates_the_example_without_a_database() -> None:
    result = run("check", "-", "--language", "en", stdin=json.dumps(EXAMPLE))
    assert result.returncode == 0, result.stderr
    results = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    assert list(results) == ["h1", "a1", "c1", "c2", "q1"]
    assert {r["regime"] for r in results.values()} == {"nd122-2018"}
    assert [results[k]["outcome"] for k in ("h1", "a1", "c1", "c2")] == [True, True, True, True]
    assert results["h1"]["checks"][1] == {"rule": "quorum", "passed": True, "detail": "30/50 = 60% ≥ 60%"}
    assert results["h1"]["checks"][2] == {"rule": "vote", "passed": True, "detail": "18/30 = 60% ≥ 60%"}
    assert [c["rule"] for c in results["a1"]["checks"]] == ["registered", "quorum", "vote", "points", "gdvh_share"]
    assert results["a1"]["checks"][3]["detail"] == "86 ≥ 80"
    assert results["c1"]["checks"][1]["rule"] == "window_not_reused"
    # 15% of a pool of 2 is 0.3: the quota is a cap, so it rounds down to nobody.
    assert results["q1"]["outcome"] == []
    assert results["q1"]["checks"][0]["detail"].startswith("15% × 2 = 0.3 → 0")


def test_check_reads_a_file_and_writes_vietnamese_numbers_by_default(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    q1 = body["results"][-1]
    assert q1["checks"][0]["detail"].startswith("15% × 2 = 0,3 → 0")
    assert body["results"][0]["checks"][1]["detail"] == "30/50 = 60% ≥ 60%"


def test_a_case_may_name_its_regime_and_override_parameters() -> None:
    document = {"cases": [copy.deepcopy(EXAMPLE["cases"][0])]}
    document["cases"][0]["regime"] = "tt12-2011"
    document["cases"][0]["params"] = {"pass_share": 0.65}
    result = run("check", "-", "--language", "en", stdin=json.dumps(document))
    assert result.returncode == 0, result.stderr
    case = json.loads(result.stdout)["results"][0]
    assert case["regime"] == "tt12-2011" and case["outcome"] is False
    assert "no quorum rule confirmed" in case["checks"][1]["detail"]
    assert case["checks"][2]["detail"].startswith("18/30 = 60% < 65%")


def _broken(index: int, change: Any) -> str:
    document = copy.deepcopy(EXAMPLE)
    change(document["cases"][index])
    return json.dumps(document)


def _set(path: str, value: Any) -> Any:
    def change(case: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = case
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _drop(path: str) -> Any:
    def change(case: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = case
        for key in parents:
            target = target[key]
        del target[last]

    return change


@pytest.mark.parametrize(
    ("index", "change", "case_id", "field", "words"),
    [
        (0, _set("facts.present", 60), "h1", "facts.present", "60 present is more than 50 convened"),
        (0, _set("facts.votes_for", 31), "h1", "facts.votes_for", "31 votes is more than 30 present"),
        (0, _drop("facts.votes_for"), "h1", "facts.votes_for", "missing"),
        (1, _set("check", "village_title"), "a1", "check", "unknown check village_title"),
        (1, _set("regime", "nd999"), "a1", "regime", "Unknown regime nd999"),
        (2, _set("date", "2021-13-01"), "c1", "date", "YYYY-MM-DD"),
        (2, _set("date", "2005-12-01"), "c1", "date", "No regime governs 01/12/2005"),
        (3, _set("params", {"area_certificate_years": 0}), "c2", "params.area_certificate_years", "at least 1"),
        (4, _set("params", {"quota_shares": 0.2}), "q1", "params.quota_shares", "unknown parameter"),
        (4, _set("facts.eligible", [{"id": "x", "votes_for": -1}]), "q1", "facts.eligible[0].votes_for", "at least 0"),
    ],
)
def test_a_malformed_case_exits_2_naming_the_case_and_the_field_and_evaluates_nothing(
    index: int, change: Any, case_id: str, field: str, words: str
) -> None:
    result = run("check", "-", "--language", "en", stdin=_broken(index, change))
    assert result.returncode == 2
    assert result.stdout == ""
    english = result.stderr.strip().splitlines()[-1]
    assert f"Case {case_id}, field {field}:" in english
    assert words in english


def test_a_malformed_case_is_told_in_vietnamese_by_default() -> None:
    result = run("check", "-", stdin=_broken(0, _set("facts.present", 60)))
    assert result.returncode == 2
    # One language at a time: the same place named, in Vietnamese only.
    assert "h1" in result.stderr and "facts.present" in result.stderr and "present is more" not in result.stderr


def test_invalid_json_and_a_missing_file_exit_2(tmp_path: Path) -> None:
    bad = run("check", "-", "--language", "en", stdin="{not json")
    assert bad.returncode == 2 and "Invalid JSON, line 1" in bad.stderr
    assert "JSON không hợp lệ, dòng 1" in run("check", "-", stdin="{not json").stderr
    missing = run("check", str(tmp_path / "none.json"), "--language", "en")
    assert missing.returncode == 2 and "Cannot read the file" in missing.stderr


def test_explain_lists_every_check_its_rules_and_the_sources_of_the_defaults() -> None:
    result = run("explain", "--regime", "nd122-2018", "--language", "en")
    assert result.returncode == 0, result.stderr
    for text in ("household_title", "area_certificate", "quota", "quorum_share = 60%", "NĐ 122/2018/NĐ-CP Điều 9"):
        assert text in result.stdout
    nd86 = run("explain", "--date", "2025-08-01", "--check", "quota", "--language", "en")
    assert "nd86-2023" in nd86.stdout and "not confirmed" in nd86.stdout and "NĐ 152/2025" in nd86.stdout
