"""Imports never drop or merge rows silently, and text is stored in one Unicode form — on SQLite and PostgreSQL."""
import unicodedata
from datetime import date

import pytest
from sqlalchemy import select

from tests.accounts import add_account
from tests.db_dump import dump
from tests.import_files import stale_dimension_xlsx
from tracking.db.models import UpdateRow, UserRow
from tracking.errors import InvalidInput, TrackingError
from tracking.imports.columns import COLUMNS
from tracking.imports.reader import read_import_file
from tracking.services.importing import import_updates
from tracking.services.updates import UpdateCommand, record_update
from tracking.services.users import add_user, authenticate
from tracking.uow import UnitOfWork

TODAY = date(2026, 11, 26)
HEADER = ",".join(COLUMNS) + "\n"
NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


@pytest.fixture
def writer(engine):
    return add_account(engine, "thanhtra")


def apply(engine, content: bytes, name: str, by: str = "thanhtra"):
    read = read_import_file(content, name)
    with UnitOfWork(engine) as uow:
        return import_updates(uow, read.rows, by, today=TODAY, untouched=read.untouched)


def stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(UpdateRow.state, UpdateRow.fact_date, UpdateRow.note, UpdateRow.recorded_by)
                            .order_by(UpdateRow.id)).all()


def test_every_row_of_a_workbook_with_a_stale_dimension_is_imported(engine, writer):
    rows = [dict(unit_code="941", requirement_code="ORG-HUYEN", period="", state="in_progress",
                 date=date(2010, 10, day), percent=day, evidence=None, note=None) for day in range(1, 12)]
    result = apply(engine, stale_dimension_xlsx(rows, "A1:H3"), "cu.xlsx")
    assert result.rows == 11 and result.new == 11 and len(stored(engine)) == 11


def test_a_nul_byte_in_a_cell_is_refused_naming_row_and_column_and_nothing_is_written(engine, writer):
    before = dump(engine)
    content = (HEADER + "941,ORG-HUYEN,,done,2010-10-01,,,ok\n942,ORG-HUYEN,,done,2010-10-01,,,a\x00b\n").encode()
    with pytest.raises(TrackingError, match="dòng 3, cột note"):
        apply(engine, content, "f.csv")
    assert dump(engine) == before


def test_a_nul_byte_typed_into_a_form_is_refused_before_the_database(engine, writer):
    before = dump(engine)
    with pytest.raises(InvalidInput) as err, UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "done", "2010-10-01", "thanhtra", note="a\x00b"), TODAY)
    assert err.value.field == "note"
    assert dump(engine) == before


def test_decomposed_vietnamese_is_accepted_and_stored_composed(engine, writer):
    content = (HEADER + f"941,ORG-HUYEN,,{NFD('hoàn thành')},2010-10-01,,,{NFD('Đã ký quyết định')}\n").encode()
    assert apply(engine, content, "f.csv").new == 1
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("942", "ORG-HUYEN", NFD("hoàn thành"), "2010-10-02", "thanhtra",
                                         note=NFD("Quyết định số 9")), TODAY)
    assert [(s, n) for s, _, n, _ in stored(engine)] == [("done", "Đã ký quyết định"), ("done", "Quyết định số 9")]


@pytest.mark.parametrize("typed", ["THANHTRA", " ThanhTra "])
def test_a_user_name_in_any_case_works_for_writing_as_it_does_for_signing_in(engine, writer, typed):
    content = (HEADER + "941,ORG-HUYEN,,done,2010-10-01,,,\n").encode()
    assert apply(engine, content, "f.csv", by=typed).new == 1
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("942", "ORG-HUYEN", "done", "2010-10-01", typed), TODAY)
    assert {by for *_, by in stored(engine)} == {"thanhtra"}
    with UnitOfWork(engine) as uow:
        assert authenticate(uow, typed, "mat-khau-thu").username == "thanhtra"


def test_new_accounts_follow_the_same_rule_and_keep_display_names_composed(engine):
    with UnitOfWork(engine) as uow:
        add_user(uow, " CanBo941 ", "unit_officer", "mat-khau-thu", by="test", unit_code="941",
                 display_name=NFD("Nguyễn Văn Ánh"))
    with engine.connect() as conn:
        assert conn.execute(select(UserRow.username, UserRow.display_name)).one() == ("canbo941", "Nguyễn Văn Ánh")
    with pytest.raises(InvalidInput, match="đã có"), UnitOfWork(engine) as uow:
        add_user(uow, "CANBO941", "inspector", "mat-khau-thu", by="test")


def test_a_quoted_multi_line_note_is_one_update_and_rows_are_counted_as_shown(engine, writer):
    content = (HEADER + '941,ORG-HUYEN,,done,2010-10-01,,,"Dòng một\r\nDòng hai"\r\n'
               "942,ORG-HUYEN,,done,2010-10-01,,,\r\n").encode()
    result = apply(engine, content, "f.csv")
    assert result.rows == 2 and [p["row"] for p in result.planned] == [2, 3]
    assert stored(engine)[0][2] == "Dòng một\r\nDòng hai"


def test_a_csv_with_cr_only_line_endings_is_imported(engine, writer):
    content = (HEADER + "941,ORG-HUYEN,,done,2010-10-01,,,\n942,ORG-HUYEN,,done,2010-10-01,,,\n").replace("\n", "\r")
    assert apply(engine, content.encode(), "mac.csv").new == 2


def test_a_bad_row_in_a_multi_line_csv_names_the_row_and_its_text_line(engine, writer):
    content = (HEADER + '941,ORG-HUYEN,,done,2010-10-01,,,"a\nb"\n942,ORG-HUYEN,,xong,2010-10-01,,,\n').encode()
    before = dump(engine)
    with pytest.raises(TrackingError) as err:
        apply(engine, content, "f.csv")
    assert "dòng 3 (dòng 4 trong tệp văn bản), cột state" in str(err.value)
    assert dump(engine) == before
