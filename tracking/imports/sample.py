"""Deterministic import files of any size, for the benchmark and the tests."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pandas as pd
from openpyxl import Workbook
from sqlalchemy import Engine

from tracking.imports.columns import COLUMNS
from tracking.views.snapshot import snapshot


def sample_rows(engine: Engine, count: int, start: date = date(2010, 9, 1)) -> list[dict]:
    """`count` valid, distinct rows cycling through every milestone, one day later on each pass."""
    milestones = snapshot(engine, start)[["unit_code", "requirement_code", "period"]].to_dict("records")
    rows = []
    for i in range(count):
        ms = milestones[i % len(milestones)]
        day = start + timedelta(days=i // len(milestones))
        rows.append({
            "unit_code": ms["unit_code"], "requirement_code": ms["requirement_code"], "period": "" if pd.isna(ms["period"]) else ms["period"],
            "state": "in_progress", "date": day, "percent": (i * 7) % 100, "evidence": f"Công văn số {i + 1}/TTr",
            "note": "Đang triển khai",
        })
    return rows


def xlsx_bytes(rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(c) for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[dict], bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows({c: row.get(c, "") for c in COLUMNS} for row in rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
