"""Reading import files: every physical row is read or the file refused, naming the row and column, in Vietnamese."""
import re
import unicodedata

import pytest

from tests.import_files import stale_dimension_xlsx, windows_1258, with_cells, workbook_with, xfd_xlsx
from tracking.errors import TrackingError
from tracking.imports.columns import COLUMNS
from tracking.imports.limits import ImportLimits
from tracking.imports.reader import read_import_file

HEADER = ",".join(COLUMNS) + "\n"
ENGLISH = re.compile(r"BadZipFile|KeyError|Error\b|Exception|Traceback|line contains|field limit")


def row(day: int, note: str = "", unit: str = "941", state: str = "in_progress") -> str:
    return f"{unit},ORG-HUYEN,,{state},2010-10-{day:02d},50,,{note}\n"


def rows_of(n: int) -> list[dict]:
    return [dict(unit_code="941", requirement_code="ORG-HUYEN", period="", state="in_progress",
                 date=f"2010-10-{i + 1:02d}", percent=i, evidence=None, note=None) for i in range(n)]


def refusal(content: bytes, name: str = "f.csv", limits: ImportLimits | None = None) -> str:
    with pytest.raises(TrackingError) as err:
        read_import_file(content, name, limits)
    message = str(err.value)
    assert not ENGLISH.search(message), message
    return message


# --- .xlsx ---

def test_a_stale_stored_dimension_does_not_hide_rows():
    content = stale_dimension_xlsx(rows_of(11), stored="A1:H3")
    read = read_import_file(content, "cu.xlsx")
    assert [r.number for r in read.rows] == list(range(2, 13))


def test_a_formula_saved_without_its_value_is_refused_naming_the_cell():
    message = refusal(with_cells(rows_of(6), {"F5": "=40+10"}), "f.xlsx")
    assert "ô F5" in message and "công thức" in message


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 40, b"\xd0\xcf\x11\xe0" * 64])
def test_a_file_that_is_not_a_workbook_gets_a_plain_vietnamese_message(content):
    assert "không phải tệp Excel .xlsx" in refusal(content, "f.xlsx")


