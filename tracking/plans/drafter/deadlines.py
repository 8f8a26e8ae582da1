"""Deadline phrases of the genre and the date each names (CONTRACTS.md: the date the plan NAMES, with a qualifier).

'trước ngày 30/10/2010' → 2010-10-30, before; 'chậm nhất ngày …' / 'đến ngày …' → by; 'trước tháng 06/2011' →
2011-06-01, before_month; 'trong tháng 9/2026' → last day, in_month; 'trong quý III/2026' → last day of the
quarter, in_quarter ('hoàn thành Quý I/2027' too); '6 tháng đầu năm 2026' → 30/06, in_half; 'năm 2026' (as a time,
not a title) → 31/12, in_year; 'trong năm 2026-2027' → 31/12/2027, in_year, flagged; 'thường xuyên' → ongoing;
'theo tiến độ của …' → event. A date only counts with one of these cues:
'căn cứ Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020' carries none, so a background date never becomes a deadline.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .text import fold

QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    qualifier: str          # before | by | before_month | in_month | in_quarter | in_half | in_year | ongoing | event
    as_written: str         # the verbatim phrase
    day: date | None = None
    problem: str | None = None  # why a reviewer must look (no year, impossible date, more years to come…)
    start: int = 0
    days_after: int | None = None  # 'trong thời hạn 30 ngày kể từ ngày Kế hoạch được ban hành': 30
    from_issue: bool = False       # … counted from the day this document is issued (assemble knows that day)


_DAY = r"(?P<d>\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(?P<m>\d{1,2})(?:\s*(?:/|-|\.|\s+nam\s+)\s*(?P<y>\d{4}))?"
# '… và 15/12/2027', '…, ngày 15/12/2027': more days under the same cue (a report's due days, or two works' dates)
_MORE_DAYS = r"(?P<more>(?:\s*(?:,|va)\s*(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)+)?"
_MONTH = r"(?P<m>\d{1,2})\s*(?:/|-|\s+nam\s+)\s*(?P<y>\d{4})"
_QUARTER = r"quy\s+(?P<q>iv|iii|ii|i|[1-4])(?:\s*(?:/|-|\s+nam\s+)\s*(?P<y>\d{4}))?"
# 'quý II và quý III năm 2013', 'quý II - III/2013', 'từ quý II đến quý III/2013': the work ends with the last quarter
_QUARTERS = (r"quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:,|va|-|–|den|toi)\s*(?:het\s+)?(?:quy\s+)?(?P<q>iv|iii|ii|i|[1-4])"
             r"\s*(?:/|-|\s+nam\s+)\s*(?P<y>\d{4})")
_YEAR = r"(?P<y>\d{4})"
# 'trong thời hạn 30 ngày kể từ ngày Kế hoạch này được ban hành', 'trong vòng 15 ngày làm việc kể từ khi …'
_WITHIN = (r"(?:(?:trong|trong thoi han|trong vong|trong pham vi)\s+)?(?P<n>\d{1,3})\s+ngay(?P<work>\s+lam viec)?,?"
           r"\s+(?:ke tu|tinh tu)\s+(?:ngay|khi)?\s*(?P<event>[^.;)]+)")
# the event is this document's issue: 'ngày Kế hoạch (này) được ban hành', 'ngày ký (ban hành) Kế hoạch'
_THIS_ISSUE = re.compile(r"^(?:ke hoach|quyet dinh|van ban)(?: nay)?\s+(?:duoc\s+)?(?:ky\s+)?ban hanh|"
                         r"^(?:ky|ky ban hanh|ban hanh)\s+(?:ke hoach|quyet dinh)(?: nay)?\b")
# Each: pattern on folded text, qualifier. Order matters: the first that matches at a place wins.
_RULES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), q) for p, q in (
    (rf"(?:cham nhat|muon nhat|han chot|khong muon hon|khong qua)(?:\s+(?:la|vao|den))*\s+(?:ngay\s+)?{_DAY}{_MORE_DAYS}",
     "by"),
    (rf"(?:den|toi)\s+(?:het\s+)?ngay\s+{_DAY}", "by"),
    (rf"truoc\s+ngay\s+{_DAY}{_MORE_DAYS}", "before"),
    (rf"truoc\s+(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>\d{{4}})", "before"),  # 'trước 30/6/2026'
    (rf"truoc\s+nam\s+{_YEAR}", "before_year"),
    (rf"truoc\s+thang\s+{_MONTH}", "before_month"),
    (rf"(?:trong|vao)\s+thang\s+{_MONTH}", "in_month"),
    (rf"(?:(?:trong|vao|tu)\s+|(?<=hoan thanh\s)){_QUARTERS}", "in_quarter"),
    (rf"(?:trong|vao|het)\s+{_QUARTER}", "in_quarter"),
    # 'hoàn thành Quý I/2027', 'hoàn thành tháng 11/2026': the verb of completion is the cue, the time is the phrase
    (rf"(?<=hoan thanh\s){_QUARTER}", "in_quarter"),
    (rf"(?<=hoan thanh\s)thang\s+{_MONTH}", "in_month"),
    (rf"(?P<h>6|sau)\s+thang\s+(?P<part>dau|cuoi)\s+nam(?:\s+(?:{_YEAR}))?", "in_half"),
    # 'trong năm 2026-2027', 'trong giai đoạn 2026 - 2030': the work runs to the end of the last year named (without
    # the cue, 'Chương trình giai đoạn 2021-2025' names a programme)
    (rf"(?:trong|den het|het)\s+(?:nam|giai doan)\s+(?P<y0>\d{{4}})\s*[-–]\s*{_YEAR}(?!\d)", "in_years"),
    (rf"(?:trong|den het|het)\s+nam\s+{_YEAR}(?P<more>\s+va\s+(?:cac|nhung)\s+nam\s+tiep theo)?",
     "in_year"),
    (rf"(?<![\w/])nam\s+{_YEAR}\s+va\s+(?:cac|nhung)\s+nam\s+tiep theo", "in_year_on"),
    (r"theo\s+tien do\s+(?:cua|thuc hien)\s+[^.;]+|theo\s+tien do\b[^.;]*", "event"),
    (_WITHIN, "within"),
    # '…; thực hiện ngay sau khi Kế hoạch được ban hành' (in a time column any 'sau khi …' is the time)
    (r"ngay sau khi\s+(?:ke hoach|quyet dinh|van ban)(?: nay)?\s+(?:duoc\s+)?(?:ky\s+)?ban hanh", "event"),
    # 'thường xuyên' is a time when it stands as one ('…; thường xuyên kiểm tra', 'thực hiện thường xuyên.'), not
    # when it describes a thing ('cán bộ tiếp công dân thường xuyên tại trụ sở')
    (r"(?:^|(?<=[;,:(])|(?<=[;,:(]\s)|(?<=hien\s)|(?<=khai\s)|(?<=tri\s))(?:thuong xuyen|lien tuc)"
     r"|(?:thuong xuyen|lien tuc)(?=\s*(?:[.;,)]|$))|hang ngay", "ongoing"),
))
# In a table's time column the cue is the column itself: a bare 'Tháng 6/2026', 'Quý III/2026', 'Năm 2026'.
_CELL_RULES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), q) for p, q in (
    (rf"^(?:ngay\s+)?{_DAY}$", "by"),
    (rf"^thang\s+{_MONTH}$", "in_month"),
    (rf"^{_QUARTER}$", "in_quarter"),
    (rf"^(?:tu\s+)?{_QUARTERS}$", "in_quarter"),
    (rf"^(?:nam|giai doan)\s+(?P<y0>\d{{4}})\s*[-–]\s*{_YEAR}$", "in_years"),
    (rf"^nam\s+{_YEAR}$", "in_year"),
    (r"^(?:sau khi|khi co|ngay sau khi)\b.+$", "event"),
    # 'Theo Kế hoạch … được phê duyệt', 'Theo lộ trình của Bộ': the time is set by another act, as 'theo tiến độ'
    (r"^theo\s+(?:ke hoach|lo trinh|tien do|huong dan|chi dao|chuong trinh|de an)\b.+$", "event"),
))


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_of(match: re.Match, qualifier: str, text: str) -> Deadline:
    written = text[match.start():match.end()].strip()
    g = match.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if qualifier == "event" and _after_this_issue(written):
        return Deadline(qualifier, written, None, f"'{written}': việc làm ngay khi văn bản này ban hành, không có hạn "
                                                  f"cụ thể — chọn hạn", match.start())
    if qualifier in ("ongoing", "event"):
        return Deadline(qualifier, written, start=match.start())
    if qualifier == "within":
        return _within(match, written)
    if year is None:
        return Deadline(qualifier, written, problem=f"'{written}' không ghi năm — điền ngày", start=match.start())
    if qualifier in ("before", "by"):
        day = _valid(year, int(g["m"]), int(g["d"]))
        problem = None if day else f"'{written}' không phải ngày có thật"
        if day and g.get("more"):  # a report's due days are its recurrence; a task with two dates is two tasks
            problem = f"'{written}' ghi nhiều ngày — tách việc hoặc chọn một hạn (hạn ghi là ngày đầu tiên)"
        return Deadline(qualifier, written, day, problem, match.start())
    if qualifier == "before_year":  # 'trước năm 2027' is 'trước tháng 01/2027'
        return Deadline("before_month", written, date(year, 1, 1), start=match.start())
    if qualifier in ("before_month", "in_month"):
        month = int(g["m"])
        if not 1 <= month <= 12:
            return Deadline(qualifier, written, None, f"'{written}': tháng không hợp lệ", match.start())
        last = calendar.monthrange(year, month)[1]
        return Deadline(qualifier, written, date(year, month, 1 if qualifier == "before_month" else last),
                        start=match.start())
    if qualifier == "in_quarter":
        q = QUARTERS[g["q"]]
        month = 3 * q
        return Deadline(qualifier, written, date(year, month, calendar.monthrange(year, month)[1]), start=match.start())
    if qualifier == "in_half":
        first = g["part"] == "dau"
        return Deadline(qualifier, written, date(year, 6, 30) if first else date(year, 12, 31), start=match.start())
    if qualifier == "in_years":
        problem = f"'{written}': việc thực hiện trong nhiều năm ({g['y0']}–{year}), hạn ghi là cuối năm {year} — xem có " \
                  f"nên theo dõi từng năm"
        return Deadline("in_year", written, date(year, 12, 31), problem, match.start())
    more = qualifier == "in_year_on" or bool(g.get("more"))
    problem = (f"'{written}': việc kéo dài qua các năm sau — xem có nên theo dõi định kỳ hằng năm" if more else None)
    return Deadline("in_year", written, date(year, 12, 31), problem, match.start())


def _after_this_issue(written: str) -> bool:
    """'ngay sau khi Kế hoạch được ban hành': an event whose day is known, which sets no deadline of its own."""
    after = re.match(r"(?:ngay\s+)?(?:sau khi|khi)\s+", fold(written))
    return bool(after) and bool(_THIS_ISSUE.match(fold(written)[after.end():]))


def _within(match: re.Match, written: str) -> Deadline:
    """A period counted from an event: dated when the event is this document's issue (assemble counts from its
    date); a period of working days, or from an event the document does not date, is the event's to set."""
    days, event = int(match["n"]), match["event"].strip()
    if match["work"]:
        return Deadline("event", written, None, f"'{written}': ngày làm việc, không tính được ngày khi chưa biết ngày "
                                                f"nghỉ — điền ngày", match.start())
    if _THIS_ISSUE.match(event):
        return Deadline("event", written, None, None, match.start(), days_after=days, from_issue=True)
    return Deadline("event", written, None, f"'{written}': thời hạn tính từ một sự việc văn bản không ghi ngày — "
                                            f"điền ngày khi biết", match.start())


