"""Issue 22: an import reads what a person sees and typed — the visible sheet, a percent as shown, no booleans,
error values or doubled cells, an encoding decided on the whole file — and Excel-VN's ';' CSV, headers in any case."""
import io
import re

import pytest
from openpyxl import Workbook

from tests.import_files import SHEET, header_row_xml, raw_xlsx, rewrite_part, windows_1258
from tracking.errors import TrackingError
from tracking.imports.columns import COLUMNS
from tracking.imports.reader import read_import_file
from tracking.imports.xlsx_sheet import is_percent_format

ENGLISH = re.compile(r"BadZipFile|KeyError|Error\b|Exception|Traceback")
ROW = ["941", "ORG-HUYEN", None, "in_progress", "2010-10-05", 50, None, "ghi chú"]


def refusal(content: bytes, name: str) -> str:
    with pytest.raises(TrackingError) as err:
        read_import_file(content, name)
    assert not ENGLISH.search(str(err.value)), err.value
    return str(err.value)


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def book_with(*sheets: tuple[str, list, str], active: int = 0) -> bytes:
    """Sheets as (title, data rows, state); the header is added to each."""
    book = Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    book.active = active
    return saved(book)


# --- the sheet a person sees ---

@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_not_read_and_the_person_is_told(state):
    hidden_row = ["941", "ORG-HUYEN", None, "done", "2010-10-01", 100, None, "dòng không ai thấy"]
    content = book_with(("An", [hidden_row], state), ("Cập nhật", [ROW], "visible"), active=1)
    read = read_import_file(content, "f.xlsx")
    assert [r.values["note"] for r in read.rows] == ["ghi chú"]
    assert read.notes and "'Cập nhật'" in read.notes[0] and "'An'" in read.notes[0]


def test_a_workbook_whose_every_sheet_is_hidden_is_refused():
    content = book_with(("A", [ROW], "visible"), ("B", [ROW], "hidden"))
    content = rewrite_part(content, "xl/workbook.xml", lambda xml: xml.replace('name="A" sheetId="1" state="visible"', 'name="A" sheetId="1" state="hidden"'))
    assert "mọi trang tính đều bị ẩn" in refusal(content, "f.xlsx")


def test_a_hidden_active_sheet_with_two_visible_ones_is_ambiguous_and_refused():
    content = book_with(("A", [ROW], "visible"), ("B", [ROW], "visible"), ("C", [ROW], "hidden"), active=2)
    # openpyxl will not save a hidden active tab; a hand-edited file can
    content = rewrite_part(content, "xl/workbook.xml", lambda xml: xml.replace("<workbookView ", '<workbookView activeTab="2" ', 1))
    assert "không rõ cần nhập trang nào" in refusal(content, "f.xlsx")


def test_the_template_with_its_visible_guide_sheet_reads_without_a_note():
    content = book_with(("Cập nhật", [ROW], "visible"), ("Hướng dẫn", [], "visible"))
    read = read_import_file(content, "f.xlsx")
    assert len(read.rows) == 1 and read.notes == []


# --- values as shown ---

@pytest.mark.parametrize("stored,code,shown", [(1, "0%", 100), (0.35, "0%", 35), (0.5, "0.00%", 50), (50, "0", 50),
                                               (50, '0"%"', 50)])
def test_a_number_under_a_percent_format_is_read_as_shown(stored, code, shown):
    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(ROW[:5] + [stored] + ROW[6:])
    book.active["F2"].number_format = code
    assert read_import_file(saved(book), "f.xlsx").rows[0].values["percent"] == shown


@pytest.mark.parametrize("code,percent", [("0%", True), ("0.0%", True), ('0"%"', False), ("0\\%", False),
                                          ("[Red]0", False), ("General", False), (None, False)])
def test_percent_formats_are_told_apart_from_a_literal_percent_sign(code, percent):
    assert is_percent_format(code) is percent


def test_a_boolean_is_refused_naming_the_cell():
    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(ROW[:5] + [True] + ROW[6:])
    message = refusal(saved(book), "f.xlsx")
    assert "ô F2" in message and "đúng/sai" in message


def cells_xml(*cells: str) -> bytes:
    return raw_xlsx([header_row_xml(), '<row r="2">' + "".join(cells) + "</row>"])


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


BASE = [inline("A2", "941"), inline("B2", "ORG-HUYEN"), inline("D2", "in_progress"), inline("E2", "2010-10-05")]


def test_a_cell_reference_given_twice_is_refused_naming_the_cell():
    message = refusal(cells_xml(*BASE, inline("H2", "trước"), inline("H2", "sau")), "f.xlsx")
    assert "ô H2" in message and "hai lần" in message


