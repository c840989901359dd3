"""Reading generated files back the way a person would see them: text, positions, pixels.

PDFs go through poppler-utils (pdfinfo, pdftotext, pdftoppm, pdffonts), as setup installs them;
DOCX files through python-docx, with formatting resolved through the style hierarchy as Word does.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.text.paragraph import Paragraph
from docx.text.run import Run

PT_PER_MM = 72 / 25.4


def _pdf_file(content: bytes) -> Path:
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(content)
    return Path(handle.name)


def pdf_run(tool: str, content: bytes, *args: str) -> str:
    """Run a poppler tool on ``content``, its output on stdout."""
    path = _pdf_file(content)
    command = [tool, "-stdout", *args, str(path)] if tool == "pdftohtml" else [tool, *args, str(path), "-"]
    try:
        return subprocess.run(command, check=True, capture_output=True).stdout.decode()
    finally:
        path.unlink()


def pdf_text(content: bytes, *, first: int | None = None, last: int | None = None, layout: bool = True) -> str:
    args = ["-layout"] if layout else []
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return pdf_run("pdftotext", content, *args)


def pdf_info(content: bytes) -> dict[str, str]:
    path = _pdf_file(content)
    try:
        output = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], check=True, capture_output=True)
    finally:
        path.unlink()
    info = {}
    for line in output.stdout.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_pages(content: bytes) -> int:
    return int(pdf_info(content)["Pages"])


def pdf_page_size_pt(content: bytes, page: int = 1) -> tuple[float, float]:
    info = pdf_info(content)
    match = re.match(r"([\d.]+) x ([\d.]+)", info.get(f"Page {page:4d} size", ""))
    if match is None:
        match = re.match(r"([\d.]+) x ([\d.]+)", info["Page size"])
    assert match is not None
    return float(match[1]), float(match[2])


def pdf_fonts(content: bytes) -> list[str]:
    path = _pdf_file(content)
    try:
        output = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True).stdout.decode()
    finally:
        path.unlink()
    return [line.split()[0] for line in output.splitlines()[2:] if line.strip()]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.DOTALL)


def pdf_lines(content: bytes, page: int) -> list[Line]:
    """The text lines of a page with their boxes in points from the top-left corner."""
    output = pdf_run("pdftotext", content, "-bbox-layout", "-f", str(page), "-l", str(page))
    lines = []
    for block in re.findall(r"<line[^>]*>(.*?)</line>", output, re.DOTALL):
        words = tuple(
            Word(html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4])) for m in _WORD.finditer(block)
        )
        if words:
            lines.append(Line(words))
    return lines


def find_line(lines: list[Line], text: str) -> Line:
    matches = [line for line in lines if line.text == text]
    assert matches, f"no line reads {text!r}; lines: {[line.text for line in lines]}"
    return matches[0]


@dataclass
class Raster:
    """A page as grey pixels at ``dpi``, to find the rules drawn under text."""

    width: int
    height: int
    pixels: bytes
    dpi: int

    def dark(self, x: int, y: int) -> bool:
        return self.pixels[y * self.width + x] < 128

    def to_px(self, points: float) -> int:
        return round(points * self.dpi / 72)

    def to_pt(self, pixels: float) -> float:
        return pixels * 72 / self.dpi

    def horizontal_rules(self, top_pt: float, bottom_pt: float, min_length_pt: float = 10) -> list[tuple[float, float]]:
        """Dark horizontal runs between two heights, as (x0, x1) in points, longest first."""
        runs: set[tuple[int, int]] = set()
        for y in range(self.to_px(top_pt), self.to_px(bottom_pt) + 1):
            x = 0
            while x < self.width:
                if self.dark(x, y):
                    start = x
                    while x < self.width and self.dark(x, y):
                        x += 1
                    if self.to_pt(x - start) >= min_length_pt:
                        runs.add((start, x))
                x += 1
        return sorted(((self.to_pt(a), self.to_pt(b)) for a, b in runs), key=lambda r: r[0] - r[1])


def pdf_raster(content: bytes, page: int, dpi: int = 144) -> Raster:
    path = _pdf_file(content)
    try:
        output = subprocess.run(
            ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)],
            check=True,
            capture_output=True,
        ).stdout
    finally:
        path.unlink()
    # A binary PGM: "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", output)
    assert match is not None
    width, height = int(match[1]), int(match[2])
    return Raster(width, height, output[match.end() :], dpi)


# DOCX -------------------------------------------------------------------------------------------


def effective(paragraph: Paragraph, attribute: str, run: Run | None = None) -> Any:
    """A run's bold / italic / size as Word resolves it: the run, its character style, the
    paragraph's style and the styles it is based on."""
    sources: list[Any] = []
    if run is not None:
        sources.append(run.font)
        style = run.style
        while style is not None:
            sources.append(style.font)
            style = style.base_style
    style = paragraph.style
    while style is not None:
        sources.append(style.font)
        style = style.base_style
    for font in sources:
        value = getattr(font, attribute)
        if value is not None:
            return value
    return None