_DOCUMENT_DATE = re.compile(
    r"(?:so\s+)?\d+[/\w.\-đ]*/(?:\d{4}/)?[a-zđ]{1,6}(?:-[a-zđ]{1,8})*,?\s*(?:ban hanh\s+)?ngay\s+\d{1,2}"
    r"(?:\s*/\s*\d{1,2}\s*/\s*\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4})"
    r"|(?:ban hanh|ky|phe duyet)\s+ngay\s+\d{1,2}(?:\s*/\s*\d{1,2}\s*/\s*\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4})"
    # a data cut-off ('số liệu tính đến ngày 31/12/2025') dates the figures, not the work
    r"|(?:tinh|thong ke|so lieu)\s+(?:den|toi)\s+(?:het\s+)?ngay\s+\d{1,2}(?:\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"|\s+thang\s+\d{1,2}\s+nam\s+\d{4})")


def background_spans(folded: str) -> list[tuple[int, int]]:
    """Dates that identify a document ('số 12/2020/QĐ-UBND ngày 05/3/2020', 'ký ngày …'): never a deadline."""
    return [(m.start(), m.end()) for m in _DOCUMENT_DATE.finditer(folded)]


# 'Thời gian thực hiện: quý I/2026' — a label that makes the bare forms of a table's time column a deadline.
_TIME_LABEL = re.compile(r"(?:thoi gian|thoi han|tien do)(?:\s+(?:thuc hien|hoan thanh))?\s*:\s*")


