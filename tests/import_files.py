"""Import files as real tools write them, including the awkward ones (stale dimension, formulas, XFD cells)."""
from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl import Workbook, load_workbook

from tracking.imports.columns import COLUMNS
from tracking.imports.sample import xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"


def rewrite_part(content: bytes, part: str, change) -> bytes:
    """The same .xlsx with one zip member passed through `change(text) -> text`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def stale_dimension_xlsx(rows: list[dict], stored: str = "A1:H3") -> bytes:
    """A workbook whose sheet XML claims a smaller range than the rows it holds (some generators write this)."""
    content = xlsx_bytes(rows)
    changed = rewrite_part(content, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{stored}"', xml))
    assert f'<dimension ref="{stored}"' in zipfile.ZipFile(io.BytesIO(changed)).read(SHEET).decode()
    return changed


def with_cells(rows: list[dict], cells: dict[str, object]) -> bytes:
    """xlsx_bytes(rows) with some cells overwritten, e.g. {"F5": "=40+10"} (openpyxl saves no cached value)."""
    book = load_workbook(io.BytesIO(xlsx_bytes(rows)))
    for ref, value in cells.items():
        book.active[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>',
}


def header_row_xml() -> str:
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{escape(c)}</t></is></c>' for i, c in enumerate(COLUMNS))
    return f'<row r="1">{cells}</row>'


def raw_xlsx(row_xml, dimension: str = "A1:H1") -> bytes:
    """A minimal workbook written by hand: `row_xml` is an iterable of <row> elements (streamed into the zip)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        with z.open(SHEET, "w") as sheet:
            sheet.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         f'<dimension ref="{dimension}"/><sheetData>').encode())
            for xml in row_xml:
                sheet.write(xml.encode())
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def xfd_xlsx(rows: int = 60_000, with_values: bool = True) -> bytes:
    """The hostile workbook of issue 8: a header, then `rows` rows holding one cell each in column XFD (16,384)."""
    def body():
        yield header_row_xml()
        for n in range(2, rows + 2):
            yield f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' if with_values else f'<row r="{n}"><c r="XFD{n}" s="0"/></row>'
    return raw_xlsx(body(), dimension=f"A1:XFD{rows + 1}")


def workbook_with(values: list[list]) -> bytes:
    book = Workbook()
    for row in values:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def windows_1258(text: str) -> bytes:
    """Text as Excel on a Vietnamese Windows saves it: precomposed where code page 1258 has the letter,
    else base letter + combining tone mark (the code page has no "ã", "ế", …)."""
    import unicodedata
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:  # e.g. "ế" = "ê" (in the code page) + combining acute (also in it)
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (letter + tones).encode("cp1258")
    return bytes(out)


def empty_rows_xlsx(empty: int, data_rows: list[str] = ()) -> bytes:
    """The row bomb of issue 22: a header, a few real rows, then `empty` bare <row/> elements (6 bytes each,
    a thousandfold compression)."""
    def body():
        yield header_row_xml()
        yield from data_rows
        block = "<row/>" * 10_000
        for _ in range(empty // 10_000):
            yield block
        yield "<row/>" * (empty % 10_000)
    return raw_xlsx(body())


def shared_strings_xlsx(strings: int, distinct: bool = False) -> bytes:
    """The shared-strings bomb of issue 22: `strings` entries in xl/sharedStrings.xml (the same short one, ≈17 bytes
    unpacked each and compressing a thousandfold, unless `distinct`), one cell using the first."""
    out = io.BytesIO()
    parts = dict(_PARTS)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        with z.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main">')
            for start in range(0, strings, 10_000):
                part.write("".join(f"<si><t>{n if distinct else 'a'}</t></si>"
                                   for n in range(start, min(strings, start + 10_000))).encode())
            part.write(b"</sst>")
        z.writestr(SHEET, '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                   f'spreadsheetml/2006/main"><sheetData>{header_row_xml()}'
                   '<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>')
    return out.getvalue()
