from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thidua.accounts.system import SYSTEM_ACTOR
from thidua.console import Command as ThiduaCommand
from thidua.documents.docx import render_docx
from thidua.documents.formats import FORMATS, Rendered
from thidua.documents.model import certificate_to_json
from thidua.documents.pdf import render_certificates_pdf, render_pdf
from thidua.documents.samples import commendation_certificates, commendation_decision, gdvh_decision
from thidua.documents.services import certificates_render_batch
from thidua.documents.sources import DocumentExport, document_exports
from thidua.jobs.services import job_start
from thidua.jobs.watch import job_watch
from thidua.lib.progress import TerminalProgress


def pdf_to_png(pdf: Path, out_dir: Path, resolution: int = 100) -> list[Path]:
    """Every page of ``pdf`` as ``out_dir/<name>-<page>.png`` (poppler-utils' pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise CommandError(_("pdftoppm is missing: apt-get install poppler-utils"))
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-r", str(resolution), "-png", str(pdf), str(out_dir / pdf.stem)], check=True)  # noqa: S603
    return sorted(path for path in out_dir.glob(f"{pdf.stem}-*.png") if path.stem[len(pdf.stem) + 1 :].isdigit())


class Command(ThiduaCommand):
    help = gettext_lazy("Documents: sample, certificates, and the documents the apps export (decision, minutes)")

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        sample = verbs.add_parser("sample", help=_("Render the sample documents (DOCX, PDF)"))
        sample.add_argument("--out", required=True, type=Path, help=_("Output directory"))
        sample.add_argument("--png", action="store_true", help=_("Also a PNG of every PDF page"))
        certificates = verbs.add_parser("certificates", help=_("Print certificates from a JSON file into one PDF"))
        certificates.add_argument("--input", type=Path, help=_("JSON list of certificates (default: the sample)"))
        certificates.add_argument("--out", required=True, type=Path, help=_("Output PDF"))
        certificates.add_argument("--text-only", action="store_true", help=_("Text only, for pre-printed stock"))
        certificates.add_argument("--offset-x", type=float, default=0.0, help=_("Shift right (mm)"))
        certificates.add_argument("--offset-y", type=float, default=0.0, help=_("Shift down (mm)"))
        certificates.add_argument("--decision", type=int, help=_("Print the certificates of a decision (its id)"))
        certificates.add_argument(
            "--background", action="store_true", help=_("Run as a background job, storing the file")
        )
        for export in document_exports().values():
            verb = verbs.add_parser(export.name, help=str(export.help))
            verb.add_argument("id", type=int, help=_("Id"))
            verb.add_argument("--format", choices=sorted(FORMATS), default="pdf", help=_("Format"))
            verb.add_argument("-o", "--output", required=True, type=Path, help=_("Output file"))

    def handle(self, *args: Any, verb: str, **options: Any) -> None:
        if verb == "sample":
            self.sample(options["out"], png=options["png"])
        elif verb == "certificates":
            self.certificates(options)
        else:
            self.export(document_exports()[verb], options["id"], options["format"], options["output"])

    def export(self, export: DocumentExport, pk: int, fmt: str, output: Path) -> None:
        """A registered document (a decision, the minutes of a meeting) by its id, as PDF or DOCX."""
        record = import_string(export.selector)(SYSTEM_ACTOR).filter(pk=pk).first()
        if record is None:
            raise CommandError(_("There is no %(what)s %(id)s to export.") % {"what": export.name, "id": pk})
        rendered: Rendered = import_string(export.render)(record, fmt)
        output.write_bytes(rendered.content)
        self.stdout.write(str(output))

    def sample(self, out: Path, *, png: bool) -> None:
        out.mkdir(parents=True, exist_ok=True)
        decision = commendation_decision()
        certificates = commendation_certificates(decision)
        files = {
            "quyet-dinh-gdvh-2012.docx": lambda: render_docx(gdvh_decision()),
            "quyet-dinh-gdvh-2012.pdf": lambda: render_pdf(gdvh_decision()),
            "quyet-dinh-giay-khen-2012.docx": lambda: render_docx(decision),
            "quyet-dinh-giay-khen-2012.pdf": lambda: render_pdf(decision),
            "giay-khen-2012.pdf": lambda: render_certificates_pdf(certificates),
            "giay-khen-2012-phoi-in-san.pdf": lambda: render_certificates_pdf(certificates, text_only=True),
        }
        for name, render in files.items():
            path = out / name
            path.write_bytes(render())
            self.stdout.write(str(path))
            if png and path.suffix == ".pdf":
                for picture in pdf_to_png(path, out / "png"):
                    self.stdout.write(f"  {picture}")

    def certificates(self, options: dict[str, Any]) -> None:
        if options["decision"] is not None:
            data = []
        elif options["input"]:
            data = json.loads(options["input"].read_text(encoding="utf-8"))
        else:
            data = [certificate_to_json(c) for c in commendation_certificates()]
        params = {
            "certificates": data,
            "text_only": options["text_only"],
            "stock": {"offset_x_mm": options["offset_x"], "offset_y_mm": options["offset_y"]},
            "name": options["out"].name,
        }
        if options["decision"] is not None:
            params["source"] = "evaluations.decision"
            params["source_params"] = {"decision_id": options["decision"]}
        if options["background"]:
            job = job_start(kind="documents.certificates", actor=SYSTEM_ACTOR, params=params)
            summary = job_watch(job.pk, stream=sys.stderr).result
        else:
            summary = certificates_render_batch(actor=SYSTEM_ACTOR, progress=TerminalProgress(), **params)
        from thidua.documents.models import GeneratedFile

        generated = GeneratedFile.objects.get(pk=summary["file"])
        options["out"].write_bytes(generated.file.read())
        count = summary["certificates"]
        self.stdout.write(
            f"{options['out']}: "
            + ngettext("%(count)s certificate", "%(count)s certificates", count) % {"count": count}
        )
