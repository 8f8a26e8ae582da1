"""Read and validate the plan and units files in data/.

Strict on purpose: a person edits these files by hand, and a misspelt key (`deadine:`) or an `applies_to` that
matches no unit must be refused with its place (file, requirement number and code, field), never dropped in silence.
Every problem is collected, so one run of `python -m tracking plan check` lists them all.
"""
from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tracking.domain.deadlines import QUALIFIERS, UNDATED
from tracking.domain.periods import is_quarter, quarter_end
from tracking.domain.plan import (
    GROUPS,
    KINDS,
    LEAD_SOURCES,
    LEVELS,
    PARENT,
    SELF,
    AppliesTo,
    Area,
    Plan,
    Recurrence,
    Requirement,
    Unit,
)
from tracking.errors import DataFileError
from tracking.services.validation import strict_date
from tracking.units.checks import structure_problems, unit_lines

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PLANS_DIR = DATA_DIR / "plans"
UNITS_FILE = DATA_DIR / "units_soc_trang.yaml"

# Every key the files may hold (data/README.md documents each, with an example).
PLAN_KEYS = ("code", "title", "title_en", "issuer", "legal_basis", "province_code", "starts_on", "ends_on", "areas",
             "requirements")
DEADLINE_WORDS_KEYS = ("deadline_qualifier", "deadline_as_written")
AREA_KEYS = ("code", "name", "name_en", "deadline", "clause", *DEADLINE_WORDS_KEYS)
REQUIREMENT_KEYS = ("code", "area", "clause", "title", "title_en", "kind", "applies_to", "lead", "lead_note",
                    "lead_source", "coordinating", "deadline", "deadline_source", "deadline_clause",
                    *DEADLINE_WORDS_KEYS, "deadline_note", "recurrence", "norms")
# Keys whose value is text: a list or a number there is a mistake, never stored as "['a', 'b']" or "12345".
PLAN_TEXT_KEYS = ("code", "title", "title_en", "issuer", "legal_basis", "province_code")
AREA_TEXT_KEYS = ("code", "name", "name_en", "clause", "deadline_qualifier", "deadline_as_written")
REQUIREMENT_TEXT_KEYS = ("code", "area", "clause", "title", "title_en", "kind", "lead", "lead_note", "lead_source",
                         "deadline_source", "deadline_clause", "deadline_qualifier", "deadline_as_written",
                         "deadline_note")
UNIT_TEXT_KEYS = ("code", "name", "short_name", "level", "parent", "group", "kind", "note")
APPLIES_TO_KEYS = ("levels", "groups", "units", "except")
RECURRENCE_KEYS = ("every", "periods", "due_days_after_period_end")
NORM_QUANTITIES = ("dedicated_staff", "parttime_staff", "officers_in_post", "officers_trained", "trained_ratio",
                   "reception_room")
NORM_BOUNDS = ("min", "max")
# Keys the plan drafter (tracking/plans/drafter, `plan draft`) writes beside the plan's own: where each value came
# from and what a person must still settle. Accepted so that a reviewed draft checks and loads as it is.
DRAFT_PLAN_KEYS = ("number", "issued_on", "review")
DRAFT_REQUIREMENT_KEYS = ("lead_as_written", "coordinating_as_written", "source", "review", "deadline_as_written",
                          "deadline_qualifier")
DRAFT_RECURRENCE_KEYS = ("as_written", "due_as_written")
PLAN_KEYS += DRAFT_PLAN_KEYS
REQUIREMENT_KEYS += tuple(k for k in DRAFT_REQUIREMENT_KEYS if k not in REQUIREMENT_KEYS)
RECURRENCE_KEYS += DRAFT_RECURRENCE_KEYS
UNITS_FILE_KEYS = ("source", "units")
UNIT_KEYS = ("code", "name", "short_name", "level", "parent", "group", "kind", "verified", "note", "valid_from",
             "valid_to")


