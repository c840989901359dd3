#!/usr/bin/env python
"""Render every document type of the demo story to PDF, then its first pages to small PNGs.

Run on a database where `manage.py demo --story` has been built (the default: the demo's SQLite):

    DEBUG=true .venv/bin/python scripts/render_documents.py [--out docs/pictures] [--pdf-dir DIR]

For a person to look at the layout of each document as the demo data fill it: the recognition
decisions of cultural families (GĐVH) and areas (KDC), the minutes of an area's evaluation meeting,
an area's achievement report, the council's minutes, the town's Quyết định khen thưởng with its
annex, the tờ trình to the province, the Giấy khen (on plain paper and text only for pre-printed
stock), the conference's invitation letter and the summary report of 2009–2013. The PNGs are
`pdftoppm -r 60` of at most a few pages each, small enough to commit; the PDFs are kept in
`--pdf-dir` (default var/documents-demo) to read in full.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

# Palette colours of the committed PNGs: the pages are black text with a few coloured rules.
COLOURS = 64
# The documents pictured, with the pages to picture (the story's other kinds are checked by the tests).
PICTURED = {
    "quyet-dinh-gdvh": 2,
    "quyet-dinh-kdc": 2,
    "bien-ban-binh-xet": 2,
    "bao-cao-thanh-tich": 2,
    "bien-ban-hoi-dong": 3,
    "quyet-dinh-khen-thuong": 3,
    "to-trinh": 2,
    "giay-moi": 2,
    "bao-cao-tong-ket": 3,
}


def _documents() -> list[tuple[str, int, Callable[[], bytes]]]:
    """(file stem, pages to picture, a function rendering the PDF) for every document type."""
    from thidua.demo.documents import story_documents
    from thidua.documents.pdf import render_certificates_pdf, render_pdf

    story = story_documents()
    chosen = story.certificates
    rendered: list[tuple[str, int, Callable[[], bytes]]] = [
        (stem, PICTURED[stem], lambda doc=doc: render_pdf(doc)) for stem, doc in story.documents if stem in PICTURED
    ]
    return [
        *rendered[:-1],
        ("giay-khen", 2, lambda: render_certificates_pdf(chosen)),
        ("giay-khen-phoi-in-san", 1, lambda: render_certificates_pdf(chosen[:1], text_only=True)),
        rendered[-1],
    ]


def _pages(directory: Path, stem: str) -> list[Path]:
    """The PNG pages of ``stem`` (not those of a longer stem: "giay-khen" is not "giay-khen-phoi-in-san")."""
    return sorted(p for p in directory.glob(f"{stem}-*.png") if p.stem[len(stem) + 1 :].isdigit())


def _compact(png: Path, stem: str) -> Path:
    """``stem-<page>.png`` without pdftoppm's zero padding, in a small palette (a third of the bytes)."""
    from PIL import Image

    page = int(png.stem[len(stem) + 1 :])
    target = png.with_name(f"{stem}-{page}.png")
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(COLOURS)
    png.unlink()
    small.save(target, optimize=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "pictures", help="where the PNGs go")
    parser.add_argument("--pdf-dir", type=Path, default=ROOT / "var" / "documents-demo", help="where the PDFs go")
    parser.add_argument("--resolution", type=int, default=60, help="pdftoppm's dots per inch (default 60)")
    args = parser.parse_args(argv)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")

    import django

    django.setup()
    from django.utils import translation

    translation.activate("vi")
    args.out.mkdir(parents=True, exist_ok=True)
    args.pdf_dir.mkdir(parents=True, exist_ok=True)
    for stem, pages, render in _documents():
        pdf = args.pdf_dir / f"{stem}.pdf"
        pdf.write_bytes(render())
        for old in _pages(args.out, stem):
            old.unlink()
        subprocess.run(  # noqa: S603
            [pdftoppm, "-r", str(args.resolution), "-png", "-l", str(pages), str(pdf), str(args.out / stem)],
            check=True,
        )
        made = [_compact(png, stem) for png in _pages(args.out, stem)]
        print(f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: {', '.join(p.name for p in made)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