# 'Căn cứ chức năng, nhiệm vụ được giao, …' opens a duty, not a legal basis: the formula ends the 'căn cứ' clause.
_DUTY_BASIS = re.compile(r"can cu\s+(?:vao\s+)?(?:chuc nang,?\s+(?:va\s+)?nhiem vu(?:,?\s+quyen han)?(?:\s+duoc giao)?"
                         # 'Căn cứ nhiệm vụ được giao tại Phụ lục, xây dựng kế hoạch chi tiết …'
                         r"|(?:cac\s+)?nhiem vu\s+duoc giao(?:\s+(?:tai|theo)\s+[^,;.]{1,40})?"
                         r"|(?:tinh hinh|dieu kien)\s+thuc te(?:\s+(?:cua|tai)\s+(?:co quan|don vi|dia phuong)[^,;.]*)?"
                         r"|(?:noi dung\s+)?ke hoach nay)\s*,")


def duty_basis_end(folded: str) -> int:
    """Where the formula 'Căn cứ chức năng, nhiệm vụ được giao,' that opens the folded text ends (0: none)."""
    match = _DUTY_BASIS.match(folded)
    return match.end() if match else 0


def opens_a_duty(folded: str) -> bool:
    """'Căn cứ chức năng, nhiệm vụ được giao, chủ động …': a paragraph that starts like a legal basis but gives a duty."""
    return bool(_DUTY_BASIS.match(folded))


