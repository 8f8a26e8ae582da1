"""How the snapshot reads (issue 20): the latest fact from the covering index alone, the catalogue as joined texts
(row by row when a text holds the separator), the evidence and note only for the rows shown — on SQLite and
PostgreSQL."""
from datetime import date

from sqlalchemy import inspect, update

from tests.accounts import add_account
from tracking.db.migrate import downgrade, upgrade
from tracking.db.models import UnitRow
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.evidence import with_words
from tracking.views.joined_columns import SEPARATOR
from tracking.views.milestone_catalogue import forget_catalogues
from tracking.views.snapshot import snapshot

TODAY = date(2026, 11, 26)


def record(engine, day, evidence, note, state="in_progress"):
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", state, day, "thanh_tra", evidence=evidence, note=note),
                      today=TODAY)


def test_the_evidence_and_note_shown_are_those_of_the_latest_fact_by_the_date(engine):
    add_account(engine, "thanh_tra")
    record(engine, "2010-09-01", "Công văn 1/TTr", "Đang bố trí")
    record(engine, "2010-11-05", "Quyết định 45/QĐ-UBND", None, state="done")

    def words(as_of):
        rows = snapshot(engine, as_of, unit_codes=["941"], requirement_codes=["ORG-HUYEN"])
        assert "evidence" not in rows  # not read for the whole country: only for the rows a page shows
        shown = with_words(engine, rows, as_of)
        return shown["evidence"].iloc[0], shown["note"].iloc[0]

    assert words(date(2010, 8, 1)) == (None, None)
    assert words(date(2010, 10, 1)) == ("Công văn 1/TTr", "Đang bố trí")
    assert words(date(2011, 1, 1)) == ("Quyết định 45/QĐ-UBND", None)


def test_a_name_holding_the_separator_is_read_row_by_row(engine):
    with engine.begin() as conn:
        conn.execute(update(UnitRow).where(UnitRow.code == "941").values(
            name=f"Huyện{SEPARATOR}lạ", short_name=None))
    forget_catalogues()  # a name written behind the app's back: the stamp cannot know
    rows = snapshot(engine, date(2011, 1, 1)).set_index("unit_code")
    assert set(rows.loc["941", "unit_name"]) == {f"Huyện{SEPARATOR}lạ"}
    assert rows.loc["941", "unit_short_name"].isna().all()
    assert set(rows.loc["942", "unit_level"]) == {"district"}  # the other columns still line up


def test_the_latest_fact_is_read_from_the_index_alone(engine):
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":  # an empty test table: ask which plan the index allows
            for setting in ("enable_seqscan", "enable_bitmapscan"):
                conn.exec_driver_sql(f"SET {setting} = off")
            prefix, wanted = "EXPLAIN ", "Index Only Scan"
        else:
            prefix, wanted = "EXPLAIN QUERY PLAN ", "COVERING INDEX ix_updates_milestone_fact"
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
            prefix + "SELECT state, percent FROM updates WHERE milestone_id = 1 AND fact_date <= '2011-01-01' "
                     "ORDER BY fact_date DESC, id DESC LIMIT 1"))
    assert wanted in plan, plan


def test_migration_0016_widens_the_fact_index_of_an_existing_database_and_back(engine):
    def columns():
        return next(ix["column_names"] for ix in inspect(engine).get_indexes("updates")
                    if ix["name"] == "ix_updates_milestone_fact")

    assert columns() == ["milestone_id", "fact_date", "id", "state", "percent"]
    downgrade(engine, "0015")
    assert columns() == ["milestone_id", "fact_date", "id"]
    upgrade(engine)
    assert columns() == ["milestone_id", "fact_date", "id", "state", "percent"]
