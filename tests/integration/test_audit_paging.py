"""The audit log at national scale: one page and a count from SQL, never the whole history in memory."""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import event, inspect, select

from tests.accounts import add_account
from tracking.db.bulk import insert_rows
from tracking.db.migrate import downgrade, upgrade
from tracking.db.models import MilestoneRow, UpdateRow
from tracking.services.users import disable_user
from tracking.uow import UnitOfWork
from tracking.views.audit import PAGE_SIZE, AuditFilters, audit_page

HISTORY = 3 * PAGE_SIZE * 10 + 7  # 1,507 updates: thirty-one pages
FIRST = datetime(2026, 11, 1, 1, 0, tzinfo=timezone.utc)  # 08:00 in Vietnam


def _history(engine) -> None:
    """Updates one minute apart by three officers, oldest first, through the bulk loader of generated data."""
    with engine.begin() as conn:
        milestones = conn.execute(select(MilestoneRow.id, MilestoneRow.unit_code).order_by(MilestoneRow.id)).all()
        insert_rows(conn, UpdateRow.__table__,
                    ("milestone_id", "state", "fact_date", "percent", "recorded_by", "recorded_at", "source"),
                    ((milestones[i % len(milestones)].id, "in_progress", date(2010, 10, 1), i % 100, f"canbo{i % 3}",
                      FIRST + timedelta(minutes=i), "import") for i in range(HISTORY)))


def _statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, *rest: seen.append(sql))
    return seen


