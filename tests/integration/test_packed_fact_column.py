"""Migration 0019: on PostgreSQL the database packs each fact as it is written (the column `packed`, indexed with its
milestone), exactly as tracking.views.packed_facts.packed_fact packs it; the snapshot's grouped walk reads only that
index. SQLite has neither and needs neither."""
import gzip
import json
from datetime import date

from sqlalchemy import inspect, select

from tests.accounts import add_account
from tracking.db.backup import restore_backup, write_backup
from tracking.db.bulk import insert_rows
from tracking.db.engine import make_engine
from tracking.db.migrate import downgrade, upgrade
from tracking.db.models import MilestoneRow, UpdateRow
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.packed_facts import packed_fact
from tracking.views.snapshot import snapshot

TODAY = date(2026, 11, 26)
# Every state and kind of percent, same-day facts, a day before 1970 (a negative day number) and a reopened run.
FACTS = [("done", "1969-12-30", None), ("in_progress", "2010-09-01", 40), ("not_started", "2010-09-01", None),
         ("done", "2010-11-05", 100), ("in_progress", "2010-11-05", 0), ("done", "2011-01-03", None)]


def _record(engine):
    add_account(engine, "thanh_tra")
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "in_progress", "2010-09-01", "thanh_tra", percent=30),
                      today=TODAY)
    with engine.begin() as conn:  # as `generate` and the bench write: COPY on PostgreSQL, names no packed column
        milestone = conn.scalar(select(MilestoneRow.id).order_by(MilestoneRow.id).limit(1))
        insert_rows(conn, UpdateRow.__table__, ("milestone_id", "state", "fact_date", "percent", "recorded_by",
                                                "recorded_at", "source"),
                    [(milestone, state, date.fromisoformat(day), percent, "bench", TODAY, "bench")
                     for state, day, percent in FACTS])


def _stored_and_computed(engine) -> tuple[dict, dict]:
    u = UpdateRow.__table__
    with engine.connect() as conn:
        return (dict(conn.exec_driver_sql("SELECT id, packed FROM updates").all()),
                dict(conn.execute(select(u.c.id, packed_fact(u, "postgresql"))).all()))


def _columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("updates")}


def test_postgresql_packs_every_fact_as_the_snapshot_would(engine):
    _record(engine)
    if engine.dialect.name != "postgresql":
        assert "packed" not in _columns(engine)
        return
    stored, computed = _stored_and_computed(engine)
    assert len(stored) == len(FACTS) + 1
    assert stored == computed


def test_migration_0019_packs_the_facts_of_an_existing_database_and_back(engine):
    downgrade(engine, "0018")
    assert "packed" not in _columns(engine)
    _record(engine)  # facts written before the column existed
    upgrade(engine)
    if engine.dialect.name != "postgresql":  # nothing to do, nor to undo
        assert "packed" not in _columns(engine)
        return
    assert "ix_updates_milestone_packed" in {ix["name"] for ix in inspect(engine).get_indexes("updates")}
    stored, computed = _stored_and_computed(engine)
    assert len(stored) == len(FACTS) + 1 and stored == computed
    downgrade(engine, "0018")
    assert "packed" not in _columns(engine)
    assert "ix_updates_milestone_packed" not in {ix["name"] for ix in inspect(engine).get_indexes("updates")}


def test_a_backup_holds_no_packed_fact_and_a_restore_has_them_computed(engine, tmp_path, db_url):
    _record(engine)
    path = tmp_path / "backup.jsonl.gz"
    write_backup(engine, path)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        facts = [item["r"] for item in map(json.loads, lines) if item.get("t") == "updates"]
    assert len(facts) == len(FACTS) + 1 and not any("packed" in fact for fact in facts)
    target = make_engine(db_url)
    try:
        restore_backup(target, path)
        assert snapshot(target, date(2011, 6, 30), every_plan=True).equals(
            snapshot(engine, date(2011, 6, 30), every_plan=True))
        if target.dialect.name == "postgresql":
            with target.connect() as conn:
                assert conn.exec_driver_sql("SELECT count(*) FROM updates WHERE packed IS NULL").scalar() == 0
    finally:
        target.dispose()
