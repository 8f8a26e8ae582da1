"""A form's "has this milestone changed since I opened it?" is exact whoever writes: form, CLI or import."""
import threading
from datetime import date

import pytest
from sqlalchemy import select, text

from tests.accounts import add_account
from tracking.db.models import MilestoneRow, RequirementRow, UnitRow, UpdateRow
from tracking.imports.reader import read_rows
from tracking.imports.sample import csv_bytes
from tracking.services.importing import import_updates
from tracking.services.quantities import QuantityCommand, current_quantities, record_quantities
from tracking.services.updates import Conflict, UpdateCommand, record_update
from tracking.uow import UnitOfWork

TODAY = date(2026, 11, 26)
IMPORTED_NOTE = "nhập từ tệp của huyện"


@pytest.fixture
def writer(engine):
    return add_account(engine, "thanhtra")


def shown_version(engine, unit="941", requirement="ORG-HUYEN") -> int:
    """What the update form remembers when it is opened."""
    with engine.connect() as conn:
        return conn.scalar(select(MilestoneRow.version).join(RequirementRow)
                           .where(MilestoneRow.unit_code == unit, RequirementRow.code == requirement))


def cli_update(engine, **fields) -> int:
    cmd = dict(unit_code="941", requirement_code="ORG-HUYEN", state="in_progress", fact_date="2010-10-01",
               by="thanhtra", source="cli") | fields
    with UnitOfWork(engine) as uow:
        return record_update(uow, UpdateCommand(**cmd), today=TODAY)


def form_save(engine, based_on: int, **fields) -> int:
    return cli_update(engine, based_on=based_on, check_version=True, source="app", **fields)


def import_file_rows(note=IMPORTED_NOTE):
    row = {"unit_code": "941", "requirement_code": "ORG-HUYEN", "period": "", "state": "done",
           "date": "2010-10-25", "percent": 100, "evidence": "Quyết định số 7/QĐ-UBND", "note": note}
    return read_rows(csv_bytes([row]), "cap-nhat.csv")


def run_import(uow):
    return import_updates(uow, import_file_rows(), "thanhtra", today=TODAY)


def set_next_update_id(engine, next_id: int) -> None:
    """PostgreSQL hands out ids from a sequence: move it to reproduce ids that do not follow commit order."""
    with engine.begin() as conn:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('updates', 'id'), :n, false)"), {"n": next_id})


def test_a_form_opened_before_an_import_commits_on_its_milestone_is_refused(engine, writer, backend):
    """The issue's interleaving: form opened on the newest update, an import commits an update with a LOWER id."""
    if backend == "postgresql":
        set_next_update_id(engine, 8521)
    newest = cli_update(engine)
    opened_on = shown_version(engine)  # the form is opened, showing update `newest`
    if backend == "postgresql":
        set_next_update_id(engine, 7521)
    with UnitOfWork(engine) as uow:
        assert run_import(uow).applied
    with engine.connect() as conn:
        imported = conn.scalar(select(UpdateRow.id).where(UpdateRow.note == IMPORTED_NOTE))
    if backend == "postgresql":
        assert imported < newest  # ids do not follow commit order: comparing ids would miss this import
    with pytest.raises(Conflict) as err:
        form_save(engine, opened_on, note="lưu từ biểu mẫu cũ")
    assert IMPORTED_NOTE in str(err.value) and f"#{imported}" in str(err.value)
    with engine.connect() as conn:
        assert conn.scalar(select(UpdateRow.id).where(UpdateRow.note == "lưu từ biểu mẫu cũ")) is None


class PausedCommit(UnitOfWork):
    """A unit of work that has written its rows and waits before committing (holding its locks)."""

    def __init__(self, engine, flushed: threading.Event, go: threading.Event):
        super().__init__(engine)
        self.flushed, self.go = flushed, go

    def commit(self) -> None:
        self.flushed.set()
        assert self.go.wait(30)
        super().commit()


