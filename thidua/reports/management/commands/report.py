"""``thidua report summary``: the summary report of a period from the console.

thidua report summary --unit 058 --from 2009 --to 2013 --format pdf -o bao-cao.pdf
thidua report summary --unit 058 --from 2009 --to 2013 --format json -o -
thidua report summary --unit 058 --from 2009 --to 2013 --format prose -o van-ban.json   # the text to edit
thidua report summary --unit 058 --from 2009 --to 2013 --prose van-ban.json -o bao-cao.docx
thidua report refresh                      # the dashboards' roll-up, recounted (after a bulk load)
thidua report refresh --year 2024 --year 2025
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.console import Command as ThiduaCommand
from thidua.evaluations.rollup import rollup_refresh
from thidua.reports.lookup import unit_for_report
from thidua.reports.selectors import MAX_YEARS, period_stats
from thidua.reports.summary import SECTION_KEYS, prose_sections, summary_file


class Command(ThiduaCommand):
    help = gettext_lazy("The summary report of a period")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        summary = verbs.add_parser("summary", help=_("The summary report (DOCX, PDF or JSON)"))
        summary.add_argument("--unit", required=True, help=_("The unit's code"))
        summary.add_argument("--from", dest="start", type=int, required=True)
        summary.add_argument("--to", dest="end", type=int, required=True)
        summary.add_argument("--format", choices=("pdf", "docx", "json", "prose"), default="pdf")
        summary.add_argument("--prose", help=_("A JSON file of the edited sections (get one with --format prose)"))
        summary.add_argument("-o", "--output", required=True, help=_("Output file, '-' for stdout"))
        refresh = verbs.add_parser("refresh", help=_("Recount the dashboards' roll-up from the records"))
        refresh.add_argument(
            "--year", dest="years", type=int, action="append", help=_("A year to recount (every year when omitted)")
        )

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "refresh":
            self._refresh(options["years"])
            return
        start, end = options["start"], options["end"]
        if end < start or end - start >= MAX_YEARS:
            raise CommandError(_("A period runs forward and covers at most %(years)s years.") % {"years": MAX_YEARS})
        unit = unit_for_report(options["unit"], end)
        if unit is None:
            raise CommandError(_("There is no unit %(code)s.") % {"code": options["unit"]})
        prose = _read_prose(options["prose"]) if options["prose"] else None
        began = time.perf_counter()
        stats = period_stats(unit, start, end)
        if options["format"] == "json":
            content = json.dumps(stats.as_json(), ensure_ascii=False, indent=2).encode()
        elif options["format"] == "prose":
            sections = {key: "\n".join(paragraphs) for key, paragraphs in prose_sections(stats).items()}
            content = json.dumps(sections, ensure_ascii=False, indent=2).encode()
        else:
            content = summary_file(stats, options["format"], prose=prose).content
        if options["output"] == "-":
            sys.stdout.buffer.write(content)
            return
        Path(options["output"]).write_bytes(content)
        self.stderr.write(
            f"{options['output']}: {len(content):,} bytes in {time.perf_counter() - began:.2f} s "
            f"({stats.place.full_name}, {start}–{end})"
        )

    def _refresh(self, years: list[int] | None) -> None:
        began = time.perf_counter()
        counted = rollup_refresh(years=years)
        for year, rows in counted.items():
            self.stdout.write(_("%(year)s: %(rows)s areas recounted") % {"year": year, "rows": f"{rows:,}"})
        self.stdout.write(_("Done in %(seconds).2f s.") % {"seconds": time.perf_counter() - began})


def _read_prose(path: str) -> dict[str, str]:
    """The edited sections: a JSON object of section → text (a list of paragraphs is accepted too)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(_("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error}) from error
    if not isinstance(data, dict):
        raise CommandError(_("%(path)s: a JSON object is expected") % {"path": path})
    unknown = sorted(set(data) - set(SECTION_KEYS))
    if unknown:
        raise CommandError(
            _("Unknown sections %(unknown)s; use %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(SECTION_KEYS)}
        )
    prose = {}
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n".join(value)
        if not isinstance(value, str):
            raise CommandError(_("%(path)s: %(key)s must be text") % {"path": path, "key": key})
        prose[key] = value
    return prose
