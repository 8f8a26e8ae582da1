"""Issue 22 on SQLite and PostgreSQL: what is stored is what a person typed and saw, or nothing is stored."""
import io
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from tests.accounts import add_account
from tests.db_dump import dump
from tests.import_files import empty_rows_xlsx, windows_1258
from tracking.db.models import UpdateRow
from tracking.errors import TrackingError
from tracking.imports.columns import COLUMNS
from tracking.imports.reader import read_import_file
from tracking.services.importing import ImportRefused, import_updates
from tracking.uow import UnitOfWork

TODAY = date(2026, 11, 26)


@pytest.fixture
def writer(engine):
    return add_account(engine, "thanhtra")


def apply(engine, content: bytes, name: str):
    read = read_import_file(content, name)
    with UnitOfWork(engine) as uow:
        return read, import_updates(uow, read.rows, "thanhtra", today=TODAY, untouched=read.untouched)


def stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(UpdateRow.fact_date, UpdateRow.percent, UpdateRow.evidence, UpdateRow.note)
                            .order_by(UpdateRow.id)).all()


def refused_and_unchanged(engine, content: bytes, name: str, *fragments: str) -> None:
    before = dump(engine)
    with pytest.raises(TrackingError) as err:
        apply(engine, content, name)
    for fragment in fragments:
        assert fragment in str(err.value), err.value
    assert dump(engine) == before


def csv_row(day: str = "05/10/2010", percent: str = "50", evidence: str = "") -> bytes:
    return (",".join(COLUMNS) + f"\n941,ORG-HUYEN,,in_progress,{day},{percent},{evidence},\n").encode()


@pytest.mark.parametrize("day", ["3_0/1_0/2010", "2010-W43-6", "20101030"])
def test_a_malformed_date_is_refused_naming_row_and_column(engine, writer, day):
    refused_and_unchanged(engine, csv_row(day=day), "f.csv", "dòng 2, cột date")


def test_1e2_is_not_a_percent(engine, writer):
    refused_and_unchanged(engine, csv_row(percent="1e2"), "f.csv", "dòng 2, cột percent")


def test_a_100_percent_cell_is_stored_as_100(engine, writer):
    book = Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(["941", "ORG-HUYEN", None, "done", date(2010, 10, 5), 1, None, None])
    book.active["F2"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    apply(engine, out.getvalue(), "f.xlsx")
    assert stored(engine) == [(date(2010, 10, 5), 100, None, None)]


def hidden_first_workbook() -> bytes:
    book = Workbook()
    hidden = book.active
    hidden.title = "An"
    hidden.append(list(COLUMNS))
    hidden.append(["941", "ORG-HUYEN", None, "done", date(2010, 10, 1), 100, None, "không ai thấy"])
    hidden.sheet_state = "hidden"
    seen = book.create_sheet("Cập nhật")
    seen.append(list(COLUMNS))
    seen.append(["941", "ORG-HUYEN", None, "in_progress", date(2010, 10, 5), 50, None, "đã thấy"])
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_hidden_first_sheet_is_never_stored(engine, writer):
    read, _ = apply(engine, hidden_first_workbook(), "f.xlsx")
    assert [row.note for row in stored(engine)] == ["đã thấy"] and "trang ẩn: 'An'" in read.notes[0]


def test_the_command_line_says_which_sheet_it_read(engine, writer, tmp_path, monkeypatch, capsys):
    from tracking.cli import main

    path = tmp_path / "an.xlsx"
    path.write_bytes(hidden_first_workbook())
    monkeypatch.setenv("TRACKING_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert main(["import", str(path), "--by", "thanhtra"]) == 0
    out = capsys.readouterr().out
    assert "Đã đọc trang tính 'Cập nhật'" in out and "bỏ qua 1 trang ẩn: 'An'" in out and "Đã nhập 1" in out
    assert [row.note for row in stored(engine)] == ["đã thấy"]


def test_windows_1258_that_is_also_utf8_stores_nothing(engine, writer):
    refused_and_unchanged(engine, windows_1258(csv_row(evidence="45/QĐ–UBND").decode()), "f.csv", "Windows-1258")


def test_an_excel_vn_semicolon_csv_with_upper_case_headers_is_stored(engine, writer):
    text = ";".join(c.upper() for c in COLUMNS) + "\n941;ORG-HUYEN;;in_progress;05/10/2010;35%;;ghi chú, có phẩy\n"
    apply(engine, "\ufeff".encode() + text.encode(), "f.csv")
    assert stored(engine) == [(date(2010, 10, 5), 35, None, "ghi chú, có phẩy")]


def test_the_empty_row_bomb_with_two_real_rows_is_refused_and_nothing_applied(engine, writer):
    real = ['<row r="2"><c r="A2" t="inlineStr"><is><t>941</t></is></c><c r="B2" t="inlineStr"><is><t>ORG-HUYEN</t>'
            '</is></c><c r="D2" t="inlineStr"><is><t>done</t></is></c><c r="E2" t="inlineStr"><is><t>2010-10-05</t>'
            '</is></c></row>']
    refused_and_unchanged(engine, empty_rows_xlsx(200_000, real), "bom.xlsx", "kể cả dòng trống")


def test_a_refused_row_still_names_row_and_column_among_good_rows(engine, writer):
    text = ",".join(COLUMNS) + "\n941,ORG-HUYEN,,in_progress,05/10/2010,50,,\n941,ORG-HUYEN,,done,06/10/2010,1e2,,\n"
    with pytest.raises(ImportRefused) as err:
        apply(engine, text.encode(), "f.csv")
    assert [(p.row, p.column) for p in err.value.result.problems] == [(3, "percent")]
    assert stored(engine) == []
