"""Property: any import file is applied whole or refused whole, in Vietnamese, and a refusal changes nothing.

Hypothesis builds files from the families an official (or an adversary) produces: valid rows, wrong or missing
columns, unknown codes, duplicated rows, empty and header-only files, binary junk, a .xlsx that is not a zip or is
cut short, stale stored dimensions, huge cells, formulas without values, values far to the right, unclosed quotes,
NUL bytes, encodings (UTF-8 with 0–2 BOMs, UTF-16 with and without BOM, Windows-1258), CR/LF/CRLF endings, ','
or ';' separators, Vietnamese typed decomposed (NFD), and (issue 22) the empty-row and shared-strings bombs, TRUE
and #N/A cells, a cell given twice and a hidden first sheet. For each file:
- refused → a TrackingError whose message is Vietnamese with no English exception name; row problems name a data
  row and a real column; a defect planted in a known cell is named; the database dump is unchanged;
- applied → every row with progress became a new update or a counted duplicate, blank template rows are counted,
  and only the updates table grew, by exactly the number of new updates (milestone versions move with them).

Examples: 200 on SQLite and 40 on PostgreSQL in the default run; `make fuzz` sets TRACKING_FUZZ_EXAMPLES=2000.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tests.accounts import add_account
from tests.db_dump import dump
import functools

from tests.import_files import (
    empty_rows_xlsx, header_row_xml, raw_xlsx, rewrite_part, shared_strings_xlsx, stale_dimension_xlsx,
    windows_1258,
)
from tracking.errors import TrackingError
from tracking.imports.columns import COLUMNS, INFO_SUFFIX, PROGRESS_COLUMNS
from tracking.imports.reader import read_import_file
from tracking.imports.sample import sample_rows
from tracking.services.importing import ImportRefused, import_updates
from tracking.uow import UnitOfWork

TODAY = date(2026, 11, 26)
DEFAULT_EXAMPLES = {"sqlite": 200, "postgresql": 40}
ENGLISH = re.compile(r"[A-Z][a-z]+(Error|Exception)\b|BadZipFile|KeyError|Traceback|\bfield limit\b|\bexpected\b")
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0123456789"
TEXT = st.text(alphabet=LETTERS + ",;\"'\n/.-=+@", max_size=40)


def nfd_sometimes(draw, text: str | None) -> str | None:
    return unicodedata.normalize("NFD", text) if text and draw(st.booleans()) else text


@dataclass
class Case:
    content: bytes
    name: str
    family: str
    expect: tuple[str, ...] = ()  # fragments the refusal must contain (the planted defect's row, column or cell)
    must_refuse: bool = False
    nonblank: int | None = None  # data rows holding anything (known when the file is well formed)
    with_progress: int | None = None
    notes: list[str] = field(default_factory=list)


@st.composite
def row_values(draw, milestones):
    """Mostly a valid row (Vietnamese labels, NFD, any date form); one in ten has one field broken."""
    ms = draw(st.sampled_from(milestones))
    state = draw(st.sampled_from(["in_progress", "done", "not_started", "hoàn thành", "Đang thực hiện", "chưa bắt đầu"]))
    done, not_started = state in ("done", "hoàn thành"), state in ("not_started", "chưa bắt đầu")
    day = date(2010, 9, 1) + timedelta(days=draw(st.integers(0, 480)))
    row = {
        "unit_code": ms["unit_code"], "requirement_code": ms["requirement_code"], "period": ms["period"] or "",
        "state": nfd_sometimes(draw, state),
        "date": draw(st.sampled_from([day, day.isoformat(), day.strftime("%d/%m/%Y")])),
        "percent": draw(st.sampled_from([None, 100] if done else [None, 0] if not_started else [None, 0, 35, 99])),
        "evidence": nfd_sometimes(draw, draw(st.one_of(st.none(), TEXT))),
        "note": nfd_sometimes(draw, draw(st.one_of(st.none(), TEXT))),
    }
    if draw(st.integers(0, 9)) == 0:
        column, bad = draw(st.sampled_from([
            ("unit_code", "999"), ("unit_code", ""), ("unit_code", "Đơn vị lạ"), ("requirement_code", "KHONG-CO"),
            ("period", "2010Q9"), ("state", "xong"), ("state", ""), ("date", "31/02/2011"), ("date", "2031-01-01"),
            ("date", ""), ("percent", 150), ("percent", -1), ("percent", "abc"), ("percent", 37.5),
            ("note", "ghi chú " * 400),  # 3,200 characters: longer than a note may be
        ]))
        row[column] = bad
    return row


def blank_progress(row: dict) -> dict:
    return row | {c: None for c in PROGRESS_COLUMNS}


@st.composite
def well_formed(draw, milestones):
    """Rows and a header (possibly damaged), plus one planted defect; written as .csv or .xlsx."""
    rows = draw(st.lists(row_values(milestones), min_size=0, max_size=6))
    if rows and draw(st.booleans()):
        rows += draw(st.lists(st.sampled_from(rows), max_size=3))  # duplicated rows
    if rows and draw(st.booleans()):
        rows.insert(draw(st.integers(0, len(rows))), blank_progress(draw(st.sampled_from(rows))))  # template row left blank
    header = list(draw(st.permutations(COLUMNS)))
    header_ok = True
    damage = draw(st.sampled_from(["none"] * 6 + ["drop", "rename", "info", "duplicate"]))
    if damage == "drop":
        header.remove(draw(st.sampled_from(COLUMNS)))
        header_ok = False
    elif damage == "rename":
        i = draw(st.integers(0, len(header) - 1))
        header[i] = header[i] + "_x"
        header_ok = False
    elif damage == "info":
        header.append(f"Tên đơn vị {INFO_SUFFIX}")
    elif damage == "duplicate":
        header.append(draw(st.sampled_from(COLUMNS)))
        header_ok = False
    kind = draw(st.sampled_from(["csv", "xlsx"]))
    defects = ["none"] * 4 + ["far_value", "huge_note"] + (["nul", "unclosed_quote"] if kind == "csv" else ["formula", "stale"])
    defect = draw(st.sampled_from(defects)) if rows else "none"
    if defect == "huge_note" and "note" not in header:
        defect = "none"
    if defect == "nul" and "note" not in header:
        defect = "none"
    target = draw(st.integers(0, len(rows) - 1)) if rows else 0
    table = [[r.get(c) if c in COLUMNS else "Sóc Trăng" for c in header] for r in rows]
    expect, must_refuse = (), not header_ok or not rows
    number = target + 2  # the header is row 1
    if defect == "far_value":
        table[target] += [None] * (59 - len(table[target])) + ["lạc chỗ"]
        far = get_column_letter(60)
        expect, must_refuse = ((f"dòng {number}", far) if kind == "csv" else (f"ô {far}{number}",)), True
    elif defect == "huge_note":
        table[target][header.index("note")] = "x" * 6000
        expect, must_refuse = (f"dòng {number}",), True  # the row's first bad field is named (maybe not the note)
    elif defect == "nul":
        table[target][header.index("note")] = "có\x00NUL"
        expect, must_refuse = (f"dòng {number}", "cột note"), True
    elif defect == "formula":
        table[target][0] = "=1+1"
        expect, must_refuse = (f"ô A{number}",), True
    nonblank = sum(any(v not in (None, "") for v in cells) for cells in table)
    with_progress = 0 if not header_ok else sum(
        any(str(cells[header.index(c)]).strip() for c in PROGRESS_COLUMNS if cells[header.index(c)] not in (None, ""))
        for cells in table)
    if kind == "csv":
        content, family = _csv(draw, header, table, unclosed=target if defect == "unclosed_quote" else None)
        if defect == "unclosed_quote":
            expect, must_refuse = (f"dòng {number}",), True
    else:
        content, family = _xlsx(header, table, formula_row=target if defect == "formula" else None, stale=defect == "stale")
    return Case(content, f"f.{kind}", f"{kind}:{family}:{damage}:{defect}", expect if header_ok else (), must_refuse,
                nonblank if header_ok else None, with_progress if header_ok else None)


def _csv(draw, header, table, unclosed):
    out = io.StringIO()
    delimiter = draw(st.sampled_from([",", ",", ";"]))  # ';': Excel with Vietnamese regional settings
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")  # values holding \r or \n are quoted
    writer.writerow(header)
    for i, cells in enumerate(table):
        cells = ["" if v is None else v for v in cells]
        if i == unclosed:  # a quote opened in the last cell and never closed
            out.write(delimiter.join(_csv_cell(v, delimiter) for v in cells[:-1]) + delimiter + '"không đóng ngoặc\r\n')
        else:
            writer.writerow(cells)
    text = out.getvalue().replace("\r\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-bom", "utf-8-2bom", "utf-16", "utf-16-le", "cp1258"]))
    if encoding == "cp1258":
        try:
            return windows_1258(text), encoding
        except UnicodeEncodeError:  # a character the code page lacks: such files are UTF-8 in practice
            encoding = "utf-8"
    prefix = {"utf-8-bom": "\ufeff", "utf-8-2bom": "\ufeff\ufeff"}.get(encoding, "")
    codec = encoding if encoding.startswith("utf-16") else "utf-8"
    return (prefix + text).encode(codec), encoding


def _csv_cell(value, delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow([value])
    return out.getvalue().removesuffix("\r\n")


def _xlsx(header, table, formula_row: int | None, stale: bool):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for i, cells in enumerate(table):
        for c, value in enumerate(cells, start=1):
            r = i + 2
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("=") and not (i == formula_row and c == 1):
                cell.data_type = "s"  # text that merely looks like a formula stays text
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    if stale and table:
        content = _restale(content)
    return content, "stale" if stale else "plain"


def _restale(content: bytes) -> bytes:
    from tests.import_files import SHEET, rewrite_part
    return rewrite_part(content, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:H2"', xml))


@functools.cache
def _bomb(kind: str) -> bytes:
    """The two workbooks of issue 22 at full size (built once: ≈0.3 and ≈0.5 MB, ≈200 MB unpacked each)."""
    return empty_rows_xlsx(34_948_497) if kind == "row_bomb" else shared_strings_xlsx(12_334_869)


def _one_cell(xml: str) -> bytes:
    """A header and one row: a valid milestone's codes, then `xml` (cells of row 2)."""
    def inline(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    return raw_xlsx([header_row_xml(), f'<row r="2">{inline("A2", "941")}{inline("B2", "ORG-HUYEN")}'
                                       f'{inline("D2", "in_progress")}{inline("E2", "2010-10-05")}{xml}</row>'])


HIDDEN_CELLS = {  # a value nobody typed, and the cell the refusal must name
    "boolean": ('<c r="F2" t="b"><v>1</v></c>', "ô F2"),
    "error_value": ('<c r="H2" t="e"><f>NA()</f><v>#N/A</v></c>', "ô H2"),
    "cell_twice": ('<c r="H2" t="inlineStr"><is><t>a</t></is></c><c r="H2" t="inlineStr"><is><t>b</t></is></c>', "ô H2"),
}


@st.composite
def junk(draw):
    kind = draw(st.sampled_from(["binary", "not_a_zip", "cut_xlsx", "empty", "header_only", "spaces", "row_bomb",
                                 "strings_bomb", "hidden_first", *HIDDEN_CELLS]))
    suffix = draw(st.sampled_from([".csv", ".xlsx"]))
    if kind in ("row_bomb", "strings_bomb"):
        return Case(_bomb(kind), "bom.xlsx", f"junk:{kind}", expect=("giải nén",), must_refuse=True)
    if kind in HIDDEN_CELLS:
        cells, where = HIDDEN_CELLS[kind]
        return Case(_one_cell(cells), "o.xlsx", f"junk:{kind}", expect=(where,), must_refuse=True)
    if kind == "hidden_first":  # the only sheet holds data but is hidden: nothing a person sees
        content = rewrite_part(_one_cell(""), "xl/workbook.xml", lambda xml: xml.replace('r:id="rId1"', 'state="hidden" r:id="rId1"'))
        return Case(content, "an.xlsx", f"junk:{kind}", expect=("bị ẩn",), must_refuse=True)
    if kind == "binary":
        content = draw(st.binary(min_size=1, max_size=600))
    elif kind == "not_a_zip":
        content, suffix = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + draw(st.binary(max_size=200)), ".xlsx"  # an old .xls
    elif kind == "cut_xlsx":
        whole = _xlsx(list(COLUMNS), [["941", "ORG-HUYEN", None, "done", "2010-10-01"]], None, False)[0]
        # The workbook's length varies with its timestamp: draw a cut independent of it, so replays draw alike.
        content, suffix = whole[: draw(st.integers(0, 10**6)) % len(whole)], ".xlsx"
    elif kind == "empty":
        content = b""
    elif kind == "header_only":
        header = ",".join(COLUMNS)
        content = draw(st.sampled_from([header, header + "\n", header + "\r\n\r\n"])).encode()
        suffix = ".csv"
    else:
        content, suffix = b"   \n\n  \n", ".csv"
    return Case(content, f"junk{suffix}", f"junk:{kind}", must_refuse=True)


def import_case(milestones):
    return st.one_of(well_formed(milestones), well_formed(milestones), well_formed(milestones), junk())


def check(engine, case: Case) -> str:
    before = dump(engine)
    try:
        read = read_import_file(case.content, case.name)
        with UnitOfWork(engine) as uow:
            result = import_updates(uow, read.rows, "thanhtra", today=TODAY, untouched=read.untouched)
    except ImportRefused as refused:
        message = str(refused)
        for problem in refused.result.problems:
            assert problem.row >= 2 and problem.column in COLUMNS, (case.family, problem)
            assert VIETNAMESE.search(problem.reason), (case.family, problem)
        _refused_well(engine, case, message, before)
        return "refused"
    except TrackingError as exc:
        _refused_well(engine, case, str(exc), before)
        return "refused"
    assert not case.must_refuse, (case.family, "applied a file that must be refused")
    assert result.applied and result.new + result.duplicates == result.rows == len(read.rows), case.family
    if case.with_progress is not None:
        assert result.rows == case.with_progress and result.untouched == case.nonblank - case.with_progress, case.family
    after = dump(engine)
    # Only the updates grew, and the milestones they touched had their version bumped (nothing else changed).
    assert {t for t in after if after[t] != before[t]} <= {"updates", "milestones"}, case.family
    assert len(after["milestones"]) == len(before["milestones"]), case.family
    assert len(after["updates"]) - len(before["updates"]) == result.new, case.family
    return "applied"


def _refused_well(engine, case: Case, message: str, before) -> None:
    assert VIETNAMESE.search(message), (case.family, message)
    assert not ENGLISH.search(message), (case.family, message)
    for fragment in case.expect:
        assert fragment in message, (case.family, fragment, message)
    assert dump(engine) == before, (case.family, "a refused file changed the database")


def test_every_import_file_is_applied_whole_or_refused_whole(engine, backend):
    add_account(engine, "thanhtra")
    milestones = sample_rows(engine, 40)
    examples = int(os.environ.get("TRACKING_FUZZ_EXAMPLES") or DEFAULT_EXAMPLES[backend])
    seen: dict[str, int] = {}

    @settings(max_examples=examples, deadline=None, database=None, derandomize=not os.environ.get("TRACKING_FUZZ_EXAMPLES"),
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(case=import_case(milestones))
    def property_holds(case):
        outcome = check(engine, case)
        seen[outcome] = seen.get(outcome, 0) + 1
        if os.environ.get("TRACKING_FUZZ_STATS"):
            key = f"{outcome} {case.family}"
            seen.setdefault("by_family", {})[key] = seen.get("by_family", {}).get(key, 0) + 1

    property_holds()
    families = seen.pop("by_family", None)
    if families:
        print("\n".join(f"{n:5d} {k}" for k, n in sorted(families.items())))
    assert sum(seen.values()) >= examples  # every example ran to the end (nothing filtered away)
    assert seen.get("applied") and seen.get("refused"), seen  # both branches of the property were exercised
