"""Read an import file (.xlsx, or .csv) into numbered rows of text: every physical row is read or the file refused.

Nothing is dropped or merged quietly: a row either carries progress (imported), carries only codes (counted as
untouched, as in a template left blank) or the file is refused with the row and column. Limits on size, rows and
columns are enforced while reading (see tracking.imports.limits).
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from tracking.errors import InvalidInput, TrackingError
from tracking.imports.columns import COLUMNS, HEADERS_VI, INFO_SUFFIX, PROGRESS_COLUMNS, column_of
from tracking.imports.limits import UNPACKED_FACTOR, ImportLimits
from tracking.text import entered

BOM = "\ufeff"


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the official sees it in Excel: the header is row 1
    values: dict[str, object]
    line: int | None = None  # CSV: the text line the row starts on, when a multi-line note makes it differ


@dataclass(frozen=True)
class ImportFile:
    rows: list[SheetRow]  # rows with some progress filled in
    untouched: int = 0  # rows with codes but no progress (a template row left blank): skipped, and said so
    encoding: str | None = None  # CSV only: how the bytes were read


def read_rows(content: bytes, filename: str, limits: ImportLimits | None = None) -> list[SheetRow]:
    """Rows with some progress filled in; refuses a file whose header lacks or misspells a column."""
    return read_import_file(content, filename, limits).rows


def read_import_file(content: bytes, filename: str, limits: ImportLimits | None = None) -> ImportFile:
    """The whole file read and accounted for, or TrackingError naming the file, row and column."""
    limits = limits or ImportLimits.from_env()
    name = f"Tệp '{filename}'"
    if len(content) > limits.max_bytes:
        raise TrackingError(f"{name} nặng {len(content) / 1024 / 1024:.1f} MB, vượt giới hạn {limits.max_megabytes} MB "
                            "một tệp nhập: hãy chia thành nhiều tệp nhỏ hơn")
    suffix = Path(filename).suffix.lower()
    encoding = None
    if suffix == ".xlsx":
        table = _xlsx_rows(content, name, limits)
    elif suffix == ".csv":
        text, encoding = _decode(content, name)
        table = _csv_rows(text, name)
    else:
        raise TrackingError(f"{name}: chỉ nhận .xlsx hoặc .csv")
    return _account(_limited(table, name, limits), name, encoding)


def _account(table: Iterator[tuple[int, int | None, dict]], name: str, encoding: str | None) -> ImportFile:
    """Header first, then every non-empty row: with progress → rows; codes only → untouched; else refused."""
    header_row = next(table, None)
    if header_row is None:
        raise TrackingError(f"{name} trống: không có dòng tiêu đề lẫn dòng dữ liệu")
    index = _header_index(header_row, name)
    rows, untouched = [], 0
    for number, line, cells in table:
        values = {}
        for i, value in cells.items():
            column = index.get(i)
            if column is None:  # a value under no known column would be lost: say so instead
                if i not in index.info:
                    raise TrackingError(f"{name}, {_where(number, line)}, ô {get_column_letter(i + 1)}{number}: "
                                        f"có dữ liệu '{_short(value)}' ở cột không có tiêu đề — xóa ô này hoặc đặt tên cột đúng")
                continue
            values[column] = _cell(value, name, number, line, column)
        values = {c: values.get(c) for c in COLUMNS}
        if any(values[c] not in (None, "") for c in PROGRESS_COLUMNS):
            rows.append(SheetRow(number, values, line if line != number else None))
        else:
            untouched += 1
    if not rows and not untouched:
        raise TrackingError(f"{name} chỉ có dòng tiêu đề, không có dòng dữ liệu nào — không có gì để nhập")
    if not rows:
        raise TrackingError(f"{name}: không dòng nào điền tiến độ ({untouched} dòng chỉ có mã, các cột "
                            f"{', '.join(PROGRESS_COLUMNS)} đều trống) — không có gì để nhập")
    return ImportFile(rows, untouched, encoding)


class _HeaderIndex(dict):
    """Position → column name, plus the positions of the template's reference columns (ignored)."""

    info: set[int]


