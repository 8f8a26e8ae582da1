"""Layout of a Vietnamese administrative document (Decree 30/2020/NĐ-CP): page, font, rules, tables, page numbers."""
from __future__ import annotations

from functools import lru_cache

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
# Decree 30, appendix I: A4; top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_CM = (210 - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10


# Times New Roman's metrics, which Liberation Serif shares (LibreOffice lays the document out with it). Version 2
# first: version 1 has no precomposed Vietnamese letters with two marks ("Ố", "Ộ") and measured "PHỐ" 20% short.
METRIC_FONTS = {bold: (f"/usr/share/fonts/truetype/liberation2/{name}", f"/usr/share/fonts/truetype/liberation/{name}")
                for bold, name in ((False, "LiberationSerif-Regular.ttf"), (True, "LiberationSerif-Bold.ttf"))}
CELL_MARGINS_CM = 0.38  # a table cell's left and right margins together (Word's and LibreOffice's default)


@lru_cache(maxsize=2)
def _metric_font(bold: bool):
    from PIL import ImageFont

    for path in METRIC_FONTS[bold]:
        try:
            return ImageFont.truetype(path, 100)
        except OSError:
            continue
    return None


def text_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of one line of `text` in centimetres, measured in Times New Roman's metrics; an estimate (0.55 em a
    letter) where the font is missing."""
    font = _metric_font(bold)
    em = font.getlength(text) / 100 if font is not None else 0.55 * len(text)
    return em * size_pt / 72 * 2.54


def setup_page(doc: Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    _page_number_in_header(section)


def setup_styles(doc: Document) -> None:
    """Times New Roman everywhere (also for the complex-script slot Word uses for some diacritics)."""
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0


def _page_number_in_header(section) -> None:
    """Decree 30: page numbers centred in the top margin, not shown on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(BODY_PT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    text = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "2"
    text.append(t)
    field.append(text)
    paragraph._p.append(field)


def para(container, text: str = "", *, bold=False, italic=False, size=BODY_PT, align=None, indent=True,
         space_after=6, upper=False):
    """A paragraph in the document or a table cell; body text is justified with a first-line indent."""
    p = container.add_paragraph()
    if text:
        run = p.add_run(text.upper() if upper else text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    if align is None:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Cm(1)
    else:
        p.alignment = align
    return p


def rule(container, length_cm: float, box_cm: float) -> None:
    """A short centred horizontal line (under the issuing body, the motto, the subject): a bordered tiny paragraph."""
    p = container.add_paragraph()
    side = max((box_cm - length_cm) / 2, 0)
    p.paragraph_format.left_indent = Cm(side)
    p.paragraph_format.right_indent = Cm(side)
    p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.line_spacing = Pt(3)  # the line sits a few points under the text above, never through it
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def borderless_table(doc: Document, widths_cm: list[float]):
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, widths_cm)
    for cell, width in zip(table.rows[0].cells, widths_cm):
        cell.width = Cm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # cells start with one empty paragraph
    return table


def data_table(doc: Document, header: list[str], rows: list[list], widths_cm: list[float],
               numeric: set[int] = frozenset(), bold_last=False):
    """A gridded table: bold header repeated on every page, numbers centred, TABLE_PT text."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, widths_cm)
    _narrow_cell_margins(table)
    _fill_row(table.rows[0], header, widths_cm, bold=True, center=set(range(len(header))))
    _repeat_as_header(table.rows[0])
    for i, values in enumerate(rows):
        bold = bold_last and i == len(rows) - 1
        _fill_row(table.add_row(), [str(v) for v in values], widths_cm, bold=bold, center=numeric)
    # No row breaks across a page; only the header keeps with the first row. Chaining "keep with next" through every
    # row (and from table to table) made the whole run one block that Word and LibreOffice pushed to page 2.
    for row in table.rows:
        _cant_split(row)
    for cell in table.rows[0].cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    return table


def _fix_widths(table, widths_cm: list[float]) -> None:
    """Column widths in the grid too: LibreOffice follows the grid, Word the cells."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)


def _narrow_cell_margins(table, twips: int = 70) -> None:
    """About 1.2 mm either side instead of 1.9 mm, so 13 pt figures fit narrow columns without breaking."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _fill_row(row, values, widths_cm, *, bold, center) -> None:
    for j, (cell, value, width) in enumerate(zip(row.cells, values, widths_cm)):
        cell.width = Cm(width)
        p = cell.paragraphs[0]
        p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.space_after = Pt(2)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if j in center else WD_ALIGN_PARAGRAPH.LEFT
        run = p.add_run(value)
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def _cant_split(row) -> None:
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _repeat_as_header(row) -> None:
    """Repeated on every page."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader",):
        flag = OxmlElement(tag)
        flag.set(qn("w:val"), "true")
        trpr.append(flag)