def paragraph_runs_all(paragraph: Paragraph, attribute: str) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()] or [None]
    return all(effective(paragraph, attribute, run) for run in runs)


@dataclass(frozen=True)
class Span:
    """A run of text on a PDF page in one face and size (poppler's pdftohtml -xml)."""

    text: str
    face: str  # "Liberation-Serif-Bold-Italic"
    size: float
    top: float
    left: float

    @property
    def bold(self) -> bool:
        return "Bold" in self.face

    @property
    def italic(self) -> bool:
        return "Italic" in self.face


def pdf_spans(content: bytes, page: int) -> list[Span]:
    faces = {}
    for name in pdf_fonts(content):
        prefix, _, face = name.partition("+")
        faces[prefix] = face or prefix
    output = pdf_run("pdftohtml", content, "-xml", "-i", "-zoom", "1", "-f", str(page), "-l", str(page))
    fonts = {
        m[1]: (float(m[2]), m[3].split("+")[0])
        for m in re.finditer(r'<fontspec id="(\d+)" size="([\d.]+)" family="([^"]+)"', output)
    }
    spans = []
    for m in re.finditer(r'<text top="([\d.]+)" left="([\d.]+)"[^>]*font="(\d+)">(.*?)</text>', output):
        size, prefix = fonts[m[3]]
        text = html.unescape(re.sub(r"<[^>]+>", "", m[4])).strip()
        if text:
            spans.append(Span(text, faces.get(prefix, prefix), size, float(m[1]), float(m[2])))
    return spans


def spans_with(spans: list[Span], text: str, *, exact: bool = True) -> list[Span]:
    found = [span for span in spans if (span.text == text if exact else text in span.text)]
    assert found, f"no text {text!r} on the page: {[s.text for s in spans]}"
    return found


# LibreOffice ------------------------------------------------------------------------------------


def libreoffice_pdfs(files: dict[str, bytes], directory: Path) -> dict[str, bytes]:
    """Each DOCX as LibreOffice lays it out, converted to PDF in one call (one start of the program)."""
    import shutil

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui, installed by scripts/setup.sh test) converts the DOCX"
    for stem, content in files.items():
        (directory / f"{stem}.docx").write_bytes(content)
    profile = directory / "libreoffice-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(directory), *(str(directory / f"{stem}.docx") for stem in files)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return {stem: (directory / f"{stem}.pdf").read_bytes() for stem in files}


def rule_under(content: bytes, anchor: str, length_pt: float, page: int = 1) -> tuple[float, Line]:
    """The height of the first rule at least ``length_pt`` long under the line ``anchor``, and the text
    line just under that rule (both in points from the top of the page)."""
    lines = pdf_lines(content, page)
    top = find_line(lines, anchor)
    raster = pdf_raster(content, page)
    for y in range(raster.to_px(top.y1), raster.to_px(top.y1 + 200)):
        row = raster.to_pt(y)
        if raster.horizontal_rules(row, row, min_length_pt=length_pt):
            below = [line for line in lines if line.y1 > row + 0.5]
            assert below, f"no text under the rule at {row:.1f} pt"
            return row, min(below, key=lambda line: line.y0)
    raise AssertionError(f"no rule of {length_pt:.0f} pt under {anchor!r}")