def _in_basis(before: str) -> bool:
    """Whether a phrase that ends `before` stands in a 'căn cứ …' clause (no '.' or ';' since the 'căn cứ')."""
    clause = re.search(r"can cu[^.;]*$", before)
    return bool(clause) and not _DUTY_BASIS.match(clause.group())


# Times that name no day: a school year ends when the education department's calendar says, not on a date here.
# 'trước khai giảng năm học 2027-2028', 'trong học kỳ I năm học 2026-2027', 'trong năm học 2026-2027 và năm học
# 2027-2028': the whole phrase is quoted, so the reviewer sees which end of which year is meant.
_SCHOOL_YEAR = r"nam hoc\s+\d{4}\s*[-–]\s*\d{4}"
_UNDATED_TIME = re.compile(
    rf"(?:(?:trong|het|truoc|sau|den|vao|tu)\s+)?(?:(?:khi\s+)?(?:khai giang|bat dau|ket thuc|dau|cuoi|be giang)\s+)?"
    rf"(?:hoc ky\s+(?:ii|i|1|2)\s+)?{_SCHOOL_YEAR}(?:\s*(?:,|va|den)\s*(?:het\s+)?{_SCHOOL_YEAR})*")


def undated_time(text: str) -> str | None:
    """A time phrase that names no date ('trong năm học 2026-2027'), as written, or None."""
    match = _UNDATED_TIME.search(fold(text))
    return text[match.start():match.end()] if match else None


def labelled_time(text: str) -> str | None:
    """The value of a time label ('Thời gian thực hiện: Hằng năm, bắt đầu từ năm 2026.'), as written, or None."""
    label = _TIME_LABEL.search(fold(text))
    if not label:
        return None
    end = re.search(r"[;.]\s|[;]|\.$|$", text[label.end():])
    return text[label.end():label.end() + end.start()].strip().rstrip(")").strip() or None


def time_value(text: str) -> Deadline | None:
    """The time a labelled value gives ('Thời gian thực hiện: năm 2026-2027'): a phrase, or a bare form."""
    found = find_deadlines(text)
    return found[0] if found else _bare(text.strip().rstrip(".;"))


def find_deadlines(text: str) -> list[Deadline]:
    """Every deadline phrase in the text, in order; background dates and 'căn cứ …' clauses are skipped."""
    folded = fold(text)
    hidden = background_spans(folded)
    taken: list[tuple[int, int]] = []
    out: list[Deadline] = []
    for label in _TIME_LABEL.finditer(folded):
        end = re.search(r"[;.]\s|[;]|\.$|$", folded[label.end():])
        value = text[label.end():label.end() + end.start()].strip().rstrip(")").strip()
        found = _bare(value)
        if found:
            start = label.end()
            taken.append((start, start + len(value)))
            out.append(Deadline(found.qualifier, found.as_written, found.day, found.problem, start))
    for pattern, qualifier in _RULES:
        for m in pattern.finditer(folded):
            span = (m.start(), m.end())
            if any(a < span[1] and span[0] < b for a, b in hidden + taken):
                continue
            if _in_basis(folded[:m.start()]) and qualifier not in ("ongoing", "event"):
                continue  # inside a 'căn cứ …' clause: the basis of the plan, not a time for a task
            taken.append(span)
            found = _date_of(m, qualifier, text)
            if found.day is None and _EACH_PERIOD.match(folded, m.end()) and qualifier in ("before", "by"):
                continue  # 'trước ngày 31/12 hằng năm': the day of every year, no deadline (recurrence.py says so)
            out.append(found)
    return sorted(out, key=lambda d: d.start)


_EACH_PERIOD = re.compile(r"\s*,?\s*(?:hang|moi)\s+(?:nam|quy|thang)\b")


def cell_deadline(cell: str) -> Deadline | None:
    """The time column of a task table: the phrase rules first, then the bare forms a column allows."""
    found = find_deadlines(cell)
    return found[0] if found else _bare(cell)


def _bare(cell: str) -> Deadline | None:
    folded = fold(cell).strip().rstrip(".")
    for pattern, qualifier in _CELL_RULES:
        m = pattern.match(folded)
        if m:
            return _date_of(m, qualifier, cell.strip().rstrip("."))
    return None
