"""Benchmarks of the document engine (run by `make bench`, not by the tests).

Prints one figure a line, `name: value`:
- certificates_per_second: a batch of BENCH_CERTIFICATES (200) Giấy khen rendered into one stored
  PDF through the job's service (chunked layout, the join, the file and its row), the way the
  background job does it;
- certificates_text_only_per_second: the same batch for pre-printed stock;
- decisions_pdf_per_second / decisions_docx_per_second: the sample GĐVH decision with its annexed
  list of 40 households, rendered again and again.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.conf import settings  # noqa: E402

from thidua.documents.docx import render_docx  # noqa: E402
from thidua.documents.model import certificate_to_json  # noqa: E402
from thidua.documents.models import GeneratedFile  # noqa: E402
from thidua.documents.pdf import render_certificates_pdf, render_pdf  # noqa: E402
from thidua.documents.samples import gdvh_decision, many_certificates  # noqa: E402
from thidua.documents.services import certificates_render_batch  # noqa: E402

CERTIFICATES = int(os.environ.get("BENCH_CERTIFICATES", "200"))
DECISIONS = int(os.environ.get("BENCH_DECISIONS", "20"))


def figure(name: str, value: float, digits: int = 1) -> None:
    print(f"{name}: {value:.{digits}f}", flush=True)


def per_second(count: int, function: object) -> float:
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return count / (time.perf_counter() - start)


def main() -> None:
    certificates = [certificate_to_json(c) for c in many_certificates(CERTIFICATES)]
    decision = gdvh_decision()
    # The first render loads the fonts; a worker process pays that once, so the bench does too.
    render_certificates_pdf(many_certificates(1))
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = Path(media)

        def batch(**options: object) -> None:
            summary = certificates_render_batch(actor=None, certificates=certificates, **options)  # type: ignore[arg-type]
            GeneratedFile.objects.filter(pk=summary["file"]).delete()

        figure("certificates_per_second", per_second(CERTIFICATES, batch))
        figure("certificates_text_only_per_second", per_second(CERTIFICATES, lambda: batch(text_only=True)))
    figure("decisions_pdf_per_second", per_second(DECISIONS, lambda: [render_pdf(decision) for _ in range(DECISIONS)]))
    figure(
        "decisions_docx_per_second", per_second(DECISIONS, lambda: [render_docx(decision) for _ in range(DECISIONS)])
    )


if __name__ == "__main__":
    main()
