"""The columns of an import file."""
from __future__ import annotations

import unicodedata

COLUMNS = ("unit_code", "requirement_code", "period", "state", "date", "percent", "evidence", "note")
# What the template's header row says (an official reads these); files with the code names still import.
HEADERS_VI = {"unit_code": "Mã đơn vị", "requirement_code": "Mã yêu cầu", "period": "Kỳ báo cáo",
              "state": "Trạng thái", "date": "Ngày sự việc", "percent": "Tỷ lệ hoàn thành (%)",
              "evidence": "Căn cứ", "note": "Ghi chú"}
_BY_HEADER = {unicodedata.normalize("NFC", label).casefold(): code for code, label in HEADERS_VI.items()}
INFO_SUFFIX = "(tham khảo)"  # template columns that help the reader and are ignored on import
# A template row where none of these is filled was left untouched: it is skipped, not refused.
PROGRESS_COLUMNS = ("state", "date", "percent", "evidence", "note")


def column_of(header: str) -> str:
    """The column a header names: its code ('unit_code') or the template's Vietnamese header ('Mã đơn vị', any case
    and Unicode form); anything else is returned as it is (and refused as an unknown column)."""
    return _BY_HEADER.get(unicodedata.normalize("NFC", header).strip().casefold(), header)