def test_a_damaged_workbook_part_gets_the_same_message():
    from tests.import_files import SHEET, rewrite_part
    broken = rewrite_part(with_cells(rows_of(2), {}), SHEET, lambda xml: xml[: len(xml) // 2])
    assert "không phải tệp Excel .xlsx" in refusal(broken, "f.xlsx")


def test_a_workbook_with_only_a_header_is_not_a_success():
    assert "không có dòng dữ liệu" in refusal(workbook_with([list(COLUMNS)]), "f.xlsx")


def test_a_value_beyond_the_column_limit_is_refused_naming_the_cell():
    message = refusal(xfd_xlsx(rows=5), "f.xlsx")
    assert "ô XFD2" in message and "50 cột" in message


def test_a_value_in_a_column_without_a_header_is_refused_not_dropped():
    content = workbook_with([list(COLUMNS), ["941", "ORG-HUYEN", None, "done", "2010-10-01", None, None, None, None, "ghi thêm"]])
    assert "ô J2" in refusal(content, "f.xlsx")


def test_template_rows_left_blank_are_counted_not_lost():
    content = workbook_with([list(COLUMNS), ["941", "ORG-HUYEN"], ["942", "ORG-HUYEN", None, "done", "2010-10-01"]])
    read = read_import_file(content, "f.xlsx")
    assert [r.number for r in read.rows] == [3] and read.untouched == 1


# --- .csv ---

def test_an_unclosed_quote_is_refused_naming_its_row():
    text = HEADER + row(1) + row(2) + row(3, '"Đã ký, chờ') + "".join(row(d) for d in range(4, 12))
    message = refusal(text.encode())
    assert "dòng 4" in message and "ngoặc kép" in message


def test_a_quoted_note_with_line_breaks_stays_one_field_and_rows_keep_their_numbers():
    text = HEADER + row(1) + row(2, '"Dòng một\nDòng hai, có phẩy"') + row(3)
    read = read_import_file(text.encode(), "f.csv")
    assert [(r.number, r.line) for r in read.rows] == [(2, None), (3, None), (4, 5)]
    assert read.rows[1].values["note"] == "Dòng một\nDòng hai, có phẩy"


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_any_line_ending_reads_the_same_rows(ending):
    text = (HEADER + row(1) + row(2)).replace("\n", ending)
    assert [r.number for r in read_import_file(text.encode(), "f.csv").rows] == [2, 3]


def test_a_nul_byte_is_refused_naming_row_and_column():
    message = refusal((HEADER + row(1) + row(2, "a\x00b")).encode())
    assert "dòng 3, cột note" in message and "NUL" in message


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf"])
def test_utf8_with_none_one_or_two_byte_order_marks(prefix):
    read = read_import_file(prefix + (HEADER + row(1, "ghi chú")).encode(), "f.csv")
    assert read.rows[0].values["note"] == "ghi chú" and read.encoding == "UTF-8"


@pytest.mark.parametrize("codec,encoding", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                            ("cp1258", "Windows-1258")])
def test_utf16_and_windows_1258_are_decoded(codec, encoding):
    text = HEADER + row(1, "Đã ký quyết định", state="hoàn thành")
    read = read_import_file(windows_1258(text) if codec == "cp1258" else text.encode(codec), "f.csv")
    assert read.encoding == encoding
    assert read.rows[0].values["note"] == "Đã ký quyết định" and read.rows[0].values["state"] == "hoàn thành"


def test_a_utf8_file_with_one_damaged_byte_is_refused_not_read_as_another_encoding():
    content = (HEADER + row(1, "ghi chú")).encode() + b"941,ORG-HUYEN,,done,2010-10-02,,,\xff\n"
    assert "dòng 3" in refusal(content) and "UTF-8" in refusal(content)


def test_binary_junk_is_refused_clearly():
    refusal(bytes(range(256)) * 4)


@pytest.mark.parametrize("content", [HEADER.encode(), HEADER.encode() + b"\n\n", b""])
def test_a_file_without_data_rows_is_not_a_success(content):
    assert "không có dòng dữ liệu" in refusal(content) or "trống" in refusal(content)


def test_two_byte_order_marks_do_not_hide_the_first_column():
    content = b"\xef\xbb\xbf\xef\xbb\xbf" + (HEADER + row(1)).encode()
    assert read_import_file(content, "f.csv").rows[0].values["unit_code"] == "941"


def test_a_repeated_column_is_refused_rather_than_one_copy_dropped():
    assert "cột trùng tên note" in refusal((HEADER.strip() + ",note\n" + row(1) + "x\n").encode())


def test_decomposed_vietnamese_in_a_cell_is_read_composed():
    text = HEADER + row(1, unicodedata.normalize("NFD", "Đã ký"), state=unicodedata.normalize("NFD", "hoàn thành"))
    values = read_import_file(text.encode(), "f.csv").rows[0].values
    assert values["state"] == "hoàn thành" and values["note"] == "Đã ký"


# --- limits, enforced while reading ---

def test_a_file_over_the_byte_limit_is_refused_stating_the_limit():
    content = (HEADER + row(1, "x" * 1000) * 1200).encode()
    assert "vượt giới hạn 1 MB" in refusal(content, limits=ImportLimits(max_megabytes=1))


def test_reading_stops_at_the_row_limit():
    # Row 30 is broken; the limit of 10 rows is reached first, so reading never gets there.
    text = HEADER + "".join(row(d % 28 + 1) for d in range(28)) + row(1, '"không đóng')
    message = refusal(text.encode(), limits=ImportLimits(max_rows=10))
    assert "hơn 10 dòng dữ liệu" in message and "dòng 12" in message


def test_a_csv_value_beyond_the_column_limit_is_refused():
    text = HEADER + row(1).rstrip("\n") + "," * 60 + "x\n"
    assert "vượt giới hạn 50 cột" in refusal(text.encode())


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRACKING_IMPORT_MAX_ROWS", "7")
    assert ImportLimits.from_env().max_rows == 7
    monkeypatch.setenv("TRACKING_IMPORT_MAX_ROWS", "nhiều")
    with pytest.raises(TrackingError, match="TRACKING_IMPORT_MAX_ROWS"):
        ImportLimits.from_env()


def test_streamlit_upload_limit_matches_the_import_limit():
    import tomllib
    from pathlib import Path
    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == ImportLimits().max_megabytes


def test_a_stray_quote_closed_by_a_later_row_is_refused_not_merged():
    # Valid CSV syntax, yet rows 3–4 would vanish into row 2's note: a quoted note never holds a whole row.
    text = HEADER + row(1, '"Đã ký') + row(2) + row(3, '"", hết"')
    message = refusal(text.encode())
    assert "dòng 2" in message and "ngoặc kép" in message


def test_the_templates_vietnamese_headers_and_the_old_code_names_read_the_same():
    vietnamese = "Mã đơn vị,Mã yêu cầu,Kỳ báo cáo,Trạng thái,Ngày sự việc,Tỷ lệ hoàn thành (%),Căn cứ,Ghi chú\n"
    decomposed = unicodedata.normalize("NFD", vietnamese.upper())  # any case, any Unicode form
    for header in (vietnamese, decomposed):
        read = read_import_file((header + "941,ORG-HUYEN,,hoàn thành,2010-10-20,,,\n").encode(), "mau.csv")
        old = read_import_file((HEADER + "941,ORG-HUYEN,,done,2010-10-20,,,\n").encode(), "cu.csv")
        assert [r.values for r in read.rows] == [r.values | {"state": "hoàn thành"} for r in old.rows]


def test_a_missing_column_is_named_both_ways():
    assert "thiếu cột requirement_code (Mã yêu cầu)" in refusal(b"unit_code,period,state,date,percent,evidence,note\n941,,done,2010-10-20,,,\n")