def test_a_form_save_during_an_uncommitted_import_waits_for_it_and_is_refused(engine, writer):
    cli_update(engine)
    opened_on = shown_version(engine)
    flushed, go, outcome = threading.Event(), threading.Event(), {}

    def importer():
        with PausedCommit(engine, flushed, go) as uow:
            outcome["import"] = run_import(uow).applied

    def form():
        try:
            form_save(engine, opened_on, note="lưu trong lúc đang nhập")
            outcome["form"] = "saved"
        except Conflict:
            outcome["form"] = "conflict"

    importing = threading.Thread(target=importer)
    importing.start()
    assert flushed.wait(30)
    assert shown_version(engine) == opened_on  # the import's version is not visible before it commits
    saving = threading.Thread(target=form)
    saving.start()
    go.set()
    importing.join(60)
    saving.join(60)
    assert outcome == {"import": True, "form": "conflict"}
    assert shown_version(engine) == opened_on + 1


def test_every_writer_bumps_the_version_and_each_update_records_the_one_it_made(engine, writer):
    start = shown_version(engine)
    cli_update(engine)
    form_save(engine, start + 1, state="done", fact_date="2010-10-20")
    with UnitOfWork(engine) as uow:
        import_updates(uow, read_rows(csv_bytes([
            {"unit_code": "941", "requirement_code": "ORG-HUYEN", "period": "", "state": "in_progress",
             "date": "2010-11-02", "percent": 90, "evidence": "", "note": "a"},
            {"unit_code": "941", "requirement_code": "ORG-HUYEN", "period": "", "state": "done",
             "date": "2010-11-03", "percent": 100, "evidence": "", "note": "b"},
        ]), "f.csv"), "thanhtra", today=TODAY)
    assert shown_version(engine) == start + 4
    with engine.connect() as conn:
        assert conn.scalars(select(UpdateRow.version).order_by(UpdateRow.id)).all() == [1, 2, 3, 4]


def test_a_dry_run_import_changes_no_version(engine, writer):
    start = shown_version(engine)
    with UnitOfWork(engine) as uow:
        import_updates(uow, import_file_rows(), "thanhtra", dry_run=True, today=TODAY)
    assert shown_version(engine) == start


def test_a_figures_form_opened_before_another_save_is_refused_even_when_ids_run_backwards(engine, writer, backend):
    def figures(value, based_on=None, check=False):
        with UnitOfWork(engine) as uow:
            return record_quantities(uow, QuantityCommand("941", {"dedicated_staff": value}, "2010-10-01", "thanhtra",
                                                          based_on=based_on, check_version=check), today=TODAY)
    if backend == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('quantity_updates', 'id'), 900, false)"))
    figures(1)
    with UnitOfWork(engine) as uow:
        _, opened_on = current_quantities(uow.session, "941")
    if backend == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('quantity_updates', 'id'), 100, false)"))
    figures(2)  # another writer, whose row gets a lower id on PostgreSQL
    with pytest.raises(Conflict):
        figures(3, based_on=opened_on, check=True)
    with engine.connect() as conn:
        assert conn.scalar(select(UnitRow.figures_version).where(UnitRow.code == "941")) == opened_on + 1


def test_the_migration_numbers_existing_history_as_the_writers_would(demo_engine):
    from tracking.db.migrate import downgrade, upgrade

    def versions():
        with demo_engine.connect() as conn:
            return (conn.execute(select(UpdateRow.id, UpdateRow.version).order_by(UpdateRow.id)).all(),
                    conn.execute(select(MilestoneRow.id, MilestoneRow.version).order_by(MilestoneRow.id)).all(),
                    conn.execute(select(UnitRow.code, UnitRow.figures_version).order_by(UnitRow.code)).all())
    written = versions()
    assert any(v for _, v in written[1]) and any(v for _, v in written[2])
    downgrade(demo_engine, "0002")
    upgrade(demo_engine)
    migrated = versions()
    assert migrated[:2] == written[:2]
    # Figures: the migration can only count rows (a save may write several), so it is at least as high.
    assert all(after >= before for (_, before), (_, after) in zip(written[2], migrated[2]))
