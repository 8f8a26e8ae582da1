"""Read an import file (.xlsx, or .csv) into numbered rows of text: every physical row is read or the file refused.

Nothing is dropped or merged quietly: a row either carries progress (imported), carries only codes (counted as
untouched, as in a template left blank) or the file is refused with the row and column. Limits on size, rows and
columns are enforced while reading (see tracking.imports.limits).
"""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

from openpyxl.utils import get_column_letter

from tracking.errors import InvalidInput, TrackingError
from tracking.imports.columns import COLUMNS, HEADERS_VI, INFO_SUFFIX, PROGRESS_COLUMNS, column_of
from tracking.imports.encoding import decode
from tracking.imports.limits import Clock, ImportLimits
from tracking.imports.xlsx_sheet import xlsx_rows
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
    notes: list[str] = field(default_factory=list)  # what the person should know about how it was read


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
    encoding, notes, clock = None, [], Clock(name, limits.max_seconds)
    if suffix == ".xlsx":
        table = xlsx_rows(content, name, limits, clock, notes)
    elif suffix == ".csv":
        text, encoding, notes = decode(content, name)
        table = _csv_rows(text, name)
    else:
        raise TrackingError(f"{name}: chỉ nhận .xlsx hoặc .csv")
    read = _account(_limited(table, name, limits, clock), name, encoding)
    read.notes.extend(notes)
    return read


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
            header.append(column_of(canonical_header(entered(str(cells.get(i, "")), get_column_letter(i + 1)))))
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


def canonical_header(text: str) -> str:
    """A column's name as the file spells it, read in any case and with or without Vietnamese diacritics:
    "UNIT_CODE", "Unit_Code" → unit_code; "Tên đơn vị (THAM KHẢO)" keeps its reference suffix."""
    text = text.strip().lstrip(BOM).strip()
    folded = _fold(text)
    if folded.endswith(_fold(INFO_SUFFIX)):  # a reference column: ignored on import, whatever its spelling
        return folded[:-len(INFO_SUFFIX)] + INFO_SUFFIX
    return folded if folded in COLUMNS else text


def _fold(text: str) -> str:
    """Lower case without diacritics (đ → d): how two spellings of one header compare."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def _limited(table, name: str, limits: ImportLimits, clock: Clock):
    """Skip blank rows; stop reading (and refuse) past the row limit, at a value beyond the column limit, or
    when the clock runs out."""
    data_rows = -1  # the first non-blank row is the header
    for seen, (number, line, cells) in enumerate(table, start=1):
        if seen % 1000 == 0:
            clock.check()
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


# --- .csv ----------------------------------------------------------------------------------------------------

def _csv_rows(text: str, name: str) -> Iterator[tuple[int, int, dict]]:
    """(row number as Excel shows it, text line it starts on, {column index: value}) for every record."""
    # newline="" lets csv see CR, LF and CRLF endings and keep line breaks inside quoted notes.
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
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
        if any(_swallows_a_row(value, delimiter) for value in cells):
            raise TrackingError(f"{name}, {_where(number, line)}: một ô trong ngoặc kép kéo dài sang dòng sau và chứa cả "
                                "một dòng dữ liệu — có lẽ dấu ngoặc kép (\") mở ở dòng này không được đóng đúng chỗ")
        yield number, line, {i: value for i, value in enumerate(cells) if value != ""}


DELIMITERS = (",", ";", "\t")  # Excel with Vietnamese regional settings saves "CSV" with ";"


def sniff_delimiter(text: str) -> str:
    """The separator under which the header names the most known columns (ties: the comma).

    Only the first record decides: a note with commas or semicolons further down cannot change how the file splits."""
    line = text[:65536].split("\n", 1)[0].rstrip("\r")  # a header cell never spans lines

    def known(delimiter: str) -> int:
        cells = next(csv.reader(io.StringIO(line, newline=""), delimiter=delimiter), [])
        return sum(column_of(canonical_header(c)) in COLUMNS for c in cells)  # Vietnamese headers count too

    return max(DELIMITERS, key=lambda d: (known(d), d == ","))


def _swallows_a_row(value: str, delimiter: str = ",") -> bool:
    """A quoted value spanning lines, one of which has a comma per column: rows taken in by a stray quote.

    A quote closed by a later row's quote is valid CSV, so the parser cannot object; a note an official wrote over
    several lines (Alt+Enter) does not hold a line with a separator for every column.
    """
    if "\n" not in value and "\r" not in value:
        return False
    return any(part.count(delimiter) >= len(COLUMNS) - 1 for part in value.splitlines()[1:])


def _csv_problem(error: str, name: str, number: int, line: int) -> str:
    where = f"{name}, {_where(number, line)}"
    if "unexpected end of data" in error:
        return f"{where}: dấu ngoặc kép (\") mở ở dòng này không bao giờ đóng — thêm dấu \" đóng ô hoặc bỏ dấu mở"
    if "expected after" in error:
        return f"{where}: sau dấu ngoặc kép đóng ô phải là dấu phẩy hoặc xuống dòng — kiểm tra các dấu \" trong dòng"
    if "field larger than field limit" in error:
        return f"{where}: có một ô dài quá {csv.field_size_limit()} ký tự"
    return f"{where}: dòng CSV không đọc được"