def _header_index(header_row, name: str) -> _HeaderIndex:
    number, line, cells = header_row
    where = f"{name}, dòng {number} (tiêu đề)"
    header = []
    for i in range(max(cells) + 1):
        try:
            header.append(column_of(entered(str(cells.get(i, "")), get_column_letter(i + 1)).strip().lstrip(BOM).strip()))
        except InvalidInput as exc:
            raise TrackingError(f"{where}, cột {exc.field}: {exc.reason}") from None
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS and not h.endswith(INFO_SUFFIX)]
    twice = sorted({h for h in header if h in COLUMNS and header.count(h) > 1})
    if missing or unknown or twice:
        parts = []
        if missing:
            parts.append("thiếu cột " + ", ".join(f"{c} ({HEADERS_VI[c]})" for c in missing))
        if unknown:
            parts.append("cột lạ " + ", ".join(f"'{_short(h)}'" for h in unknown))
        if twice:
            parts.append("cột trùng tên " + ", ".join(twice))
        raise TrackingError(f"{where}: {'; '.join(parts)}. Cột đúng: {', '.join(HEADERS_VI[c] for c in COLUMNS)} "
                            f"(hoặc {', '.join(COLUMNS)})")
    index = _HeaderIndex({i: h for i, h in enumerate(header) if h in COLUMNS})
    index.info = {i for i, h in enumerate(header) if h.endswith(INFO_SUFFIX)}
    return index


def _limited(table, name: str, limits: ImportLimits):
    """Skip blank rows; stop reading (and refuse) past the row limit or at a value beyond the column limit."""
    data_rows = -1  # the first non-blank row is the header
    for number, line, cells in table:
        if not cells:
            continue
        last = max(cells)
        if last >= limits.max_columns:
            raise TrackingError(f"{name}, {_where(number, line)}: có dữ liệu ở cột {get_column_letter(last + 1)}, "
                                f"vượt giới hạn {limits.max_columns} cột (đến cột {get_column_letter(limits.max_columns)}) "
                                "của một tệp nhập")
        data_rows += 1
        if data_rows > limits.max_rows:
            raise TrackingError(f"{name} có hơn {limits.max_rows} dòng dữ liệu (giới hạn của một tệp nhập; "
                                f"đã dừng đọc ở dòng {number}): hãy chia thành nhiều tệp nhỏ hơn")
        yield number, line, cells


def _cell(value, name: str, number: int, line: int | None, column: str):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return entered(value, column).strip()
        except InvalidInput as exc:
            raise TrackingError(f"{name}, {_where(number, line)}, cột {column}: {exc.reason}") from None
    return value


def _where(number: int, line: int | None) -> str:
    if line is None or line == number:
        return f"dòng {number}"
    return f"dòng {number} (dòng {line} trong tệp văn bản)"


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


# --- .xlsx ---------------------------------------------------------------------------------------------------

class _SparseParser(WorkSheetParser):
    """openpyxl's own streaming sheet parser, used directly.

    Its public read-only iterator trusts the sheet's stored dimension (a stale "A1:H3" hides every later row)
    and pads each row out to its last cell (16,384 values for one cell in column XFD); this keeps cells sparse
    and remembers formulas that were saved without a value (data_only reads those as empty).
    """

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = _FormulaWithoutValue()
        return cell


class _FormulaWithoutValue:
    """A formula cell whose result was never computed (files written by programs, not by Excel)."""


def _xlsx_rows(content: bytes, name: str, limits: ImportLimits) -> Iterator[tuple[int, None, dict]]:
    """(row number, None, {column index: value}) for every row element of the first sheet, empty cells left out."""
    not_excel = (f"{name} không phải tệp Excel .xlsx đọc được (tệp hỏng, hoặc định dạng khác đổi đuôi thành .xlsx; "
                 "tệp .xls cũ hãy mở bằng Excel rồi lưu thành .xlsx)")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise TrackingError(not_excel) from None
    if unpacked > limits.max_bytes * UNPACKED_FACTOR:
        raise TrackingError(f"{name}: nội dung giải nén {unpacked / 1024 / 1024:.0f} MB, vượt giới hạn "
                            f"{limits.max_megabytes * UNPACKED_FACTOR} MB của một tệp nhập")
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types (KeyError, BadZipFile, XML errors) for a damaged workbook
        raise TrackingError(not_excel) from None
    try:
        if not book.worksheets:
            raise TrackingError(f"{name} không có trang tính nào")
        sheet = book.worksheets[0]
        with sheet._get_source() as source:
            parser = _SparseParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                   date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
            for number, cells in parser.parse():
                row = {}
                for cell in cells:
                    value = cell["value"]
                    if value is None or value == "":
                        continue
                    column = cell["column"]
                    if column > limits.max_columns:  # refuse before building a row that wide
                        raise TrackingError(
                            f"{name}, ô {get_column_letter(column)}{number}: có dữ liệu ở cột {get_column_letter(column)}, "
                            f"vượt giới hạn {limits.max_columns} cột (đến cột {get_column_letter(limits.max_columns)}) "
                            "của một tệp nhập")
                    if isinstance(value, _FormulaWithoutValue):
                        raise TrackingError(
                            f"{name}, ô {get_column_letter(column)}{number}: có công thức nhưng chưa có giá trị đã lưu "
                            "(tệp do chương trình tạo, chưa được Excel tính) — mở bằng Excel rồi lưu lại, hoặc gõ giá trị")
                    row[column - 1] = value
                yield number, None, row
    except TrackingError:
        raise
    except Exception:  # a damaged sheet part: the official gets the same plain message
        raise TrackingError(not_excel) from None
    finally:
        book.close()


