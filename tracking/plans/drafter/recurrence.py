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
# 'Hằng năm, trước ngày 15/12, báo cáo …': a day and month without a year, in a yearly or twice-yearly report, is
# the due day of every period (with a year it is one deadline, kept as such).
_NO_YEAR = r"(?![\d/-]|\.\d|\s+nam\s+\d)"
_DUE_EACH_YEAR = re.compile(rf"(?:truoc|cham nhat)(?:\s+la)?\s+ngay\s+\d{{1,2}}\s*(?:/|\s+thang\s+)\s*\d{{1,2}}{_NO_YEAR}"
                            rf"(?:\s*(?:va|,)\s+(?:ngay\s+)?\d{{1,2}}\s*/\s*\d{{1,2}}{_NO_YEAR})?")
# 'định kỳ hằng tháng, trước ngày 20, …': a day alone in a monthly report is its due day in every month
_DUE_EACH_MONTH = re.compile(r"(?:truoc|cham nhat)(?:\s+la)?\s+ngay\s+\d{1,2}(?![\d/.\-]|\s*thang|\s+nam)")
_REPORT = re.compile(r"bao cao")


@dataclass(frozen=True)
class Reporting:
    every: str
    as_written: str
    due_as_written: str | None
    start: int
    others: tuple[str, ...] = ()  # further periods the same sentence names ('định kỳ 6 tháng, hằng năm')


def period_of(text: str) -> str | None:
    """The period a time phrase repeats on ('Hằng năm', 'Định kỳ hằng quý'), report or not, or None."""
    folded = fold(text)
    hits = [(m.start(), every) for pattern, every in _PATTERNS for m in pattern.finditer(folded)]
    return min(hits)[1] if hits else None


# A period standing as the time of a task ('Hằng năm, Sở … tổ chức …', '…, phát sóng định kỳ hằng tuần.'): opening a
# sentence or a clause, or 'định kỳ …' closing one — not 'kế hoạch hằng năm của đơn vị', which names a kind of plan.
_PERIOD = r"(?:dinh ky\s+)?(?:hang|moi)\s+(?:nam|quy|thang|tuan|ngay)|dinh ky\s+(?:06|6|sau)\s+thang"
# ('ngân sách hằng năm.' names a kind of budget: at the end of a clause only 'định kỳ …' is surely a time)
# 'hoàn thành trước ngày 31/12 hằng năm': the day of every period, which names no one deadline either
_RECURRING_TIME = re.compile(rf"(?:^|(?<=[;,:(])|(?<=[;,:(]\s))({_PERIOD})(?=\s*,)"
                             rf"|(dinh ky\s+(?:hang|moi)\s+(?:nam|quy|thang|tuan|ngay))(?=\s*(?:[;.)]|$))"
                             rf"|((?:truoc|cham nhat)(?:\s+la)?\s+ngay\s+\d{{1,2}}(?:\s*/\s*\d{{1,2}})?\s+"
                             rf"(?:hang|moi)\s+(?:nam|quy|thang))\b")


def recurring_time(text: str) -> str | None:
    """The period a task (not a report) repeats on, as written, when the text gives it as the task's time; or None.
    The plan file tracks periods for reports only: the reviewer is told rather than given an invented deadline."""
    match = _RECURRING_TIME.search(fold(text))
    if not match:
        return None
    group = next(g for g in (1, 2, 3) if match.group(g))
    return text[match.start(group):match.end(group)]


def find_reporting(text: str) -> Reporting | None:
    """The period of a reporting duty in the sentence, if the sentence is about reporting."""
    folded = fold(text)
    if not _REPORT.search(folded):
        return None
    hits = [(m.start(), m.end(), every) for pattern, every in _PATTERNS for m in pattern.finditer(folded)]
    if not hits:
        return None
    start, end, every = min(hits)
    due = _DUE.search(folded) or (_DUE_EACH_YEAR.search(folded) if every in ("year", "half") else None) or (
        _DUE_EACH_MONTH.search(folded) if every == "month" else None)
    others = tuple(dict.fromkeys(text[s:e] for s, e, other in sorted(hits) if other != every))
    return Reporting(every, text[start:end], text[due.start():due.end()].strip() if due else None, start, others)
