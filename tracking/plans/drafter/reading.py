"""Reading a plan document into blocks: paragraphs (text) and tables (rows of cell texts), in document order.

.docx through python-docx (paragraphs and tables in body order); .pdf through pypdf's text layer (a scan without
one is refused with a clear message, never read as empty); .txt/.md as text copied from a legal-documents site:
hard line breaks, stray `|`, `**` and markdown tables are all expected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tracking.errors import TrackingError

from .docx_numbering import Numbering
from .text import clean_line, join_hard_wraps

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


@dataclass(frozen=True)
class Block:
    text: str = ""                                        # a paragraph
    rows: tuple[tuple[str, ...], ...] = field(default=())  # a table: each row its cell texts

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def read_document(path: Path) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise TrackingError(f"tệp {path.name}: chỉ đọc được .docx, .pdf (có lớp chữ), .txt, .md")
    if not path.exists():
        raise TrackingError(f"không tìm thấy tệp {path}")
    if suffix == ".docx":
        return _docx(path)
    if suffix == ".pdf":
        return _text_blocks(_pdf_text(path).splitlines())
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrackingError(f"tệp {path.name}: không phải văn bản UTF-8 — hãy lưu lại tệp với bảng mã UTF-8") from None
    return _text_blocks(text.splitlines())


def _docx(path: Path) -> list[Block]:
    import docx  # python-docx: reads paragraphs and tables of the body in order
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError):
        raise TrackingError(f"tệp {path.name}: không đọc được tệp Word (.docx) — tệp hỏng hoặc không phải .docx") from None
    numbering = Numbering(document)
    blocks: list[Block] = []
    lines: list[str] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            blocks += _text_blocks(lines)
            lines = []
            rows = []
            for row in item.rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    # a cell's paragraphs stay lines: a header cell holds 'ỦY BAN NHÂN DÂN' / 'Số: 47/KH-UBND'
                    text = "\n".join(clean_line(p.text) for p in cell.paragraphs if clean_line(p.text))
                    same = cell._tc is previous  # a merged cell comes back once per grid column it spans
                    previous = cell._tc
                    cells.append("" if same else text)
                rows.append(tuple(cells))
            blocks.append(Block(rows=tuple(rows)))
        else:
            # A Word paragraph is a paragraph: its soft line breaks are wraps, not new items.
            # Word's own list numbering is drawn, not stored: put the label back so clauses can be numbered.
            label = numbering.label(item)
            text = item.text.replace("\n", " ").replace("\v", " ")
            lines += [f"{label} {text}" if label and text.strip() else text, ""]
    return blocks + _text_blocks(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # pure Python, reads the text layer with its Unicode maps
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, OSError, ValueError):
        raise TrackingError(f"tệp {path.name}: không đọc được tệp PDF — tệp hỏng hoặc được bảo vệ") from None
    if len(re.sub(r"\s", "", text)) < 20:
        raise TrackingError(f"tệp {path.name}: PDF không có lớp chữ (bản quét ảnh) — cần bản Word hoặc PDF có chữ")
    return text


_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _text_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs, with a run of markdown table lines (two or more, one of them a |---| rule) read as a table."""
    blocks: list[Block] = []
    pending: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (_TABLE_LINE.match(lines[j]) or _SEPARATOR.match(lines[j])):
            j += 1
        run = lines[i:j]
        if len(run) >= 2 and any(_SEPARATOR.match(x) for x in run):
            blocks += [Block(text=p) for p in join_hard_wraps(pending)]
            pending = []
            rows = [tuple(clean_line(c) for c in x.strip().strip("|").split("|")) for x in run if not _SEPARATOR.match(x)]
            blocks.append(Block(rows=tuple(rows)))
            i = j
            continue
        pending.append(lines[i])
        i += 1
    return blocks + [Block(text=p) for p in join_hard_wraps(pending)]
