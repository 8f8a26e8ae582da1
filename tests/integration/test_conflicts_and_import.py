"""No lost updates, and bulk imports that apply every row or none, without duplicates on a second run."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.accounts import add_account
from tracking.db.models import MilestoneRow, QuantityUpdateRow, RequirementRow, UpdateRow
from tracking.errors import TrackingError
from tracking.imports.reader import read_import_file, read_rows
from tracking.imports.sample import csv_bytes, sample_rows, xlsx_bytes
from tracking.imports.template import template_bytes
from tracking.services.importing import ImportRefused, import_updates
from tracking.services.quantities import QuantityCommand, current_quantities, record_quantities
from tracking.services.updates import Conflict, UpdateCommand, record_update
from tracking.uow import UnitOfWork

TODAY = date(2026, 11, 26)


@pytest.fixture
def writer(engine):
    return add_account(engine, "thanhtra")


def updates(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(select(UpdateRow.id, UpdateRow.milestone_id, UpdateRow.state).order_by(UpdateRow.id)).all()


def save(engine, based_on, **fields):
    cmd = dict(unit_code="941", requirement_code="ORG-HUYEN", state="in_progress", fact_date="2010-10-01",
               by="thanhtra", based_on=based_on, check_version=True) | fields
    with UnitOfWork(engine) as uow:
        return record_update(uow, UpdateCommand(**cmd), today=TODAY)


def version(engine, unit="941", requirement="ORG-HUYEN") -> int:
    """What the form shows as its version: the milestone's write version."""
    with engine.connect() as conn:
        return conn.scalar(select(MilestoneRow.version).join(RequirementRow)
                           .where(MilestoneRow.unit_code == unit, RequirementRow.code == requirement))


def test_a_save_based_on_an_old_version_is_refused_and_says_what_changed(engine, writer):
    save(engine, version(engine))
    first = version(engine)
    save(engine, first, state="done", fact_date="2010-10-20", evidence="Quyết định số 45/QĐ-UBND")
    before = updates(engine)
    with pytest.raises(Conflict) as err:
        save(engine, first, note="sửa của người thứ hai")
    message = str(err.value)
    assert "hoàn thành ngày 20/10/2010" in message and "Quyết định số 45/QĐ-UBND" in message and "thanhtra" in message
    assert "ngày 01/10/2010" not in message  # only what the form did not show
    assert updates(engine) == before
    assert save(engine, version(engine), note="nhập lại sau khi xem")  # based on what is now shown, it goes through


def test_two_forms_opened_on_an_empty_history_only_the_first_saves(engine, writer):
    save(engine, None)
    with pytest.raises(Conflict):
        save(engine, None, state="done")
    assert len(updates(engine)) == 1


def test_figures_are_refused_too_when_someone_saved_meanwhile(engine, writer):
    def figures(based_on, value):
        with UnitOfWork(engine) as uow:
            return record_quantities(uow, QuantityCommand("941", {"dedicated_staff": value}, "2010-10-01", "thanhtra",
                                                          based_on=based_on, check_version=True), today=TODAY)
    assert figures(None, 1)
    with pytest.raises(Conflict):
        figures(None, 2)
    with UnitOfWork(engine) as uow:
        _, shown = current_quantities(uow.session, "941")
    assert shown == 1 and figures(shown, 2)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(QuantityUpdateRow)) == 2


def import_file(engine, content, name, by="thanhtra", dry_run=False):
    with UnitOfWork(engine) as uow:
        return import_updates(uow, read_rows(content, name), by, dry_run=dry_run, today=TODAY)


def test_a_2000_row_file_with_3_bad_rows_is_refused_naming_them_and_the_corrected_file_applies(engine, writer, tmp_path):
    rows = sample_rows(engine, 2000)
    bad = [dict(r) for r in rows]
    bad[10]["state"] = "xong"
    bad[700]["date"] = "31/02/2011"
    bad[1500]["percent"] = 150
    path = tmp_path / "cap-nhat.xlsx"
    path.write_bytes(xlsx_bytes(bad))
    with pytest.raises(ImportRefused) as err:
        import_file(engine, path.read_bytes(), path.name)
    problems = [(p.row, p.column) for p in err.value.result.problems]
    assert problems == [(12, "state"), (702, "date"), (1502, "percent")]
    assert all(p.reason for p in err.value.result.problems) and "dòng 702, cột date" in str(err.value)
    assert updates(engine) == []

    path.write_bytes(xlsx_bytes(rows))
    result = import_file(engine, path.read_bytes(), path.name)
    assert result.applied and result.new == 2000 and len(updates(engine)) == 2000

    again = import_file(engine, path.read_bytes(), path.name)
    assert again.new == 0 and again.duplicates == 2000 and len(updates(engine)) == 2000


def test_a_dry_run_says_what_would_change_and_writes_nothing(engine, writer):
    rows = sample_rows(engine, 30)
    result = import_file(engine, xlsx_bytes(rows), "f.xlsx", dry_run=True)
    assert not result.applied and result.new == 30 and result.planned[0]["row"] == 2
    assert updates(engine) == []


@pytest.mark.parametrize("bom", [True, False])
def test_csv_in_utf8_with_or_without_bom_imports(engine, writer, bom):
    rows = sample_rows(engine, 5)
    rows[0]["note"] = "Đã ký quyết định, đủ cán bộ"
    assert import_file(engine, csv_bytes(rows, bom=bom), "f.csv").new == 5


