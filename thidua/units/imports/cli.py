"""The ``thidua units`` verbs of the imports: template, import-areas, import-lineage.

Kept apart from the command module so that it only registers and dispatches them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.errors import DomainError, DomainErrors
from thidua.lib.progress import TerminalProgress
from thidua.units.imports.areas import areas_import, areas_template
from thidua.units.imports.lineage import lineage_import, lineage_template
from thidua.units.imports.tables import commune_for_code

IMPORT_VERBS = ("template", "import-areas", "import-lineage")


def add_import_verbs(verbs: Any) -> None:
    template = verbs.add_parser("template", help=_("Write an Excel template for an import"))
    template.add_argument(
        "what", choices=["areas", "lineage"], help=_("areas: residential areas; lineage: lineage events")
    )
    template.add_argument("--commune", default="", help=_("Commune code to prefill (01840)"))
    template.add_argument("-o", "--output", required=True, type=Path, help=_("The .xlsx file to write"))
    areas = verbs.add_parser("import-areas", help=_("Import residential areas from an .xlsx/.csv file"))
    areas.add_argument("file", type=Path)
    areas.add_argument("--commune", default="", help=_("Only for this commune (code)"))
    areas.add_argument("--dry-run", action="store_true", help=_("Check only, write nothing"))
    lineage = verbs.add_parser(
        "import-lineage", help=_("Import lineage events of residential areas (merges, splits …)")
    )
    lineage.add_argument("file", type=Path)
    lineage.add_argument("--dry-run", action="store_true", help=_("Check only, write nothing"))


def run_import_verb(command: BaseCommand, verb: str, options: dict[str, Any]) -> None:
    try:
        commune = commune_for_code(options["commune"]) if options.get("commune") else None
        if verb == "template":
            content = areas_template(commune=commune) if options["what"] == "areas" else lineage_template()
            options["output"].write_bytes(content)
            command.stdout.write(f"{options['output']}")
            return
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read the file %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror}
            ) from None
        progress = TerminalProgress(sys.stderr)
        if verb == "import-areas":
            summary = areas_import(
                file_name=path.name,
                content=content,
                commune=commune,
                actor=SYSTEM_ACTOR,
                progress=progress,
                dry_run=options["dry_run"],
            )
        else:
            summary = lineage_import(
                file_name=path.name, content=content, actor=SYSTEM_ACTOR, progress=progress, dry_run=options["dry_run"]
            )
    except DomainErrors as exc:
        for error in exc.errors:
            command.stderr.write(str(error))
        raise CommandError(
            ngettext(
                "The file has %(count)s error; nothing was written.",
                "The file has %(count)s errors; nothing was written.",
                len(exc.errors),
            )
            % {"count": len(exc.errors)}
        ) from None
    except DomainError as exc:
        raise CommandError(str(exc)) from None
    if options["dry_run"]:
        command.stdout.write(_("Checked; nothing was written."))
    command.stdout.write(", ".join(f"{key}: {value}" for key, value in summary.items()))
