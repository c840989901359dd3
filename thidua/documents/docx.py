"""DOCX rendering with python-docx, in the layout of Nghị định 30/2020/NĐ-CP.

Every element has a named paragraph style ("Quốc hiệu", "Căn cứ", "Nơi nhận" …) so that an official
who opens the file in Word or LibreOffice edits the look of all legal bases at once, and finds the
document as a clerk would have typed it. Direct formatting is limited to what depends on the text:
the indents that make the motto's underline as long as the motto.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.styles import CT_Style
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from thidua.documents import layout as L
from thidua.documents.metrics import text_width_mm
from thidua.documents.model import AdministrativeDocument, Annex, Column, Figure, GroupHeading, Row, Signature
from thidua.lib.text import fold
from thidua.lib.vietnamese import document_number

# The order ECMA-376 (Part 1, §17) gives the children of the properties this module writes by hand:
# a validator, and Word, refuse a property out of its place.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
]
SECTPR_ORDER = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
]


def _place(parent: BaseOxmlElement, child: BaseOxmlElement, order: list[str]) -> BaseOxmlElement:
    """Insert ``child`` into ``parent`` at the place the schema's sequence ``order`` gives it."""
    rank = {qn(f"w:{name}"): index for index, name in enumerate(order)}
    mine = rank[child.tag]
    for sibling in parent:
        if rank.get(sibling.tag, -1) > mine:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _child(parent: BaseOxmlElement, tag: str, order: list[str]) -> BaseOxmlElement:
    """The child ``w:tag`` of ``parent``, added at its place in the sequence when missing."""
    node = parent.find(qn(f"w:{tag}"))
    if node is None:
        node = _place(parent, OxmlElement(f"w:{tag}"), order)
    return node


ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}