def test_a_row_given_twice_is_refused():
    content = raw_xlsx([header_row_xml(), '<row r="2">' + "".join(BASE) + "</row>",
                        '<row r="2">' + inline("H2", "sau") + "</row>"])
    assert "dòng 2 xuất hiện hai lần" in refusal(content, "f.xlsx")


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#REF!"])
def test_a_formulas_cached_error_is_refused_naming_the_cell(error):
    message = refusal(cells_xml(*BASE, f'<c r="H2" t="e"><f>VLOOKUP(1,A:A,2)</f><v>{error}</v></c>'), "f.xlsx")
    assert "ô H2" in message and error in message


# --- CSV: encodings, separators, header spelling ---

def test_windows_1258_text_that_is_also_valid_utf8_is_refused_showing_both_readings():
    content = windows_1258(",".join(COLUMNS) + "\n941,ORG-HUYEN,,done,2010-10-05,100,45/QĐ–UBND,\n")
    assert content.decode("utf-8")  # the trap: valid UTF-8 for "45/QЖUBND"
    message = refusal(content, "f.csv")
    assert "45/QЖUBND" in message and "45/QĐ–UBND" in message and "CSV UTF-8" in message


def test_a_windows_1258_file_says_how_it_was_read():
    content = windows_1258(",".join(COLUMNS) + "\n941,ORG-HUYEN,,done,2010-10-05,100,,Đã bố trí cán bộ\n")
    read = read_import_file(content, "f.csv")
    assert read.encoding == "Windows-1258" and read.rows[0].values["note"] == "Đã bố trí cán bộ"
    assert "Windows-1258" in read.notes[0] and "Đã bố trí" in read.notes[0]


def test_utf8_with_real_vietnamese_and_punctuation_is_read_without_a_note():
    text = ",".join(COLUMNS) + "\n941,ORG-HUYEN,,done,2010-10-05,100,45/QĐ–UBND,“Đã xong” …\n"
    read = read_import_file(text.encode(), "f.csv")
    assert read.rows[0].values["evidence"] == "45/QĐ–UBND" and read.notes == []


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_excel_vn_semicolon_csv_is_read(bom):
    text = ";".join(COLUMNS) + "\n941;ORG-HUYEN;;in_progress;05/10/2010;50;;ghi chú, có dấu phẩy\n"
    read = read_import_file(bom + text.encode(), "f.csv")
    assert read.rows[0].values["note"] == "ghi chú, có dấu phẩy" and read.rows[0].values["percent"] == "50"


def test_a_comma_csv_with_semicolons_in_a_note_stays_comma_separated():
    text = ",".join(COLUMNS) + "\n941,ORG-HUYEN,,in_progress,05/10/2010,50,,a; b; c; d; e; f; g; h\n"
    assert read_import_file(text.encode(), "f.csv").rows[0].values["note"] == "a; b; c; d; e; f; g; h"


@pytest.mark.parametrize("spell", [str.upper, str.title, lambda c: c])
def test_headers_are_read_in_any_case(spell):
    text = ",".join(spell(c) for c in COLUMNS) + ",TÊN ĐƠN VỊ (THAM KHẢO)\n941,ORG-HUYEN,,in_progress,05/10/2010,50,,,Huyện\n"
    read = read_import_file(text.encode(), "f.csv")
    assert read.rows[0].values["unit_code"] == "941"


def test_a_header_differing_only_in_case_from_another_is_still_a_repeat():
    text = ",".join(COLUMNS) + ",NOTE\n941,ORG-HUYEN,,in_progress,05/10/2010,50,,,x\n"
    assert "cột trùng tên note" in refusal(text.encode(), "f.csv")


@pytest.mark.parametrize("note", ["✓ đã xong", "Đối tác 中国", "Hạn 30/10 ★"])
def test_utf8_notes_with_symbols_or_other_scripts_are_not_taken_for_windows_1258(note):
    text = ",".join(COLUMNS) + f"\n941,ORG-HUYEN,,done,2010-10-05,100,,{note}\n"
    read = read_import_file(text.encode(), "f.csv")
    assert read.encoding == "UTF-8" and read.rows[0].values["note"] == note


def test_a_cell_filed_under_another_row_is_refused_naming_both():
    message = refusal(cells_xml(*BASE, inline("H3", "lạc dòng")), "f.xlsx")
    assert "ô H3" in message and "dòng 2" in message


def test_an_empty_cell_then_a_filled_one_at_the_same_reference_is_still_refused():
    message = refusal(cells_xml(*BASE, '<c r="H2" s="0"/>', inline("H2", "sau")), "f.xlsx")
    assert "ô H2" in message and "hai lần" in message