# --- .csv ----------------------------------------------------------------------------------------------------

def _decode(content: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (any number of BOMs), UTF-16 (with BOM), or Windows-1258."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16").lstrip(BOM), "UTF-16"
        except UnicodeDecodeError:
            raise TrackingError(f"{name} bắt đầu như UTF-16 nhưng nội dung hỏng — hãy lưu lại dạng CSV UTF-8") from None
    head = content[:400]
    # UTF-16 saved without its byte-order mark: mostly-ASCII text has a NUL in every other byte.
    for codec, nuls in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(nuls) >= 4 and nuls.count(0) >= 0.8 * len(nuls):
            try:
                return content.decode(codec).lstrip(BOM), "UTF-16"
            except UnicodeDecodeError:
                break
    try:
        return content.decode("utf-8").lstrip(BOM), "UTF-8"  # several BOMs: a file re-saved by tools that each add one
    except UnicodeDecodeError as exc:
        bad = exc
    # Valid multi-byte UTF-8 elsewhere means a UTF-8 file with a damaged byte: reading it otherwise garbles every accent.
    lossy = content.decode("utf-8", errors="replace")
    if any(ord(ch) > 127 and ch not in ("\ufffd", BOM) for ch in lossy):
        line = content[:bad.start].count(b"\n") + 1
        raise TrackingError(f"{name}, dòng {line}: có byte không hợp lệ trong tệp UTF-8 (vị trí {bad.start}) — "
                            "tệp bị hỏng; hãy lưu lại dạng CSV UTF-8")
    try:  # Excel on a Vietnamese Windows saves "CSV" in the ANSI code page, Windows-1258
        return content.decode("cp1258"), "Windows-1258"
    except UnicodeDecodeError:
        raise TrackingError(f"{name}: không đọc được mã hóa của tệp (nhận UTF-8, UTF-16 hoặc Windows-1258) — "
                            "hãy lưu lại dạng CSV UTF-8") from None


def _csv_rows(text: str, name: str) -> Iterator[tuple[int, int, dict]]:
    """(row number as Excel shows it, text line it starts on, {column index: value}) for every record."""
    # newline="" lets csv see CR, LF and CRLF endings and keep line breaks inside quoted notes.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TrackingError(_csv_problem(str(exc), name, number + 1, line)) from None
        number += 1
        if any(_swallows_a_row(value) for value in cells):
            raise TrackingError(f"{name}, {_where(number, line)}: một ô trong ngoặc kép kéo dài sang dòng sau và chứa cả "
                                "một dòng dữ liệu — có lẽ dấu ngoặc kép (\") mở ở dòng này không được đóng đúng chỗ")
        yield number, line, {i: value for i, value in enumerate(cells) if value != ""}


def _swallows_a_row(value: str) -> bool:
    """A quoted value spanning lines, one of which has a comma per column: rows taken in by a stray quote.

    A quote closed by a later row's quote is valid CSV, so the parser cannot object; a note an official wrote over
    several lines (Alt+Enter) does not hold a line with a separator for every column.
    """
    if "\n" not in value and "\r" not in value:
        return False
    return any(part.count(",") >= len(COLUMNS) - 1 for part in value.splitlines()[1:])


def _csv_problem(error: str, name: str, number: int, line: int) -> str:
    where = f"{name}, {_where(number, line)}"
    if "unexpected end of data" in error:
        return f"{where}: dấu ngoặc kép (\") mở ở dòng này không bao giờ đóng — thêm dấu \" đóng ô hoặc bỏ dấu mở"
    if "expected after" in error:
        return f"{where}: sau dấu ngoặc kép đóng ô phải là dấu phẩy hoặc xuống dòng — kiểm tra các dấu \" trong dòng"
    if "field larger than field limit" in error:
        return f"{where}: có một ô dài quá {csv.field_size_limit()} ký tự"
    return f"{where}: dòng CSV không đọc được"