# name: (size, bold, italic, alignment, first-line indent, space before, space after)
PARAGRAPH_STYLES: dict[str, tuple[float, bool, bool, str, bool, float, float]] = {
    "Quốc hiệu": (L.SIZE_NATIONAL_TITLE, True, False, "center", False, 0, 0),
    "Tiêu ngữ": (L.SIZE_MOTTO, True, False, "center", False, 0, 0),
    "Cơ quan chủ quản": (L.SIZE_BODY_NAME, False, False, "center", False, 0, 0),
    "Cơ quan ban hành": (L.SIZE_BODY_NAME, True, False, "center", False, 0, 0),
    "Đường kẻ ngắn": (2, False, False, "center", False, 2, 0),
    "Số, ký hiệu": (L.SIZE_NUMBER, False, False, "center", False, 6, 0),
    "Địa danh và ngày": (L.SIZE_PLACE_DATE, False, True, "center", False, 6, 0),
    "Tên loại": (L.SIZE_KIND, True, False, "center", False, 24, 0),
    "Trích yếu": (L.SIZE_SUBJECT, True, False, "center", False, 0, 0),
    "Thẩm quyền ban hành": (L.SIZE_TEXT, True, False, "center", False, 12, 6),
    "Căn cứ": (L.SIZE_TEXT, False, True, "justify", True, 0, L.PARAGRAPH_SPACING_PT),
    "Lời ban hành": (L.SIZE_TEXT, True, False, "center", False, 6, 6),
    "Nội dung": (L.SIZE_TEXT, False, False, "justify", True, 0, L.PARAGRAPH_SPACING_PT),
    "Chức vụ người ký": (L.SIZE_SIGNATURE, True, False, "center", False, 0, 0),
    "Họ tên người ký": (L.SIZE_SIGNATURE, True, False, "center", False, 0, 0),
    "Nơi nhận": (L.SIZE_RECIPIENTS_LABEL, True, True, "left", False, 0, 0),
    "Nơi nhận - mục": (L.SIZE_RECIPIENTS, False, False, "left", False, 0, 0),
    "Phụ lục - số": (L.SIZE_ANNEX_LABEL, True, False, "center", False, 0, 0),
    "Phụ lục - tên": (L.SIZE_TEXT, True, False, "center", False, 0, 0),
    "Phụ lục - chỉ dẫn": (L.SIZE_TEXT, False, True, "center", False, 0, 0),
    "Phụ lục - ghi chú": (L.SIZE_TEXT, False, True, "center", False, 4, 6),
    "Bảng - tiêu đề": (L.SIZE_TABLE, True, False, "center", False, 2, 2),
    "Bảng - ô": (L.SIZE_TABLE, False, False, "left", False, 2, 2),
    "Bảng - nhóm": (L.SIZE_TABLE, True, False, "left", False, 2, 2),
    "Số trang": (L.SIZE_PAGE_NUMBER, False, False, "center", False, 0, 0),
    "Đề mục": (L.SIZE_TEXT, True, False, "left", False, 6, L.PARAGRAPH_SPACING_PT),
    "Hình": (L.SIZE_TEXT, False, False, "center", False, 6, 2),
    "Tên hình": (L.SIZE_TABLE, False, True, "center", False, 0, L.PARAGRAPH_SPACING_PT),
}
ARTICLE_LABEL_STYLE = "Tên điều"
WD_ALIGN = {**ALIGN, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _style_id(name: str) -> str:
    return fold(name).title().replace(" ", "").replace(",", "").replace("-", "")


STYLE_IDS = {name: _style_id(name) for name in PARAGRAPH_STYLES} | {"Normal": "Normal"}


def _add(container: DocxDocument | _Cell, text: str, style: str) -> Paragraph:
    """A paragraph in a named style, set by id: python-docx's lookup by name scans every style."""
    paragraph = container.add_paragraph(text)
    paragraph._p.get_or_add_pPr().style = STYLE_IDS[style]
    return paragraph


def render_docx(doc: AdministrativeDocument) -> bytes:
    """The document as a .docx file: A4, NĐ 30/2020 margins, named styles, page numbers from page 2."""
    document = Document()
    _define_styles(document)
    section = document.sections[0]
    _setup_section(section, landscape=False)
    # python-docx's template starts with an empty paragraph; the header table takes its place.
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)

    _header(document, doc)
    _title(document, doc)
    for line in L.legal_basis_lines(doc):
        _add(document, line, "Căn cứ")
    if doc.enacting_word:
        _add(document, doc.enacting_word, "Lời ban hành")
    for item in doc.body_items():
        if item.figure is not None:
            _figure(document, item.figure)
        else:
            _add(document, item.text, "Đề mục" if item.kind == "heading" else "Nội dung")
    for article in doc.articles:
        paragraph = _add(document, "", "Nội dung")
        paragraph.add_run(article.label, style=ARTICLE_LABEL_STYLE)
        if article.title:
            paragraph.add_run(f" {article.title}", style=ARTICLE_LABEL_STYLE)
        paragraph.add_run(f" {article.text}")
        for extra in article.paragraphs:
            _add(document, extra, "Nội dung")
    _signature(document, doc)

    for index, annex in enumerate(doc.annexes):
        _annex(document, doc, annex, index)
        _shrink_section_break(document)

    _properties(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The file's own properties ----------------------------------------------------------------------

# Parts of python-docx's template that describe that template, not this document: Word 2010's copy
# of the styles (stale once the styles are defined here, which Word reads as damaged content) and
# the template's thumbnail.
_TEMPLATE_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)


def _properties(document: DocxDocument, doc: AdministrativeDocument) -> None:
    """Title, issuing body as author, the date of issue: what a file manager and an archive read."""
    for rels in (document.part.rels, document.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in _TEMPLATE_RELATIONSHIPS:
                rels.pop(rid)
    number = document_number(doc.number, doc.symbol) if doc.symbol else ""
    issued = datetime.datetime.combine(doc.date, datetime.time())
    body = " ".join(doc.issuing_body)
    props = document.core_properties
    props.title = f"{doc.kind_in_text} số {number}" if number and doc.number else doc.kind_in_text
    props.subject = doc.subject
    props.author = props.last_modified_by = body
    props.category = doc.kind_in_text
    props.identifier = number
    props.keywords = ""
    props.comments = ""
    props.language = "vi-VN"
    props.created = props.modified = issued
    props.revision = 1


# Styles ------------------------------------------------------------------------------------------


def _set_fonts(element: CT_Style, size: float | None = None) -> None:
    """Times New Roman for every script slot, so Word never swaps in another font for a letter."""
    rpr = element.get_or_add_rPr()
    fonts = _child(rpr, "rFonts", RPR_ORDER)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), L.FONT_FAMILY)
    _child(rpr, "lang", RPR_ORDER).set(qn("w:val"), "vi-VN")
    if size is not None:
        for tag in ("sz", "szCs"):
            _child(rpr, tag, RPR_ORDER).set(qn("w:val"), str(round(size * 2)))


