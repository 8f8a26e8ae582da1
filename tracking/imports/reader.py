"""Read an import file (.xlsx, or .csv in UTF-8 with or without BOM) into numbered rows of text."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from tracking.errors import TrackingError
from tracking.imports.columns import COLUMNS, INFO_SUFFIX, PROGRESS_COLUMNS


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the official sees it: the header is row 1
    values: dict[str, object]


def read_rows(content: bytes, filename: str) -> list[SheetRow]:
    """Rows with some progress filled in; refuses a file whose header lacks or misspells a column."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_rows(content)
    elif suffix == ".csv":
        table = _csv_rows(content)
    else:
        raise TrackingError(f"Tệp '{filename}': chỉ nhận .xlsx hoặc .csv")
    if not table:
        raise TrackingError(f"Tệp '{filename}' trống")
    header = [str(h or "").strip() for h in table[0]]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS and not h.endswith(INFO_SUFFIX)]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("thiếu cột " + ", ".join(missing))
        if unknown:
            parts.append("cột lạ " + ", ".join(unknown))
        raise TrackingError(f"Tệp '{filename}', dòng 1 (tiêu đề): {'; '.join(parts)}. Cột đúng: {', '.join(COLUMNS)}")
    index = {c: header.index(c) for c in COLUMNS}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {c: _cell(cells[i]) if i < len(cells) else None for c, i in index.items()}
        if any(values[c] not in (None, "") for c in PROGRESS_COLUMNS):
            rows.append(SheetRow(number, values))
    return rows


def _cell(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _xlsx_rows(content: bytes) -> list[tuple]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
        raise TrackingError(f"Không đọc được tệp Excel: {type(exc).__name__}") from None
    sheet = book.worksheets[0]
    rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _csv_rows(content: bytes) -> list[tuple]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrackingError("Tệp CSV phải mã hóa UTF-8 (có hoặc không có BOM)") from None
    return [tuple(row) for row in csv.reader(io.StringIO(text))]