def test_a_long_history_is_read_one_page_at_a_time_with_its_count(engine):
    _history(engine)
    seen = _statements(engine)
    first = audit_page(engine)
    assert first.total == HISTORY and first.pages == -(-HISTORY // PAGE_SIZE) and first.page == 1
    assert len(first.rows) == PAGE_SIZE  # what was fetched: one page, not 1,507 rows
    counts, times, rows = _kinds(seen)
    assert len(counts) == 2 and len(times) == 1 and len(rows) == 1 and len(seen) == 4
    assert all("UNION" not in sql.upper() for sql in counts)  # each table counted on its own, the counts added
    assert all("LIMIT" in sql.upper() for sql in times + rows)
    newest = first.rows["recorded_at"].iloc[0]
    assert newest.replace(tzinfo=newest.tzinfo or timezone.utc) == FIRST + timedelta(minutes=HISTORY - 1)
    second = audit_page(engine, page=2)
    assert len(second.rows) == PAGE_SIZE and second.rows["recorded_at"].max() < first.rows["recorded_at"].min()
    last = audit_page(engine, page=10_000)  # past the end: the last page, not an empty one
    assert last.page == first.pages and len(last.rows) == HISTORY % PAGE_SIZE
    oldest = last.rows["recorded_at"].iloc[-1]
    assert oldest.replace(tzinfo=oldest.tzinfo or timezone.utc) == FIRST


def _kinds(seen: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The counts, the walk over the times alone, the read of whole rows."""
    reads = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    counts = [sql for sql in reads if "count(" in sql.lower()]
    rows = [sql for sql in reads if "recorded_by" in sql and sql not in counts]
    return counts, [sql for sql in reads if sql not in counts and sql not in rows], rows


def test_filters_are_applied_in_sql_before_the_page(engine):
    _history(engine)
    add_account(engine, "thanhtra")
    add_account(engine, "canbo941", "unit_officer", "941")
    with UnitOfWork(engine) as uow:
        disable_user(uow, "canbo941", by="thanhtra")
    mine = audit_page(engine, AuditFilters(user="canbo1"))
    assert mine.total == len(range(1, HISTORY, 3)) and set(mine.rows["recorded_by"]) == {"canbo1"}
    assert audit_page(engine, AuditFilters(user="canbo_")).total == 0  # '_' is a letter here, not a wildcard
    accounts = audit_page(engine, AuditFilters(action="user"))
    assert set(accounts.rows["action"]) == {"user_added", "user_disabled"} and accounts.total == 3
    assert audit_page(engine, AuditFilters(action="update")).total == HISTORY
    one_day = audit_page(engine, AuditFilters(start=date(2026, 11, 1), end=date(2026, 11, 1)))
    minutes_before_midnight_in_vietnam = 16 * 60  # 08:00 → 24:00
    assert one_day.total == minutes_before_midnight_in_vietnam
    unit = audit_page(engine, AuditFilters(unit_code="941", action="update"))
    assert 0 < unit.total < HISTORY and set(unit.rows["unit_code"]) == {"941"}
    province = audit_page(engine, AuditFilters(province_code="94", action="update"))
    assert province.total == HISTORY  # every unit of this database is Sóc Trăng's
    assert audit_page(engine, AuditFilters(province_code="01")).total == 0


def _plans(engine, seen, avoid_scans: bool = True) -> list[tuple[str, str]]:
    """Each SELECT of the page with its plan. `avoid_scans`: PostgreSQL is told to avoid a full scan, as it would on
    a national table, not on these 1,507 rows (a range of days); a walk that stops after the page it picks anyway."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if not sqlite and avoid_scans:
            conn.exec_driver_sql("SET enable_seqscan = off")
        return [(sql, " ".join(str(row[-1]) for row in conn.exec_driver_sql(
            ("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + sql, params)))
            for sql, params in list(seen) if sql.lstrip().upper().startswith("SELECT")]


def _listen(engine) -> list:
    seen: list[tuple[str, object]] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, sql, params, *rest: seen.append((sql, params)))
    return seen


def test_the_days_filter_reads_the_updates_through_their_recorded_at_index(engine):
    """Each table is filtered on its own days, so the index (migration 0017) spares reading the whole history."""
    _history(engine)
    seen = _listen(engine)
    audit_page(engine, AuditFilters(start=date(2026, 11, 1), end=date(2026, 11, 1)))
    plans = _plans(engine, seen)
    assert len(plans) == 4  # the count, the walk over the times, the count before the page, the page
    for sql, plan in plans:
        assert "ix_updates_recorded_at" in plan, plan


def test_the_unfiltered_first_and_last_pages_walk_the_time_index_and_sort_only_the_page(engine):
    """No days asked: the newest (or, for the last page, the oldest) times come in index order and the walk stops
    after the page; only the rows of the page's own times are read whole and sorted."""
    _history(engine)
    sqlite = engine.dialect.name == "sqlite"
    seen = _listen(engine)
    for page in (1, 10_000):
        seen.clear()
        audit_page(engine, page=page)
        plans = dict(_plans(engine, seen, avoid_scans=False))
        counts, times, rows = _kinds(list(plans))
        walk = plans[times[0]]
        if sqlite:
            assert "MERGE (UNION ALL)" in walk and "SCAN updates USING COVERING INDEX ix_updates_recorded_at" in walk
            assert "TEMP B-TREE" not in walk.split("SCAN updates USING COVERING INDEX ix_updates_recorded_at")[1][:40]
        else:
            assert "Merge Append" in walk and "Limit" in walk
            direction = "Scan Backward using" if page == 1 else "Scan using"  # newest first, or oldest first
            assert f"{direction} ix_updates_recorded_at" in walk, walk
        assert "SEARCH updates USING INDEX ix_updates_recorded_at" in plans[rows[0]] if sqlite else \
            "ix_updates_recorded_at" in plans[rows[0]]
        for count in counts:
            assert "UNION" not in count.upper()


def test_migration_0018_indexes_the_times_of_figures_and_account_events_and_back(engine):
    def indexed() -> set[str]:
        names = {ix["name"] for table in ("quantity_updates", "user_events")
                 for ix in inspect(engine).get_indexes(table)}
        return names & {"ix_quantity_updates_recorded_at", "ix_user_events_recorded_at"}

    assert indexed() == {"ix_quantity_updates_recorded_at", "ix_user_events_recorded_at"}
    downgrade(engine, "0017")
    assert indexed() == set()
    upgrade(engine)
    assert len(indexed()) == 2
