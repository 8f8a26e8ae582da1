"""Text normalisation for the drafter: one Unicode form, markup debris removed, hard wraps joined, accents folded.

`fold` keeps every character at its place (one character in, one out), so a match found in the folded text is a
span of the original: the drafter can quote the words exactly as the document wrote them.
"""
from __future__ import annotations

import re
import unicodedata

from .numbering import parse_marker

_MARKUP = re.compile(r"\*\*|__|(?<!\w)\*(?=\w)|(?<=\w)\*(?!\w)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_STRAY_PIPE = re.compile(r"^\s*\|\s*|\s*\|\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]+")
_TERMINAL = (".", ":", ";", "!", "?")


# '2', '- 2 -', 'Trang 2', 'Trang 2/4', '2/4': a page number on a line of its own (at the top or the bottom of a PDF's
# page, or between two parts of a table the page breaks).
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang\s+)?\d{1,3}(?:\s*(?:/|của|trên)\s*\d{1,3})?(?:\s*[-–—])?\s*$",
                         re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without diacritics, same length as `text` ('Đề nghị' → 'de nghi')."""
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        out.append(base if len(base) == 1 else char.lower()[:1] or " ")
    return "".join(out)


def clean_line(line: str) -> str:
    """One line as a reader would see it: NFC, no markdown emphasis or heading marks, no stray table bars."""
    line = unicodedata.normalize("NFC", line).replace("\u00ad", "")
    line = _MD_HEADING.sub("", line)
    line = _MARKUP.sub("", line)
    line = _STRAY_PIPE.sub("", line)
    line = line.replace(" | ", " ")
    if not any(c.isalnum() for c in line):  # '-------', '|', '* * *': rules and cell bars of a web copy
        return ""
    return _SPACES.sub(" ", line).strip()


def _heading_like(line: str) -> bool:
    """A line that ends a paragraph on its own: all capitals, or a short numbered heading ('4. Sở Tài chính')."""
    letters = [c for c in line if c.isalpha()]
    words = [w for w in line.split() if any(c.isalpha() for c in w)]
    if len(words) >= 2 and all(c.isupper() for c in letters):  # 'KẾ HOẠCH', not the wrapped 'III/2026.'
        return True
    marker = parse_marker(line)
    return marker is not None and marker.kind != "bullet" and len(marker.rest.split()) <= 12


def join_hard_wraps(lines: list[str]) -> list[str]:
    """Paragraphs from lines broken at a page width (web copies, PDF text): a blank line always ends a paragraph;
    a line is glued to the one before when that one does not end a sentence and this one starts no new item."""
    paragraphs: list[str] = []
    previous_blank = True
    cleaned = [clean_line(raw) for raw in lines]
    lengths = sorted(len(x) for x in cleaned if x)
    # A line wrapped at a page width is about as long as the longest lines; a short one ends its paragraph.
    wrapped = 0.6 * lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    last = ""
    for line in cleaned:
        if not line:
            previous_blank = True
            continue
        if paragraphs and _BARE_MARK.match(last):  # '3.' on its own line, 'Phòng Văn hóa - Xã hội:' on the next
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        elif _BARE_MARK.match(line):
            paragraphs.append(line)
        elif paragraphs and not previous_blank and _continues(last, line, wrapped):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_blank = False
        last = line
    return paragraphs


# A numbering mark alone on a line: web pages put a list's number in a cell or span of its own, so a copy of the page
# has it on the line before its text.
_BARE_MARK = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.|[IVX]{1,5}\s*[./]|[a-zđ]\s*[).]|[-–+•])$")


# Words a sentence or a heading cannot end on: a line ending on one was broken by the page, not by the author.
_OPEN_ENDED = frozenset(("cua", "va", "voi", "cac", "so", "ngay", "tai", "cho", "ve", "theo", "tren", "de", "la",
                         "nhung", "duoc", "tu", "den", "thang", "quy", "truoc", "trong", "hoac", "thuoc", "giua", "bang"))
# Lines that always open a paragraph of the preamble, whatever the line before ends with.
_OPENS = re.compile(r"^(?:can cu|xet de nghi|theo de nghi|thuc hien\s+(?:chi thi|ke hoach|nghi quyet|quyet dinh"
                    r"|cong van|thong bao|luat|chuong trinh))")
_MOTTO = re.compile(r"^(?:doc lap\b|cong hoa xa hoi)")
_OWN_LINE = re.compile(r"^(?:so\s*:\s*\S|doc lap\b|cong hoa xa hoi|[^,]{2,40},\s*ngay\s+\d{1,2}\s+thang\s+\d{1,2})")


def _continues(before: str, line: str, wrapped: float) -> bool:
    if parse_marker(line) is not None or _OWN_LINE.match(fold(line)) or _OPENS.match(fold(line)):
        return False
    if line[0].islower() and not _MOTTO.match(fold(before)):
        # a new paragraph, heading or item never starts in lower case: this is a wrapped line, even of 'Số: 07/KH-UBND
        # Sóc Trăng, ngày 15 tháng 01' / 'năm 2013', the two header columns a PDF gives on one line
        return True
    if _OWN_LINE.match(fold(before)):
        return False  # 'Số: …', the motto, 'Hà Nội, ngày …' each stand on their own line
    if line[0] in "(,;/–-":
        return True
    if line[0].isdigit():  # '2010;', '24/2014/NĐ-CP ngày …', '11 tháng 10 năm 2024' broken off their line
        return not before.endswith(_TERMINAL) or before.endswith(":") and len(before.split()) <= 2
    if before.endswith(_TERMINAL) or _heading_like(before):
        return False
    if fold(before.split()[-1]) in _OPEN_ENDED:  # '… của Thủ tướng' / 'Chính phủ …': no line ends on 'của'
        return True
    return len(before) >= wrapped and not _heading_like(line)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")
_ABBREVIATION_BEFORE = re.compile(r"(?:\b[A-ZĐ]|\bTP|\bTX|\bTT|\bNĐ|\bQĐ|\bnr|\bsố|\bv\.v)\.$")


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph, each verbatim; a full stop inside a document number or abbreviation is no end."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.start()]
        if _ABBREVIATION_BEFORE.search(head):
            continue
        parts.append(head.strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def sentence_case(heading: str) -> str:
    """'PHÂN CÔNG NHIỆM VỤ' → 'Phân công nhiệm vụ'; a heading in ordinary case is kept."""
    letters = [c for c in heading if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        lowered = heading.lower()
        return lowered[:1].upper() + lowered[1:]
    return heading