def test_a_unit_officer_cannot_import_rows_of_another_unit(engine):
    add_account(engine, "canbo941", "unit_officer", "941")
    rows = [r for r in sample_rows(engine, 800) if r["unit_code"] in ("941", "942")]
    with pytest.raises(ImportRefused) as err:
        import_file(engine, xlsx_bytes(rows), "f.xlsx", by="canbo941")
    assert {p.column for p in err.value.result.problems} == {"unit_code"}
    assert len(err.value.result.problems) == sum(r["unit_code"] == "942" for r in rows)
    assert updates(engine) == []


def test_a_header_missing_a_column_is_refused_before_any_row(engine, writer):
    content = csv_bytes(sample_rows(engine, 3)).replace(b"requirement_code", b"requirement")
    with pytest.raises(TrackingError, match="thiếu cột requirement_code"):
        import_file(engine, content, "f.csv")


def test_the_template_lists_the_milestones_with_dropdowns_and_imports_once_filled(engine, writer, tmp_path):
    content = template_bytes(engine, ["941"], TODAY)
    book = load_workbook(io.BytesIO(content))
    sheet = book["Cập nhật"]
    validations = {str(v.sqref).split(":")[0][0]: v for v in sheet.data_validations.dataValidation}
    assert [c.value for c in sheet[1]][:8] == ["Mã đơn vị", "Mã yêu cầu", "Kỳ báo cáo", "Trạng thái", "Ngày sự việc",
                                               "Tỷ lệ hoàn thành (%)", "Căn cứ", "Ghi chú"]
    assert validations["D"].type == "list" and "đang thực hiện" in validations["D"].formula1
    assert "in_progress" not in validations["D"].formula1
    assert validations["E"].type == "date" and validations["F"].type == "whole"
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "ORG-HUYEN" in codes and codes.count("REP-QUY") == 6
    with pytest.raises(TrackingError, match="không dòng nào điền tiến độ"):  # not a success that imported nothing
        import_file(engine, content, "mau.xlsx")
    sheet["D2"], sheet["E2"] = "hoàn thành", date(2010, 10, 20)  # the drop-down's word
    path = tmp_path / "mau.xlsx"
    book.save(path)
    read = read_import_file(path.read_bytes(), path.name)
    with UnitOfWork(engine) as uow:
        result = import_updates(uow, read.rows, "thanhtra", today=TODAY, untouched=read.untouched)
    assert result.new == 1 and result.untouched == len(codes) - 1 and updates(engine)  # every row accounted for


def test_a_leader_importing_gets_one_refusal_not_one_per_row(engine, writer):
    from tracking.services.permissions import PermissionDenied
    add_account(engine, "lanhdao", role="leader")
    content = csv_bytes(sample_rows(engine, 50))
    with pytest.raises(PermissionDenied, match="không được nhập cập nhật tiến độ"):
        import_file(engine, content, "x.csv", by="lanhdao")
    assert updates(engine) == []


def test_two_writers_checking_at_the_same_moment_cannot_both_pass(engine, writer):
    """The first writer holds the lock between its check and its insert; the second then sees its update."""
    import threading

    from tracking.services.updates import build_update, ensure_current
    from tracking.services.versions import lock_milestones, stamp_updates

    first_checked, first_may_finish = threading.Event(), threading.Event()
    outcome = {}

    def first():
        with UnitOfWork(engine) as uow:
            row = build_update(uow.session, UpdateCommand("941", "ORG-HUYEN", "in_progress", "2010-09-01", "thanhtra"),
                               TODAY)
            versions = lock_milestones(uow.session, [row.milestone_id])
            ensure_current(uow.session, row.milestone_id, None, versions[row.milestone_id])
            first_checked.set()
            first_may_finish.wait(10)
            stamp_updates(uow.session, [row], versions)
            uow.session.add(row)
            uow.commit()

    def second():
        first_checked.wait(10)
        threading.Timer(0.5, first_may_finish.set).start()  # the first finishes while the second waits
        try:
            save(engine, None, state="done")
            outcome["second"] = "saved"
        except Conflict:
            outcome["second"] = "conflict"

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert outcome == {"second": "conflict"}
    assert [u[2] for u in updates(engine)] == ["in_progress"]


def test_a_back_dated_figure_is_compared_with_the_value_in_force_on_its_date(engine, writer):
    def figures(day, **values):
        with UnitOfWork(engine) as uow:
            return record_quantities(uow, QuantityCommand("941", values, day, "thanhtra"), today=TODAY)
    figures("2011-03-01", dedicated_staff=2)
    assert figures("2010-08-01", dedicated_staff=1)  # earlier history can still be filled in
    assert figures("2010-09-01", dedicated_staff=2)  # equal to the 2011 value, but not to the one in force then
    with pytest.raises(TrackingError, match="không có số liệu nào thay đổi"):
        figures("2010-10-01", dedicated_staff=2)


def test_more_officers_trained_than_in_post_is_refused_naming_the_field(engine, writer):
    with UnitOfWork(engine) as uow:
        with pytest.raises(TrackingError) as err:
            record_quantities(uow, QuantityCommand("941", {"officers_in_post": 3, "officers_trained": 9},
                                                   "2010-10-01", "thanhtra"), today=TODAY)
    assert err.value.field == "officers_trained"
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(QuantityUpdateRow)) == 0
