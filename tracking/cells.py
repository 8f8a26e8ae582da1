"""Cells a spreadsheet must read as text: one rule for every CSV and workbook the app or the CLI writes.

Excel, LibreOffice and Google Sheets treat a cell starting with =, +, -, @ (and, after a tab or carriage return,
whatever follows) as a formula: a note typed as `=HYPERLINK(…)` or `@SUM(…)` would run on the reader's machine
(CSV injection). Such text is written with a leading apostrophe, which spreadsheets show as text.
"""
from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """`value` unchanged, unless it is text a spreadsheet would run: then the same text, kept as text."""
    return "'" + value if looks_like_formula(value) else value