class BadDate(str):
    """A date-looking value that is no date (2010-11-31): kept as text with its line, so the problem has a place."""

    line: int = 0


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that remembers repeated keys and impossible dates instead of failing without a place."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated: list[str] = []

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, (str, int)) and key in seen:
                self.repeated.append(f"dòng {line}: khóa '{key}' lặp lại (lần đầu ở dòng {seen[key]}); "
                                     f"YAML chỉ giữ giá trị sau cùng")
            seen.setdefault(key, line)
        return super().construct_mapping(node, deep=deep)


def _timestamp(loader: _StrictLoader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        bad = BadDate(loader.construct_scalar(node))
        bad.line = node.start_mark.line + 1
        return bad


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _read_yaml(path: Path) -> tuple[Any, list[str]]:
    """The file's data and the problems only the reader sees (repeated keys)."""
    try:
        loader = _StrictLoader(path.read_text(encoding="utf-8"))
        try:
            return loader.get_single_data(), loader.repeated
        finally:
            loader.dispose()
    except FileNotFoundError:
        raise DataFileError(str(path), ["không tìm thấy tệp"]) from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), ["tệp không phải văn bản UTF-8 (hãy lưu lại với bảng mã UTF-8)"]) from None
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), [yaml_error_vi(exc)]) from None


# PyYAML's messages, in the words a person who edits the file can act on.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "dấu ':' đặt sai chỗ (giá trị có dấu ':' thì đặt trong ngoặc kép)"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên khóa"),
    ("cannot start any token", "có ký tự không được dùng ở đầu giá trị (thường là phím Tab: hãy thụt lề bằng dấu cách)"),
    ("expected <block end>", "thụt lề không khớp với các dòng trên"),
    ("found undefined alias", "tham chiếu '*' tới một neo không tồn tại"),
    ("did not find expected key", "thụt lề hoặc dấu '-' không khớp: không tìm thấy khóa như mong đợi"),
    ("did not find expected '-' indicator", "thiếu dấu '-' của một phần tử danh sách, hoặc thụt lề sai"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc hoặc dấu nháy đóng)"),
    ("while scanning a quoted scalar", "dấu nháy mở mà không đóng"),
    ("expected ',' or ']'", "danh sách [...] thiếu dấu ',' hoặc ']'"),
    ("expected ',' or '}'", "bảng {...} thiếu dấu ',' hoặc '}'"),
    ("found duplicate anchor", "tên neo '&' bị trùng"),
)


def yaml_error_vi(exc: yaml.YAMLError) -> str:
    """A YAML syntax error in Vietnamese, with the line and column where the reader stopped."""
    text = " ".join(str(getattr(exc, key, "") or "") for key in ("problem", "context"))
    words = next((vi for en, vi in _YAML_PROBLEMS if en in text), "cấu trúc YAML không hợp lệ")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    place = f" ở dòng {mark.line + 1}, cột {mark.column + 1}" if mark is not None else ""
    return f"lỗi cú pháp YAML{place}: {words}"


def _texts(mapping: dict, keys: tuple[str, ...], where: str, problems: list[str]) -> None:
    """Refuse a list, a table, a number or true/false where the file must hold text (dates are checked elsewhere)."""
    for key in keys:
        value = mapping.get(key)
        if value is not None and not isinstance(value, str):
            kind = ("một danh sách" if isinstance(value, list) else "một bảng" if isinstance(value, dict)
                    else "true/false" if isinstance(value, bool) else "một số" if isinstance(value, (int, float))
                    else "một ngày" if isinstance(value, date) else type(value).__name__)
            problems.append(f"{where}, trường '{key}': phải là văn bản, không phải {kind}"
                            + (" (mã hãy đặt trong ngoặc kép, ví dụ \"94\")"
                               if key in ("code", "lead", "parent", "province_code") and isinstance(value, int)
                               and not isinstance(value, bool) else ""))


def _unknown_keys(mapping: dict, allowed: tuple[str, ...], where: str, problems: list[str]) -> None:
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" — có phải '{close[0]}'?" if close else f" (các khóa được dùng: {', '.join(allowed)})"
            problems.append(f"{where}, khóa '{key}': khóa không được biết{hint}")


