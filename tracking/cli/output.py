"""Printing rows as a table, CSV or JSON."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime

import pandas as pd

from tracking.cells import safe_cell


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or pd.isna(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def print_rows(rows: list[dict], columns: list[str], fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump([{c: _jsonable(r.get(c)) for c in columns} for r in rows], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if _jsonable(r.get(c)) is None else safe_cell(_jsonable(r.get(c))) for c in columns])
    else:
        cells = [[_text(r.get(c)) for c in columns] for r in rows]
        widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        for row in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


def _text(value) -> str:
    value = _jsonable(value)
    if value is None:
        return "-"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
