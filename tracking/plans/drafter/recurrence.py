"""The reporting clause: 'định kỳ hàng quý / 6 tháng / hằng năm / hằng tháng' → recurrence {every: …}.

The period is what the text says; the periods to track and the due day are written only when the text gives them
('trước ngày 15 của tháng cuối quý'), otherwise the reviewer is asked (the plan file needs them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

_EVERY = (
    (r"(?:dinh ky\s+)?(?:hang|hằng)\s+quy|dinh ky\s+(?:theo\s+)?quy|moi quy|bao cao quy", "quarter"),
    (r"(?:dinh ky\s+)?(?:hang|hằng)\s+thang|dinh ky\s+(?:theo\s+)?thang|moi thang|bao cao thang", "month"),
    (r"dinh ky\s+(?:06|6|sau)\s+thang|(?:06|6|sau)\s+thang\s+mot\s+lan|bao cao\s+(?:so ket\s+)?(?:06|6)\s+thang"
     r"|ket qua(?:\s+thuc hien)?\s+(?:06|6)\s+thang|(?<![\w/])(?:06|6)\s+thang\s*\(", "half"),
    (r"(?:dinh ky\s+)?(?:hang|hằng)\s+nam|dinh ky\s+(?:theo\s+)?nam|moi nam|bao cao nam|(?:va|,)\s+nam\s*\(|(?<=thang va )nam\b|(?<=quy va )nam\b",
     "year"),
)
_PATTERNS = tuple((re.compile(p), every) for p, every in _EVERY)
_DUE = re.compile(r"(?:truoc|cham nhat)(?:\s+la)?\s+ngay\s+\d{1,2}\s+(?:cua\s+)?(?:thang\s+)?(?:cuoi|dau|cua)\s+"
                  r"(?:thang|quy|ky|nam)|(?:truoc|cham nhat)(?:\s+la)?\s+ngay\s+\d{1,2}\s+hang\s+thang"
                  r"|(?:truoc|cham nhat)(?:\s+la)?\s+ngay\s+\d{1,2}\s*(?:/|\s+thang\s+)\s*\d{1,2}\s+hang\s+nam")
_REPORT = re.compile(r"bao cao")


@dataclass(frozen=True)
class Reporting:
    every: str
    as_written: str
    due_as_written: str | None
    start: int
    others: tuple[str, ...] = ()  # further periods the same sentence names ('định kỳ 6 tháng, hằng năm')


def find_reporting(text: str) -> Reporting | None:
    """The period of a reporting duty in the sentence, if the sentence is about reporting."""
    folded = fold(text)
    if not _REPORT.search(folded):
        return None
    hits = [(m.start(), m.end(), every) for pattern, every in _PATTERNS for m in pattern.finditer(folded)]
    if not hits:
        return None
    start, end, every = min(hits)
    due = _DUE.search(folded)
    others = tuple(dict.fromkeys(text[s:e] for s, e, other in sorted(hits) if other != every))
    return Reporting(every, text[start:end], text[due.start():due.end()].strip() if due else None, start, others)