def _define_styles(document: DocxDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = L.FONT_FAMILY
    normal.font.size = Pt(L.SIZE_TEXT)
    _set_fonts(normal.element, L.SIZE_TEXT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name, (size, bold, italic, align, indent, before, after) in PARAGRAPH_STYLES.items():
        style: ParagraphStyle = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = STYLE_IDS[name]
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN[align]
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        if indent:
            fmt.first_line_indent = Mm(L.FIRST_LINE_INDENT_MM)
        if name in ("Căn cứ", "Nội dung"):
            fmt.line_spacing = L.LINE_SPACING
        if name == "Đường kẻ ngắn":
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(3)
            _bottom_border(style.element.get_or_add_pPr())
        if name == "Tiêu ngữ":
            _bottom_border(style.element.get_or_add_pPr())
        # A group's heading row never ends a page without its first row (Word and LibreOffice keep a
        # table row whose paragraphs keep with the next with the following row).
        if name in ("Tên loại", "Trích yếu", "Quốc hiệu", "Cơ quan ban hành", "Cơ quan chủ quản", "Bảng - nhóm"):
            fmt.keep_with_next = True
    label = styles.add_style(ARTICLE_LABEL_STYLE, WD_STYLE_TYPE.CHARACTER)
    label.style_id = "TenDieu"
    label.font.bold = True
    label.quick_style = True


def _bottom_border(ppr: CT_PPr) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _place(ppr, borders, PPR_ORDER)


# Page setup and page numbers --------------------------------------------------------------------


def _setup_section(s: Section, *, landscape: bool) -> None:
    width, height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = (height, width) if landscape else (width, height)
    s.top_margin = Mm(L.MARGIN_TOP_MM)
    s.bottom_margin = Mm(L.MARGIN_BOTTOM_MM)
    s.left_margin = Mm(L.MARGIN_LEFT_MM)
    s.right_margin = Mm(L.MARGIN_RIGHT_MM)
    s.header_distance = Mm(L.HEADER_DISTANCE_MM)
    s.footer_distance = Mm(L.HEADER_DISTANCE_MM)
    # No number on the first page (NĐ 30/2020, Phụ lục I, I.7): a different, empty first-page header.
    s.different_first_page_header_footer = True
    header = s.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = "Số trang"
    if not paragraph.runs:
        _page_field(paragraph)
    first = s.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = "Số trang"
    # Each annex numbers its own pages (NĐ 30/2020, Phụ lục I, III.1.đ).
    sect_pr = s._sectPr
    _child(sect_pr, "pgNumType", SECTPR_ORDER).set(qn("w:start"), "1")


def _page_field(paragraph: Paragraph) -> None:
    def char(kind: str) -> None:
        run = paragraph.add_run()
        node = OxmlElement("w:fldChar")
        node.set(qn("w:fldCharType"), kind)
        run._r.append(node)

    char("begin")
    instruction = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    char("separate")
    paragraph.add_run("2")
    char("end")


# Blocks -----------------------------------------------------------------------------------------


def _borderless_table(document: DocxDocument, widths_mm: Iterable[float], rows: int = 1) -> DocxTable:
    widths = list(widths_mm)
    table: DocxTable = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        node = OxmlElement(f"w:{side}")
        node.set(qn("w:w"), "0")
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    _place(tbl_pr, margins, TBLPR_ORDER)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    return table


def _cell_paragraph(cell: _Cell, text: str, style: str) -> Paragraph:
    """The cell's first (empty) paragraph, then new ones."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.text and (first._p.pPr is None or first._p.pPr.style is None):
        first.text = text
        first._p.get_or_add_pPr().style = STYLE_IDS[style]
        return first
    return _add(cell, text, style)


def _centred_width(paragraph: Paragraph, available_mm: float, width_mm: float) -> None:
    """Indent a centred paragraph so that it, and its border, are ``width_mm`` wide."""
    side = max(0.0, (available_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)


def _short_rule(cell_or_doc: _Cell | DocxDocument, available_mm: float, above: Iterable[str], size: float) -> Paragraph:
    """A rule 1/3–1/2 as long as the widest line above it; a line that wraps is as wide as the column."""
    widest = min(available_mm, max(text_width_mm(line, size, bold=True) for line in above))
    rule = _add(cell_or_doc, "", "Đường kẻ ngắn")
    _centred_width(rule, available_mm, widest * L.SHORT_RULE_SHARE)
    return rule


def _header(document: DocxDocument, doc: AdministrativeDocument) -> None:
    lines = L.header_lines(doc)
    table = _borderless_table(document, (L.HEADER_LEFT_MM, L.HEADER_RIGHT_MM), rows=2)
    left, right = table.rows[0].cells
    for line in lines.governing_body:
        _cell_paragraph(left, line, "Cơ quan chủ quản")
    for line in lines.issuing_body:
        _cell_paragraph(left, line, "Cơ quan ban hành")
    _short_rule(left, L.HEADER_LEFT_MM, lines.issuing_body, L.SIZE_BODY_NAME)
    _cell_paragraph(right, lines.national_title, "Quốc hiệu")
    motto = _cell_paragraph(right, lines.motto, "Tiêu ngữ")
    # The underline is the paragraph's bottom border: as long as the motto, plus a hair of slack
    # so that Word's rounding never wraps the line.
    _centred_width(motto, L.HEADER_RIGHT_MM, text_width_mm(lines.motto, L.SIZE_MOTTO, bold=True) + 1.0)
    number_cell, place_cell = table.rows[1].cells
    _cell_paragraph(number_cell, lines.number, "Số, ký hiệu")
    _cell_paragraph(place_cell, lines.place_date, "Địa danh và ngày")


def _title(document: DocxDocument, doc: AdministrativeDocument) -> None:
    _add(document, doc.kind, "Tên loại")
    subject = L.subject_lines(doc)
    for line in subject:
        _add(document, line, "Trích yếu")
    rule = _short_rule(document, L.TEXT_WIDTH_MM, subject, L.SIZE_SUBJECT)
    # The rule is the bottom border of a 3 pt paragraph, drawn under it: without room after it, an
    # editor draws it through the first line of the text (the PDF leaves 12 pt, `.subject + .text`).
    if not doc.authority:
        rule.paragraph_format.space_after = Pt(12)
    if doc.authority:
        _add(document, doc.authority, "Thẩm quyền ban hành")


def _figure(document: DocxDocument, figure: Figure) -> None:
    """A chart centred in the text width, its caption in italics under it, kept together."""
    holder = _add(document, "", "Hình")
    holder.paragraph_format.keep_with_next = True
    width = min(figure.width_cm * 10, L.TEXT_WIDTH_MM)
    holder.add_run().add_picture(io.BytesIO(figure.png), width=Mm(width))
    if figure.title:
        _add(document, figure.title, "Tên hình")


def _signature(document: DocxDocument, doc: AdministrativeDocument) -> None:
    # The signature never stands alone on a page: the last paragraph of the text keeps with the
    # spacer, the spacer with the signature's row, and the row never splits.
    last = document.paragraphs[-1] if document.paragraphs else None
    if last is not None:
        last.paragraph_format.keep_with_next = True
    spacer = _add(document, "", "Normal")
    spacer.paragraph_format.space_after = Pt(6)
    spacer.paragraph_format.keep_with_next = True
    table = _borderless_table(document, (L.SIGNATURE_LEFT_MM, L.SIGNATURE_RIGHT_MM))
    _cant_split(table)
    recipients, signature = table.rows[0].cells
    if doc.left_signature is not None:
        _signature_cell(recipients, doc.left_signature)
    else:
        _cell_paragraph(recipients, L.RECIPIENTS_LABEL, "Nơi nhận")
        for line in L.recipient_lines(doc):
            _cell_paragraph(recipients, line, "Nơi nhận - mục")
    _signature_cell(signature, doc.signature)


def _cant_split(table: DocxTable) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _signature_cell(cell: _Cell, signature: Signature) -> None:
    for line in L.signature_lines(signature):
        _cell_paragraph(cell, line, "Chức vụ người ký")
    name = _cell_paragraph(cell, signature.signer, "Họ tên người ký")
    name.paragraph_format.space_before = Mm(L.SIGNATURE_SPACE_MM)


def _shrink_section_break(document: DocxDocument) -> None:
    """Make the paragraph that ends the previous section tiny.

    Word keeps a section break in a paragraph of its own after a closing table; at full size that
    empty paragraph spills onto a page of its own when the section's last page is full.
    """
    body = document.element.body
    holders = [p for p in body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    if not holders:
        return
    paragraph = Paragraph(holders[-1], document._body)
    paragraph.style = "Normal"
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    # The paragraph mark's own size decides the empty line's height.
    ppr = holders[-1].get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    ppr.find(qn("w:sectPr")).addprevious(mark)  # the schema puts rPr before sectPr


def _annex(document: DocxDocument, doc: AdministrativeDocument, annex: Annex, index: int) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _setup_section(section, landscape=annex.landscape)
    width = (L.PAGE_HEIGHT_MM if annex.landscape else L.PAGE_WIDTH_MM) - L.MARGIN_LEFT_MM - L.MARGIN_RIGHT_MM
    label = L.annex_label(doc, index)
    if label:
        _add(document, label, "Phụ lục - số")
    title = L.annex_title(annex)
    _add(document, title, "Phụ lục - tên")
    _add(document, L.annex_reference(doc), "Phụ lục - chỉ dẫn")
    rule = _add(document, "", "Đường kẻ ngắn")
    _centred_width(rule, width, L.annex_rule_mm(annex))
    if annex.note:
        _add(document, annex.note, "Phụ lục - ghi chú")
    else:
        _add(document, "", "Normal").paragraph_format.space_after = Pt(6)
    _annex_table(document, annex.table.columns, annex.table.rows, width)


def _annex_table(document: DocxDocument, columns: tuple[Column, ...], rows: tuple[Row, ...], width_mm: float) -> None:
    total = sum(column.width for column in columns)
    widths = [width_mm * column.width / total for column in columns]
    table: DocxTable = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    # The heading row repeats on every page of a long list.
    marker = OxmlElement("w:tblHeader")  # on without a value; "true" is not in every edition's ST_OnOff
    header._tr.get_or_add_trPr().append(marker)
    for cell, column in zip(header.cells, columns, strict=True):
        _cell_paragraph(cell, column.title, "Bảng - tiêu đề")
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, GroupHeading):
            table.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            merged = cells[0].merge(cells[-1])
            _cell_paragraph(merged, row.text, "Bảng - nhóm")
            continue
        for cell, column, value in zip(cells, columns, row, strict=True):
            paragraph = _cell_paragraph(cell, value, "Bảng - ô")
            paragraph.alignment = ALIGN[column.align]
    for table_row, row in zip(table.rows[1:], rows, strict=True):
        if isinstance(row, GroupHeading):
            table_row.cells[0].width = Mm(width_mm)
            continue
        for cell, width in zip(table_row.cells, widths, strict=True):
            cell.width = Mm(width)
    for cell, width in zip(header.cells, widths, strict=True):
        cell.width = Mm(width)
    for table_column, width in zip(table.columns, widths, strict=True):
        table_column.width = Mm(width)
