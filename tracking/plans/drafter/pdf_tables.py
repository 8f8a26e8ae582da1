"""Task tables of a PDF, read from where the page draws them: the ruling lines give the cells (pdfplumber), so each
row comes back as the cells a .docx gives — a group row merged across the table, a cell merged down over rows, a
cell's wrapped lines — and a table broken by the page is put back together (a row split by the page is one row, a
header row the next page repeats is dropped). A table drawn without ruling lines gives no cells here: its columns
stand by alignment only, which cannot be told reliably from wrapped text, so it stays for the reader's review note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .columns import columns, header_row
from .text import PAGE_NUMBER, clean_line, fold

_EDGE = 2.0  # points: how far apart two drawings of the same column edge may be


@dataclass
class Fragment:
    """The part of a table on one page: its box (top-down coordinates) and its rows of cell texts."""
    page: int
    box: tuple[float, float, float, float]
    edges: tuple[float, ...]          # the columns' left edges
    rows: list[list[str | None]]      # None: the cell above reaches down over this one
    table: int = -1                   # the whole table it belongs to (index into PdfTables.tables)
    first: bool = False               # the table's first part: where the table stands in the text


@dataclass
class PdfTables:
    fragments: list[Fragment] = field(default_factory=list)
    tables: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)


def read_tables(path: Path) -> PdfTables:
    """The task tables (header row naming a task column and a lead or time column) and the page parts they span."""
    import pdfplumber  # cells from the ruling lines; pdfminer.six underneath

    pages: list[list[Fragment]] = []
    outside: list[list[tuple[float, str]]] = []  # per page: the text lines outside any table, by their top
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages):
            found = page.find_tables()
            pages.append([_fragment(number, table) for table in found])
            outside.append(_lines_outside(page, [t.bbox for t in found]))
    result = PdfTables()
    current: list[Fragment] | None = None
    for number, fragments in enumerate(pages):
        for k, fragment in enumerate(fragments):
            if current and k == 0 and _continues(current[-1], fragment, outside):
                current.append(fragment)
                continue
            if current:
                _close(current, result)
            text_rows = tuple(tuple(c or "" for c in row) for row in fragment.rows)
            current = [fragment] if header_row(text_rows) is not None else None
        if current and current[-1].page != number:
            _close(current, result)
            current = None
    if current:
        _close(current, result)
    return result


def _fragment(number: int, table) -> Fragment:
    cells = [row.cells for row in table.rows]
    texts = table.extract()
    rows: list[list[str | None]] = []
    for r, (boxes, values) in enumerate(zip(cells, texts)):
        row_top = min(b[1] for b in boxes if b)
        row: list[str | None] = []
        for c, (box, value) in enumerate(zip(boxes, values)):
            if box is not None:
                row.append(" ".join(clean_line(x) for x in (value or "").splitlines() if clean_line(x)))
                continue
            above = next((cells[i][c] for i in range(r - 1, -1, -1) if c < len(cells[i]) and cells[i][c]), None)
            row.append(None if above and above[3] > row_top + _EDGE else "")  # merged down, else merged across
        rows.append(row)
    widest = max(cells, key=lambda boxes: sum(1 for b in boxes if b))
    edges = tuple(b[0] if b else -1.0 for b in widest)
    return Fragment(number, tuple(table.bbox), edges, rows)


def _lines_outside(page, boxes) -> list[tuple[float, str]]:
    def inside(word) -> bool:
        return any(x0 - 1 <= word["x0"] and word["x1"] <= x1 + 1 and top - 1 <= word["top"] and word["bottom"] <= bottom + 1
                   for x0, top, x1, bottom in boxes)
    lines: dict[int, list[str]] = {}
    for word in page.extract_words():
        if not inside(word):
            lines.setdefault(round(word["top"]), []).append(word["text"])
    return sorted((top, " ".join(words)) for top, words in lines.items())


def _continues(previous: Fragment, fragment: Fragment, outside) -> bool:
    """The next page's first table goes on with the last one of the page before: same columns, nothing but a page
    number between them."""
    if fragment.page != previous.page + 1 or len(fragment.edges) != len(previous.edges):
        return False
    if any(abs(a - b) > _EDGE for a, b in zip(fragment.edges, previous.edges) if a >= 0 and b >= 0):
        return False
    between = [text for top, text in outside[previous.page] if top > previous.box[3]]
    between += [text for top, text in outside[fragment.page] if top < fragment.box[1]]
    return all(PAGE_NUMBER.match(text) for text in between)


def _close(parts: list[Fragment], result: PdfTables) -> None:
    rows: list[list[str | None]] = [list(row) for row in parts[0].rows]
    head = header_row(tuple(tuple(c or "" for c in row) for row in rows))
    header = [fold(c or "") for c in rows[head]]
    number_at = columns(tuple(c or "" for c in rows[head])).get("number")
    for part in parts[1:]:
        more = [list(row) for row in part.rows]
        if more and [fold(c or "") for c in more[0]] == header:
            more = more[1:]  # the header row Word repeats on each page
        if more and rows and _split_row(more[0], number_at):
            last = rows[-1]
            rows[-1] = [_joined(a, b) for a, b in zip(last, more[0])]
            more = more[1:]
        rows += more
    # a cell merged down reads in each row it covers, as python-docx gives it from a .docx
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                row[c] = rows[r - 1][c] if r else ""
    index = len(result.tables)
    result.tables.append(tuple(tuple(row) for row in rows))
    for k, part in enumerate(parts):
        part.table, part.first = index, k == 0
        result.fragments.append(part)


def _split_row(row: list[str | None], number_at: int | None) -> bool:
    """The first row of a page part is the rest of the row the page broke: its number cell is empty, while the row
    is not a group row (one text across the table)."""
    return number_at is not None and number_at < len(row) and not (row[number_at] or "").strip() and any(row)


def _joined(before: str | None, after: str | None) -> str | None:
    """A cell's text from both sides of the page break (None stays None: the cell above reaches over both)."""
    if before is None or after is None:
        return before if after is None else (after or None)
    return " ".join(x for x in (before, after) if x)