def _mapping(value: Any, where: str, problems: list[str]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(f"{where}: phải là một bảng khóa–giá trị")
        return {}
    return value


def _date(value: Any, where: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    if isinstance(value, BadDate):
        problems.append(f"{where}: ngày '{value}' không tồn tại (dòng {value.line})")
        return None
    if isinstance(value, date):
        return value
    day = strict_date(str(value)) if isinstance(value, str) else None  # ASCII digits only: no '2010-1_0-30'
    if day is None:
        problems.append(f"{where}: ngày '{value}' không hợp lệ (đúng dạng YYYY-MM-DD, ngày có thật)")
    return day


def _in_window(day: date | None, starts_on: date | None, ends_on: date | None, where: str, problems: list[str]) -> None:
    if day and starts_on and ends_on and not starts_on <= day <= ends_on:
        problems.append(f"{where}: ngày {day:%d/%m/%Y} nằm ngoài thời gian của kế hoạch "
                        f"({starts_on:%d/%m/%Y} – {ends_on:%d/%m/%Y})")


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def _duplicate(code: str, first: dict[str, str], here: str, what: str, where: str, problems: list[str]) -> None:
    if code in first:
        problems.append(f"{where}: {what} '{code}' bị trùng với {first[code]}")
    else:
        first[code] = here


def _empty(raw: Any, path: Path) -> None:
    if raw is None:
        raise DataFileError(str(path), ["tệp trống (không có nội dung nào)"])


def load_units(path: Path = UNITS_FILE) -> list[Unit]:
    raw, problems = _read_yaml(path)
    _empty(raw, path)
    if not isinstance(raw, dict):
        raise DataFileError(str(path), ["tệp đơn vị phải là một bảng khóa–giá trị có danh sách 'units'"])
    _unknown_keys(raw, UNITS_FILE_KEYS, "đầu tệp", problems)
    rows = raw.get("units")
    if not isinstance(rows, list) or not rows:
        raise DataFileError(str(path), [*problems, "thiếu danh sách 'units'"])
    units: list[Unit] = []
    first: dict[str, str] = {}
    for i, row in enumerate(rows, start=1):
        where = f"đơn vị thứ {i}"
        if not isinstance(row, dict):
            problems.append(f"{where}: phải là một bảng khóa–giá trị")
            continue
        code, name, level = str(row.get("code") or ""), row.get("name"), row.get("level")
        where = f"đơn vị thứ {i} ({code or '?'})"
        _unknown_keys(row, UNIT_KEYS, where, problems)
        _texts(row, UNIT_TEXT_KEYS, where, problems)
        if not code:
            problems.append(f"{where}, trường 'code': thiếu mã")
        else:
            _duplicate(code, first, f"đơn vị thứ {i}", "mã đơn vị", f"{where}, trường 'code'", problems)
        if not name:
            problems.append(f"{where}, trường 'name': thiếu tên")
        if level not in LEVELS:
            problems.append(f"{where}, trường 'level': phải là một trong {', '.join(LEVELS)}")
        if row.get("group") is not None and row["group"] not in GROUPS:
            problems.append(f"{where}, trường 'group': phải là một trong {', '.join(GROUPS)}")
        if "verified" in row and not isinstance(row["verified"], bool):
            problems.append(f"{where}, trường 'verified': chỉ nhận true hoặc false")
        parent = row.get("parent")
        if level != "province" and not parent:
            problems.append(f"{where}, trường 'parent': thiếu đơn vị cấp trên")
        units.append(
            Unit(
                code=code,
                name=str(name or ""),
                level=str(level),
                parent=str(parent) if parent is not None else None,
                short_name=row.get("short_name"),
                group=row.get("group"),
                kind=row.get("kind"),
                verified=row.get("verified", True) is not False,
                note=row.get("note"),
                valid_from=_date(row.get("valid_from"), f"{where}, trường 'valid_from'", problems),
                valid_to=_date(row.get("valid_to"), f"{where}, trường 'valid_to'", problems),
            )
        )
    for unit in units:
        if unit.parent is not None and unit.parent not in first:
            problems.append(f"đơn vị {unit.code}, trường 'parent': đơn vị cấp trên '{unit.parent}' không có trong danh sách")
    if not problems:
        problems += structure_problems(units, unit_lines(path))
    if problems:
        raise DataFileError(str(path), problems)
    return units


def _applies_to(value: Any, where: str, problems: list[str]) -> AppliesTo:
    where = f"{where}, trường 'applies_to'"
    raw = _mapping(value, where, problems)
    _unknown_keys(raw, APPLIES_TO_KEYS, where, problems)
    applies_to = AppliesTo(levels=_tuple(raw.get("levels")), groups=_tuple(raw.get("groups")),
                           units=_tuple(raw.get("units")), excluded=_tuple(raw.get("except")))
    for level in applies_to.levels:
        if level not in LEVELS:
            problems.append(f"{where}: cấp '{level}' không hợp lệ (chỉ nhận {', '.join(LEVELS)})")
    for group in applies_to.groups:
        if group not in GROUPS:
            problems.append(f"{where}: nhóm '{group}' không hợp lệ (chỉ nhận {', '.join(GROUPS)})")
    return applies_to


def _recurrence(value: Any, where: str, ends_on: date | None, problems: list[str]) -> Recurrence | None:
    if value is None:
        return None
    where = f"{where}, trường 'recurrence'"
    rec = _mapping(value, where, problems)
    _unknown_keys(rec, RECURRENCE_KEYS, where, problems)
    periods = _tuple(rec.get("periods"))
    bad = [p for p in periods if not is_quarter(p)]
    if rec.get("every") != "quarter" or not periods or bad:
        problems.append(f"{where}: phải là every: quarter với các kỳ dạng 2010Q4")
        return None
    days = rec.get("due_days_after_period_end", 10)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 366:
        problems.append(f"{where}, khóa 'due_days_after_period_end': phải là số ngày (0–366)")
        days = 10
    for period in periods:
        due = quarter_end(period).toordinal() + days
        if ends_on and due > ends_on.toordinal():
            problems.append(f"{where}: hạn nộp kỳ {period} ({date.fromordinal(due):%d/%m/%Y}) sau ngày kết thúc "
                            f"kế hoạch ({ends_on:%d/%m/%Y})")
    return Recurrence(every="quarter", periods=periods, due_days_after_period_end=days)


def _norms(value: Any, where: str, problems: list[str]) -> dict:
    where = f"{where}, trường 'norms'"
    norms = _mapping(value, where, problems)
    _unknown_keys(norms, NORM_QUANTITIES, where, problems)
    for quantity, bounds in norms.items():
        here = f"{where}.{quantity}"
        bounds = _mapping(bounds, here, problems)
        _unknown_keys(bounds, NORM_BOUNDS, here, problems)
        for key, bound in bounds.items():
            if not isinstance(bound, (int, float)) or isinstance(bound, bool):
                problems.append(f"{here}, khóa '{key}': phải là một số")
    return dict(norms)


_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DAY_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


def _days_in(text: str) -> set[date]:
    found = set()
    for d, m, y in [*_DAY.findall(text), *_DAY_WORDS.findall(text)]:
        try:
            found.add(date(int(y), int(m), int(d)))
        except ValueError:
            pass
    return found


def _deadline_words(r: dict, where: str, named: date | None, problems: list[str]):
    """(qualifier, as written): how the plan words the deadline, checked against the named day."""
    qualifier, written = r.get("deadline_qualifier"), r.get("deadline_as_written")
    if qualifier is not None and qualifier not in QUALIFIERS:
        problems.append(f"{where}, trường 'deadline_qualifier': '{qualifier}' không hợp lệ (chỉ nhận "
                        f"{', '.join(QUALIFIERS)})")
        qualifier = None
    if "deadline" in r:
        if qualifier is None and "deadline_qualifier" not in r:
            problems.append(f"{where}, trường 'deadline_qualifier': thiếu — văn bản viết hạn thế nào (before: "
                            f"\"trước ngày X\", by: \"chậm nhất ngày X\", before_month: \"trước tháng X\"…)")
        elif qualifier in UNDATED:
            problems.append(f"{where}, trường 'deadline_qualifier': '{qualifier}' không có ngày — bỏ 'deadline'")
        if not written:
            problems.append(f"{where}, trường 'deadline_as_written': thiếu cụm từ nguyên văn của văn bản "
                            f"(ví dụ \"trước ngày 30/10/2010\")")
        elif named and isinstance(written, str) and _days_in(written) and named not in _days_in(written):
            problems.append(f"{where}, trường 'deadline_as_written': \"{written}\" không nêu ngày "
                            f"{named:%d/%m/%Y} của trường 'deadline'")
    elif qualifier is not None and qualifier not in UNDATED:
        problems.append(f"{where}, trường 'deadline_qualifier': '{qualifier}' cần một ngày trong 'deadline'")
    elif qualifier in UNDATED and not written and not r.get("deadline_note"):
        problems.append(f"{where}, trường 'deadline_as_written': thiếu cụm từ của văn bản (ví dụ \"thường xuyên\")")
    elif written and qualifier is None:
        problems.append(f"{where}, trường 'deadline_as_written': chỉ dùng khi có 'deadline' hoặc 'deadline_qualifier'")
    return qualifier, str(written) if written else None


def _deadline(r: dict, where: str, starts_on: date | None, ends_on: date | None, problems: list[str]):
    """(named day, source, clause): a date must say where it comes from; no date, no provenance."""
    deadline = _date(r.get("deadline"), f"{where}, trường 'deadline'", problems)
    _in_window(deadline, starts_on, ends_on, f"{where}, trường 'deadline'", problems)
    source, clause = r.get("deadline_source"), r.get("deadline_clause")
    undated_words = r.get("deadline_qualifier") in UNDATED
    if "deadline" not in r:
        if undated_words:  # "thường xuyên": the plan's own words, from its clause
            return None, "set", str(clause) if clause else None
        for key in ("deadline_source", "deadline_clause"):
            if key in r:
                problems.append(f"{where}, trường '{key}': chỉ dùng khi có 'deadline'")
        return None, "set", None
    if source not in ("plan", "inferred"):
        problems.append(f"{where}, trường 'deadline_source': hạn có trong tệp phải ghi rõ nguồn: plan (văn bản ghi "
                        f"hạn cho chính việc này) hoặc inferred (suy ra từ một mục chung); 'set' chỉ do ứng dụng đặt")
        source = "inferred"
    if not clause:
        problems.append(f"{where}, trường 'deadline_clause': phải ghi mục của văn bản có ngày này (ví dụ II.4)")
    elif source == "inferred" and str(clause) == str(r.get("clause")) and not r.get("deadline_note"):
        problems.append(f"{where}, trường 'deadline_clause': hạn suy ra từ chính mục '{clause}' của yêu cầu phải "
                        f"có 'deadline_note' nói vì sao (nếu mục đó ghi hạn cho chính việc này thì dùng "
                        f"deadline_source: plan)")
    if source == "inferred" and not r.get("deadline_note"):
        problems.append(f"{where}, trường 'deadline_note': hạn suy ra phải ghi lý do (vì sao ngày này, theo thứ tự "
                        f"các bước của kế hoạch)")
    return deadline, source, str(clause) if clause else None


def _clause_named(ref: str, clauses: set[str]) -> bool:
    """A reference names a clause of the plan: one the file uses, or a section that holds one (IV, III.2)."""
    return any(c == ref or c.startswith(ref + ".") for c in clauses)


def load_plan(path: Path, units: list[Unit] | None = None) -> Plan:
    """The plan in the file; with `units`, also checks every unit code it names and that applies_to matches a unit."""
    raw, problems = _read_yaml(path)
    _empty(raw, path)
    return plan_from_data(raw, str(path), units, problems)


def plan_from_data(raw: Any, name: str, units: list[Unit] | None = None, problems: list[str] | None = None) -> Plan:
    """The plan in an already-read tree (the workspace's draft), with exactly the checks of a plan file."""
    problems = problems if problems is not None else []
    path = name
    if not isinstance(raw, dict):
        raise DataFileError(str(path), ["tệp kế hoạch phải là một bảng khóa–giá trị"])
    _unknown_keys(raw, PLAN_KEYS, "đầu tệp", problems)
    _texts(raw, PLAN_TEXT_KEYS, "đầu tệp", problems)
    for key in ("code", "title", "issuer", "province_code", "starts_on", "ends_on", "areas", "requirements"):
        if raw.get(key) in (None, "", []):
            problems.append(f"đầu tệp, trường '{key}': thiếu")
    plan_starts = _date(raw.get("starts_on"), "đầu tệp, trường 'starts_on'", problems)
    plan_ends = _date(raw.get("ends_on"), "đầu tệp, trường 'ends_on'", problems)
    if plan_starts and plan_ends and plan_ends < plan_starts:
        problems.append("đầu tệp, trường 'ends_on': ngày kết thúc trước ngày bắt đầu")
    for key in ("areas", "requirements"):
        if raw.get(key) is not None and not isinstance(raw[key], list):
            problems.append(f"đầu tệp, trường '{key}': phải là một danh sách")
            raw[key] = []
    unit_codes = {u.code for u in units} if units is not None else None

    areas = []
    first_area: dict[str, str] = {}
    for i, a in enumerate(raw.get("areas") or [], start=1):
        a = _mapping(a, f"lĩnh vực thứ {i}", problems)
        where = f"lĩnh vực thứ {i} ({a.get('code') or '?'})"
        _unknown_keys(a, AREA_KEYS, where, problems)
        _texts(a, AREA_TEXT_KEYS, where, problems)
        if not a.get("code") or not a.get("name"):
            problems.append(f"{where}: thiếu 'code' hoặc 'name'")
        elif a.get("code"):
            _duplicate(str(a["code"]), first_area, f"lĩnh vực thứ {i}", "mã lĩnh vực", f"{where}, trường 'code'", problems)
        deadline = _date(a.get("deadline"), f"{where}, trường 'deadline'", problems)
        _in_window(deadline, plan_starts, plan_ends, f"{where}, trường 'deadline'", problems)
        qualifier, written = _deadline_words(a, where, deadline, problems)
        areas.append(Area(code=str(a.get("code")), name=str(a.get("name")), name_en=str(a.get("name_en") or a.get("name")),
                          deadline=deadline, clause=a.get("clause"), deadline_qualifier=qualifier,
                          deadline_as_written=written))
    area_codes = {a.code for a in areas}

    requirements = []
    clause_refs: list[tuple[str, str]] = []
    first: dict[str, str] = {}
    for i, r in enumerate(raw.get("requirements") or [], start=1):
        r = _mapping(r, f"yêu cầu thứ {i}", problems)
        code = str(r.get("code") or "")
        where = f"yêu cầu thứ {i} ({code or '?'})"
        _unknown_keys(r, REQUIREMENT_KEYS, where, problems)
        _texts(r, REQUIREMENT_TEXT_KEYS, where, problems)
        for key in ("code", "area", "clause", "title", "applies_to", "lead"):
            if not r.get(key):
                problems.append(f"{where}, trường '{key}': thiếu")
        if code:
            _duplicate(code, first, f"yêu cầu thứ {i}", "mã yêu cầu", f"{where}, trường 'code'", problems)
        if r.get("area") and r["area"] not in area_codes:
            problems.append(f"{where}, trường 'area': lĩnh vực '{r['area']}' không được khai báo trong 'areas'")
        kind = r.get("kind", "assignment")
        if kind not in KINDS:
            problems.append(f"{where}, trường 'kind': phải là một trong {', '.join(KINDS)}")
        applies_to = _applies_to(r.get("applies_to"), where, problems)
        lead = str(r.get("lead") or "")
        coordinating = _tuple(r.get("coordinating"))
        if unit_codes is not None:
            for field, refs in (("lead", (lead,)), ("coordinating", coordinating),
                                ("applies_to", (*applies_to.units, *applies_to.excluded))):
                for ref in refs:
                    if ref and ref not in (SELF, PARENT) and ref not in unit_codes:
                        problems.append(f"{where}, trường '{field}': đơn vị '{ref}' không có trong danh sách đơn vị")
            if r.get("applies_to") and not any(applies_to.matches(u) for u in units):
                problems.append(f"{where}, trường 'applies_to': không khớp đơn vị nào trong danh sách đơn vị "
                                f"(yêu cầu sẽ không có mốc nào)")
            for field, refs in (("lead", (lead,)), ("coordinating", coordinating)):
                orphans = [u.code for u in units if applies_to.matches(u) and not u.parent] if PARENT in refs else []
                if orphans:
                    problems.append(f"{where}, trường '{field}': 'parent' nhưng đơn vị {', '.join(orphans)} không có "
                                    f"đơn vị cấp trên")
        recurrence = _recurrence(r.get("recurrence"), where, plan_ends, problems)
        deadline, source, deadline_clause = _deadline(r, where, plan_starts, plan_ends, problems)
        qualifier, written = _deadline_words(r, where, deadline, problems)
        lead_source = r.get("lead_source", "plan")
        if lead_source not in LEAD_SOURCES:
            problems.append(f"{where}, trường 'lead_source': phải là một trong {', '.join(LEAD_SOURCES)}")
        elif lead_source == "inferred" and not r.get("lead_note"):
            problems.append(f"{where}, trường 'lead_note': đơn vị chủ trì do suy luận phải ghi lý do")
        if deadline_clause:
            clause_refs.append((f"{where}, trường 'deadline_clause'", deadline_clause))
        if deadline and recurrence:
            problems.append(f"{where}, trường 'deadline': yêu cầu định kỳ không có hạn chung, hạn tính theo từng kỳ")
        requirements.append(
            Requirement(
                code=code,
                area=str(r.get("area")),
                clause=str(r.get("clause")),
                title=str(r.get("title")),
                title_en=str(r.get("title_en") or r.get("title")),
                applies_to=applies_to,
                lead=lead,
                coordinating=coordinating,
                deadline=deadline,
                deadline_clause=deadline_clause,
                deadline_source=source,
                kind=kind,
                recurrence=recurrence,
                norms=_norms(r.get("norms"), where, problems),
                lead_note=r.get("lead_note"),
                lead_source=str(lead_source),
                deadline_qualifier=qualifier,
                deadline_as_written=written,
                deadline_note=r.get("deadline_note"),
            )
        )
    clauses = {str(c) for c in [*(q.clause for q in requirements), *(a.clause for a in areas)] if c}
    for place, ref in clause_refs:
        if not _clause_named(ref, clauses):
            problems.append(f"{place}: mục '{ref}' không phải một mục của kế hoạch (các mục có trong tệp: "
                            f"{', '.join(sorted(clauses))})")
    if problems:
        raise DataFileError(str(path), problems)
    return Plan(
        code=str(raw["code"]),
        title=str(raw["title"]),
        title_en=str(raw.get("title_en") or raw["title"]),
        issuer=str(raw["issuer"]),
        legal_basis=str(raw.get("legal_basis") or ""),
        province_code=str(raw["province_code"]),
        starts_on=plan_starts,
        ends_on=plan_ends,
        areas=tuple(areas),
        requirements=tuple(requirements),
    )


def plan_files(directory: Path = PLANS_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def check_files(plans: list[Path] | None = None, units_file: Path = UNITS_FILE) -> list[str]:
    """Every problem of the units file and the plan files, one line each, prefixed with its file ('' when clean).

    The same checks `init` applies before touching the database (tracking.plans.seed.load_data)."""
    lines: list[str] = []
    try:
        units = load_units(units_file)
    except DataFileError as exc:
        lines += [f"{exc.path}: {problem}" for problem in exc.problems]
        units = None
    for path in plans if plans is not None else plan_files():
        try:
            load_plan(path, units)
        except DataFileError as exc:
            lines += [f"{exc.path}: {problem}" for problem in exc.problems]
    return lines
