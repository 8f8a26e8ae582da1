"""Reading a plan document into blocks: paragraphs (text) and tables (rows of cell texts), in document order.

.docx through python-docx (paragraphs and tables in body order); .pdf through pypdf's text layer (a scan without
one is refused with a clear message, never read as empty), without what the page adds to the text — the page number
and a running header or footer — so that a paragraph broken by the page reads on (a task table, whose columns the
text layer loses, is reported, not read); .txt/.md as text copied from a legal-documents site: hard line breaks,
stray `|`, `**` and markdown tables are all expected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tracking.errors import TrackingError

from .docx_numbering import Numbering
from .text import PAGE_NUMBER, clean_line, fold, join_hard_wraps

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


@dataclass(frozen=True)
class Block:
    text: str = ""                                        # a paragraph
    rows: tuple[tuple[str, ...], ...] = field(default=())  # a table: each row its cell texts
    note: str = ""                                        # what the reader could not read (no text, no rows then)

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
        lines = _pdf_text(path).splitlines()
        if _table_head(lines) is None:
            return _text_blocks(lines)
        return _pdf_with_tables(path) or _without_unread_table(lines)
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


def _pdf_text(path: Path, tables=None) -> str:
    from pypdf import PdfReader  # pure Python, reads the text layer with its Unicode maps
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [_page_text(page, number, tables).splitlines() for number, page in enumerate(reader.pages)]
    except (PdfReadError, OSError, ValueError):
        raise TrackingError(f"tệp {path.name}: không đọc được tệp PDF — tệp hỏng hoặc được bảo vệ") from None
    text = "\n".join(line for page in _without_page_furniture(pages) for line in page)
    if len(re.sub(r"\s", "", text)) < 20:
        raise TrackingError(f"tệp {path.name}: PDF không có lớp chữ (bản quét ảnh) — cần bản Word hoặc PDF có chữ")
    return text


_TABLE_MARK = "\x00table "  # a line standing where a table read by its page positions was


def _page_text(page, number: int, tables) -> str:
    """The page's text layer; where a task table read from the page stands, a mark line instead of its cells' text
    (the text pypdf gives piece by piece, each piece placed by its text matrix, is the text it gives whole)."""
    parts = [f for f in tables.fragments if f.page == number] if tables else []
    if not parts:
        return page.extract_text() or ""
    height = float(page.mediabox.top)
    pieces: list[str] = []
    state = {"in": None}

    def visit(text, cm, tm, font, size) -> None:
        if any(tm[4:]) or any(cm[4:]):  # a piece with a place (line breaks come without one)
            x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            top = height - y
            state["in"] = next((f for f in parts if f.box[0] - 1 <= x <= f.box[2] + 1
                                and f.box[1] - 1 <= top <= f.box[3] + 1), None)
        fragment = state["in"]
        if fragment is None:
            pieces.append(text)
        elif fragment.first and not getattr(fragment, "_marked", False):
            fragment._marked = True
            pieces.append(f"\n{_TABLE_MARK}{fragment.table}\n")

    page.extract_text(visitor_text=visit)
    for fragment in parts:
        fragment._marked = False
    return "".join(pieces)


def _pdf_with_tables(path: Path) -> list[Block]:
    """The blocks of a PDF whose task tables are read by their page positions (pdf_tables.py): paragraphs as the
    text layer gives them, each table as rows of cells where it stands. Empty when no task table was found there."""
    from .pdf_tables import read_tables

    try:
        tables = read_tables(path)
    except Exception:  # noqa: BLE001 — pdfminer's parser has many errors of its own; pypdf read this file already
        return []  # the table is then left out and the review says so (_without_unread_table), never half-read
    if not tables.tables:
        return []
    blocks: list[Block] = []
    segment: list[str] = []
    for line in _pdf_text(path, tables).splitlines():
        if not line.startswith(_TABLE_MARK):
            segment.append(line)
            continue
        blocks += _text_blocks(segment)
        segment = []
        blocks.append(Block(rows=tables.tables[int(line[len(_TABLE_MARK):])]))
    lines = [line for block in blocks if not block.is_table for line in block.text.splitlines()] + segment
    return blocks + _text_blocks(segment) + _pdf_table_note(lines)


def _without_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """The lines of each page without its page number and without a running header or footer: a first or last line
    that every page from the second on repeats (its digits aside), such as 'Kế hoạch số 07/KH-UBND — trang 3'. The
    first page keeps its first line: it is the document's own header, which a plan and its annex may repeat."""
    pages = [_trim(page) for page in pages]
    for end in (0, -1):
        for page in pages:
            while page and PAGE_NUMBER.match(page[end]):
                page.pop(end)
                page[:] = _trim(page)
        rest = [page for page in pages[1:] if page]
        shapes = {re.sub(r"\d+", "#", page[end]).strip() for page in rest}
        if len(rest) >= 2 and len(shapes) == 1 and not next(iter(shapes)).startswith(_TABLE_MARK):
            shape = shapes.pop()
            for page in pages[1:] if end == 0 else pages:
                if page and re.sub(r"\d+", "#", page[end]).strip() == shape:
                    page.pop(end)
                    page[:] = _trim(page)
                    while page and PAGE_NUMBER.match(page[end]):
                        page.pop(end)
                        page[:] = _trim(page)
    return pages