def libreoffice_layout_problems(docs: dict[str, Any], directory: Path) -> dict[str, list[str]]:
    """What a reader sees wrong when LibreOffice lays out the DOCX of each document (one conversion).

    The short rule under the subject clears the first line of the text; the signature shares its page
    with the end of the text; no group heading of an annexed list ends a page.
    """
    from thidua.documents import layout as L
    from thidua.documents.docx import render_docx
    from thidua.documents.metrics import text_width_mm
    from thidua.documents.model import GroupHeading

    pdfs = libreoffice_pdfs({stem: render_docx(doc) for stem, doc in docs.items()}, directory)
    problems: dict[str, list[str]] = {}
    for stem, doc in docs.items():
        pdf, found = pdfs[stem], []
        subject = L.subject_lines(doc)
        if subject:
            widest = min(L.TEXT_WIDTH_MM, max(text_width_mm(line, L.SIZE_SUBJECT, bold=True) for line in subject))
            rule_y, below = rule_under(pdf, doc.kind, 0.8 * widest * L.SHORT_RULE_SHARE * 72 / 25.4)
            if below.y0 - rule_y < 3:
                found.append(f"the subject's rule at {rule_y:.1f} pt touches {below.text!r} (top {below.y0:.1f} pt)")
        pages = [" ".join(pdf_text(pdf, first=n, last=n, layout=False).split()) for n in range(1, pdf_pages(pdf) + 1)]
        # The signer's name under the text's last line, on the same page (the name may also stand in
        # the text, as in minutes that list who came: the page is the one of the text's last words).
        signer = doc.signature.signer
        last_text = doc.articles[-1].text if doc.articles and not doc.articles[-1].paragraphs else ""
        last_text = last_text or (doc.articles[-1].paragraphs[-1] if doc.articles else doc.body[-1] if doc.body else "")
        tail = " ".join(last_text.split()[-2:])
        if signer and tail:
            ending = [n for n, text in enumerate(pages, 1) if tail in text]
            if not ending:
                found.append(f"the text's last words {tail!r} are on no page")
            else:
                lines = pdf_lines(pdf, ending[-1])
                last_line = max((line for line in lines if tail.split()[-1] in line.text), key=lambda line: line.y1)
                if not any(signer in line.text and line.y0 > last_line.y1 for line in lines):
                    found.append(f"the signature is not on page {ending[-1]} under the text's last words {tail!r}")
        headings = {row.text for annex in doc.annexes for row in annex.table.rows if isinstance(row, GroupHeading)}
        for n in range(1, len(pages)):  # every page but the last
            lines = [line for line in pdf_lines(pdf, n) if not line.text.isdigit()]
            if lines and max(lines, key=lambda line: line.y1).text in headings:
                found.append(f"page {n} ends with the group heading {max(lines, key=lambda line: line.y1).text!r}")
        if found:
            problems[stem] = found
    return problems


# PDF/A ------------------------------------------------------------------------------------------


def pdfa_problems(content: bytes, *, part: str = "2", conformance: str = "B") -> list[str]:
    """What ISO 19005 (PDF/A) requires of a file that can be read without veraPDF: the XMP
    identification, Info and XMP agreeing, an sRGB output intent, every font embedded, nothing
    that needs the outside world (JavaScript, actions, encryption, attachments in part 2)."""
    import pikepdf

    problems: list[str] = []
    if not content.startswith(b"%PDF-1.") or not any(b > 127 for b in content.split(b"\n", 2)[1][:5]):
        problems.append("the header is not %PDF-1.n followed by a binary comment")
    with pikepdf.open(io.BytesIO(content)) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        if "/ID" not in pdf.trailer:
            problems.append("no file identifier (/ID) in the trailer")
        meta = pdf.open_metadata()
        if meta.pdfa_status != f"{part}{conformance}":
            problems.append(f"XMP says PDF/A {meta.pdfa_status!r}, not {part}{conformance}")
        info = pdf.docinfo
        agree = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description"}
        for key, prop in agree.items():
            if key in info:
                value = meta.get(prop)
                value = "; ".join(value) if isinstance(value, list) else value
                if str(info[key]) != value:
                    problems.append(f"Info {key} {str(info[key])!r} differs from XMP {prop} {value!r}")
        intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
        if not intents or "/DestOutputProfile" not in intents[0]:
            problems.append("no PDF/A output intent with an ICC profile")
        for name in ("/OpenAction", "/AA", "/JavaScript"):
            if name in pdf.Root or name in pdf.Root.get("/Names", {}):
                problems.append(f"the catalog has {name}")
        if part == "2" and "/EmbeddedFiles" in pdf.Root.get("/Names", {}):
            problems.append("files are embedded (PDF/A-2 allows only PDF/A files)")
        for number, page in enumerate(pdf.pages, 1):
            fonts = page.Resources.get("/Font", {})
            for _key, font in fonts.items():
                descendants = font.get("/DescendantFonts", [font])
                for each in descendants:
                    descriptor = each.get("/FontDescriptor")
                    if descriptor is None or not any(
                        f in descriptor for f in ("/FontFile", "/FontFile2", "/FontFile3")
                    ):
                        problems.append(f"page {number}: the font {each.get('/BaseFont')} is not embedded")
            if "/AA" in page:
                problems.append(f"page {number} has actions")
    return problems


def xmp(content: bytes) -> dict[str, Any]:
    """The XMP properties a reader of the archive indexes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:
        meta = pdf.open_metadata()
        return {k: meta.get(k) for k in ("dc:title", "dc:creator", "dc:description", "xmp:CreateDate", "pdf:Keywords")}
