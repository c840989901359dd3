"""The shape of the house, checked by the machine: what import-linter cannot say (pyproject.toml holds
the import contracts), read from the code itself.

(a) no rules module reaches ``django.db``, directly or through the thidua modules it imports;
(b) no status is assigned outside the workflow kernel (``thidua/workflow.py``);
(c) every permission predicate is registered when the apps are ready, not when the URLconf loads;
(d) no "tiếng Việt / English" literal: one language at a time, through gettext.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "thidua"


def _code_files() -> Iterator[Path]:
    """Every Python file of thidua but the tests and the migrations."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# (a) ------------------------------------------------------------------------------------------


def _under_type_checking(tree: ast.Module) -> set[int]:
    """Line numbers of the statements inside ``if TYPE_CHECKING:`` blocks (annotations only)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports_django_db(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _under_type_checking(tree)
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in hidden:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("django.db")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("django.db"):
                found.append(node.module)
            elif node.module == "django" and any(alias.name == "db" for alias in node.names):
                found.append("django.db")
    return found


def _module_path(module: str) -> Path:
    base = ROOT / Path(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def test_no_rules_module_reaches_the_database() -> None:
    graph = grimp.build_graph("thidua", exclude_type_checking_imports=True)
    rules = sorted(m for m in graph.modules if m.endswith(".rules") and ".management." not in m)
    assert "thidua.units.rules" in rules and "thidua.campaigns.rules" in rules
    reached = {}
    for module in rules:
        for upstream in sorted({module} | graph.find_upstream_modules(module)):
            if upstream.startswith("thidua.") and (imports := _imports_django_db(_module_path(upstream))):
                reached[f"{module} via {upstream}"] = imports
    assert reached == {}, f"the regulations must stay pure code, without the database: {reached}"


# (b) ------------------------------------------------------------------------------------------

# A status written by hand: ``obj.status = …``, ``.update(status=…)``, ``setattr(obj, "status", …)``,
# ``bulk_update(…, ["status"])``.
STATUS_WRITE = re.compile(
    r"\.status\s*=(?!=)"
    r"|\.update\(\s*[^()]*?\bstatus\s*="
    r"|setattr\([^,()]+,\s*[\"']status[\"']"
    r"|bulk_update\([^()]*[\"']status[\"']"
)


def test_no_status_is_written_outside_the_workflow_kernel() -> None:
    kernel = PACKAGE / "workflow.py"
    writes = []
    for path in _code_files():
        if path == kernel:
            continue
        text = path.read_text(encoding="utf-8")
        for match in STATUS_WRITE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            writes.append(f"{_relative(path)}:{line}: {match.group(0).strip()}")
    assert writes == [], "move the status with thidua.workflow.transition():\n  " + "\n  ".join(writes)


def test_the_status_scan_sees_each_way_of_writing_a_status() -> None:
    for code in (
        "job.status = JobStatus.FAILED",
        "Job.objects.filter(pk=1).update(status='failed')",
        "Job.objects.filter(\n    pk=1,\n).update(\n    done=3, status=x)",
        "setattr(job, 'status', x)",
        "Job.objects.bulk_update(jobs, ['status'])",
    ):
        assert STATUS_WRITE.search(code), code
    for code in ("if job.status == JobStatus.FAILED:", "Job.objects.filter(status='queued').update(done=0)"):
        assert not STATUS_WRITE.search(code), code


# (c) ------------------------------------------------------------------------------------------

_REGISTRATIONS = """
import json, sys
import django
django.setup()
from django.conf import settings
from thidua.accounts.permissions import registered_actions
urls = sorted(name for name in sys.modules if name.startswith("thidua") and name.rsplit(".", 1)[-1].startswith("urls"))
ready = registered_actions()
__import__(settings.ROOT_URLCONF)
print(json.dumps({"urls_before": urls, "ready": ready, "after_urls": registered_actions()}))
"""


def test_every_predicate_is_registered_when_the_apps_are_ready() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _REGISTRATIONS],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "thidua.settings", "DEBUG": "true"},
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["urls_before"] == [], "django.setup() must not import a urls module"
    assert "units.manage_areas" in found["ready"]
    late = sorted(set(found["after_urls"]) - set(found["ready"]))
    assert late == [], f"registered only once the URLconf loads; import them in the app's ready(): {late}"


# (d) ------------------------------------------------------------------------------------------

_LOWER = "àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ"
VIETNAMESE = _LOWER + _LOWER.upper()
# A Vietnamese word (a letter with a Vietnamese diacritic), then " / ", then an English clause: its
# first word in ASCII letters and no Vietnamese letter before the clause ends. Dates (01/07/2025),
# paths, "Nghị quyết 1683/NQ-UBTVQH15" and "thôn / tổ dân phố" do not match.
BILINGUAL = re.compile(rf"\w*[{VIETNAMESE}]\w*[^/\n]* / (?=[A-Za-z]{{2,}}\b)[^{VIETNAMESE}.;:()\n]*(?:[.;:()\n]|$)")

# Literals that are bilingual on purpose, by file and the literal's start, with the reason.
BILINGUAL_ON_PURPOSE = {
    # The import template is one workbook for officials of either language: each column's header,
    # help and example in both languages side by side, whatever the page's language.
    ("thidua/units/imports/tables.py", "Giá trị không hợp lệ / Invalid value"),
    ("thidua/units/imports/tables.py", "Chọn một giá trị trong danh sách / Choose a value"),
    ("thidua/units/imports/tables.py", "Cột / Column"),
    ("thidua/units/imports/tables.py", "Ví dụ / Example"),
    ("thidua/units/imports/tables.py", "Quy định / Rules"),
    ("thidua/units/imports/tables.py", "Ví dụ: các dòng của trang"),
}


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of the module, an f-string with ``{}`` where its values go."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside_fstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
                for part in node.values
            )
            inside_fstrings.update(id(part) for part in node.values)
            yield node.lineno, text
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings:
            yield node.lineno, node.value


def bilingual_literals() -> list[str]:
    found = []
    for path in _code_files():
        relative = _relative(path)
        for line, text in _literals(path):
            if BILINGUAL.search(text) and not any(
                relative == file and text.startswith(start) for file, start in BILINGUAL_ON_PURPOSE
            ):
                found.append(f"{relative}:{line}: {text[:90]!r}")
    return found


def test_the_bilingual_scan_tells_two_languages_from_a_date_or_a_path() -> None:
    for text in (
        "Kiểm tra tệp / Checking the file",
        "Đơn vị hành chính / Administrative units: import-official",
        " (một phần / part)",
        "Không có đơn vị {} / No unit {}",
        "Số hộ / Households (--scale)",
    ):
        assert BILINGUAL.search(text), text
    for text in (
        "01/07/2025",
        "Nghị quyết 1683/NQ-UBTVQH15 ngày 16/6/2025",
        "thôn / tổ dân phố",
        "units/data/history/bac-kan.toml",
        "Hà Nội / Hải Phòng",
        "Checking the file / Kiểm tra tệp",
    ):
        assert not BILINGUAL.search(text), text


def test_no_literal_joins_vietnamese_and_english() -> None:
    found = bilingual_literals()
    assert found == [], (
        f"{len(found)} literals in two languages; write one msgid in English with gettext:\n  " + "\n  ".join(found)
    )