def _trim(lines: list[str]) -> list[str]:
    """Without blank lines at either end (blank lines inside still end paragraphs)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    return lines[first:last + 1]


def _table_head(lines: list[str]) -> int | None:
    """Where a task table's header ('STT | Nội dung | Cơ quan chủ trì | Thời gian …') stands in a PDF's text layer,
    which has lost its columns: each cell comes out as lines of its own, and no row can be told from the next."""
    for i, line in enumerate(lines):
        if not re.match(r"^\s*(?:stt|tt)\b", fold(line)):
            continue
        head = fold(" ".join(lines[i:i + 14]))
        if re.search(r"noi dung|nhiem vu|cong viec", head) and re.search(r"chu tri|thuc hien", head) \
                and re.search(r"thoi gian|thoi han|tien do|phoi hop", head):
            return i
    return None


def _pdf_table_note(lines: list[str]) -> list[Block]:
    if _table_head(lines) is None:
        return []
    return [Block(note="Văn bản PDF có bảng nhiệm vụ (dòng tiêu đề 'STT … chủ trì …'): lớp chữ của PDF không giữ "
                       "các cột của bảng nên các việc lấy từ bảng có thể sai hoặc thiếu — dùng bản Word (.docx) "
                       "hoặc kiểm tra từng dòng của bảng")]


def _without_unread_table(lines: list[str]) -> list[Block]:
    """A task table drawn without ruling lines (or whose ruled cells could not be read): its columns stand by alignment only, and its cells' wrapped lines
    cannot be told from its rows (pdfplumber's text alignment split words and rows on the PCI annex). Its text is
    left out — from its header to 'Nơi nhận' or the end, where an annex table ends — rather than read as junk tasks."""
    start = _table_head(lines)
    end = next((k for k in range(start + 1, len(lines)) if fold(lines[k]).strip().startswith("noi nhan")), len(lines))
    note = ("Văn bản PDF có bảng nhiệm vụ (dòng tiêu đề 'STT … chủ trì …') không kẻ đường ô, hoặc có đường ô mà "
            "không đọc được: không phân biệt được "
            "các cột và các dòng của bảng nên các việc trong bảng chưa được lập (bỏ qua từ dòng tiêu đề của bảng "
            + ("đến 'Nơi nhận'" if end < len(lines) else "đến hết văn bản")
            + ") — dùng bản Word (.docx) hoặc nhập từng dòng của bảng")
    return _text_blocks(lines[:start] + [""] + lines[end:]) + [Block(note=note)]


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
