"""The audit page reads each table apart (its own count, its own newest-first walk) and must show exactly what the
one union of the whole log, filtered and sorted as a whole, shows: same count, same rows on every page, ties
included."""
import itertools
from datetime import date, datetime, timedelta, timezone

import pandas as pd
from sqlalchemy import select

from tracking.db.bulk import insert_rows
from tracking.db.models import (
    DeadlineChangeRow, MilestoneClosureRow, MilestoneRow, QuantityUpdateRow, SettingChangeRow, UnitRow, UpdateRow,
    UserEventRow,
)
from tracking.views.audit import AUDIT_COLUMNS, DETAIL_COLUMNS, TIE_BREAK, AuditFilters, audit_page, audit_statement
from tracking.views.audit_arms import vietnam_midnight_in_utc
from tracking.views.paging import like_escaped

COLUMNS = AUDIT_COLUMNS + DETAIL_COLUMNS
SIZE = 7  # small pages: many page boundaries, several inside one instant's changes
INSTANT = datetime(2026, 11, 2, 3, 0, tzinfo=timezone.utc)  # 10:00 in Vietnam; dozens of changes share it
START = datetime(2026, 11, 1, 1, 0, tzinfo=timezone.utc)


def _history(engine) -> str:
    """The demo history, then 300 updates a minute apart and, at one instant, changes of every kind: updates of one
    requirement at many units (same subject and detail: only the unit tells them apart), figures, account events,
    deadlines, closures, settings. Returns a unit that has changes of that instant."""
    with engine.begin() as conn:
        milestones = conn.execute(select(MilestoneRow.id, MilestoneRow.unit_code, MilestoneRow.requirement_id)
                                  .order_by(MilestoneRow.requirement_id, MilestoneRow.id)).all()
        tied = milestones[:30]
        updates = ("milestone_id", "state", "fact_date", "percent", "recorded_by", "recorded_at", "source")
        insert_rows(conn, UpdateRow.__table__, updates, (
            (milestones[i % len(milestones)].id, "in_progress", date(2010, 10, 1), i % 100, f"canbo{i % 3}",
             START + timedelta(minutes=i), "import") for i in range(300)))
        insert_rows(conn, UpdateRow.__table__, updates, (
            (m.id, "done", date(2010, 10, 20), None, f"canbo{1 + i % 2}", INSTANT, "app") for i, m in enumerate(tied)))
        insert_rows(conn, QuantityUpdateRow.__table__,
                    ("unit_code", "quantity", "value", "fact_date", "recorded_by", "recorded_at"),
                    ((m.unit_code, "staff", i, date(2010, 10, 1), "canbo1", INSTANT) for i, m in enumerate(tied[:12])))
        insert_rows(conn, UserEventRow.__table__,
                    ("username", "action", "role", "unit_code", "recorded_by", "recorded_at"),
                    ((f"nv{i}", "added", "unit_officer", tied[0].unit_code, "canbo1", INSTANT) for i in range(5)))
        insert_rows(conn, DeadlineChangeRow.__table__, ("requirement_id", "period", "deadline", "set_by", "set_at"),
                    ((tied[0].requirement_id, period, date(2011, 3, 31), "canbo1", INSTANT)
                     for period in (None, "Q1", "Q2")))
        insert_rows(conn, MilestoneClosureRow.__table__,
                    ("milestone_id", "action", "closed_on", "decided_by", "decided_at"),
                    ((m.id, "closed", date(2026, 11, 1), "canbo2", INSTANT) for m in tied[-2:]))
        insert_rows(conn, SettingChangeRow.__table__, ("key", "old_value", "value", "changed_by", "changed_at"),
                    ((key, None, "1", "canbo1", INSTANT) for key in ("a", "b")))
    return tied[0].unit_code


def _whole_log(engine, filters: AuditFilters) -> list:
    """The reference: the union of the whole log, filtered on its columns and sorted as one (what the page read
    before it walked each table apart), newest first, then the tie-break on every column."""
    a = audit_statement()
    stmt = select(*(a.c[c] for c in COLUMNS))
    if filters.unit_code:
        stmt = stmt.where(a.c.unit_code == filters.unit_code)
    if filters.province_code:
        stmt = stmt.where(a.c.unit_code.in_(
            select(UnitRow.code).where(UnitRow.province_code == filters.province_code).scalar_subquery()))
    if filters.user:
        stmt = stmt.where(a.c.recorded_by.like(like_escaped(filters.user) + "%", escape="\\"))
    if filters.action in ("user", "milestone"):
        stmt = stmt.where(a.c.action.like(filters.action + "\\_%", escape="\\"))
    elif filters.action:
        stmt = stmt.where(a.c.action == filters.action)
    if filters.start:
        stmt = stmt.where(a.c.recorded_at >= vietnam_midnight_in_utc(filters.start))
    if filters.end:
        stmt = stmt.where(a.c.recorded_at < vietnam_midnight_in_utc(filters.end + timedelta(days=1)))
    stmt = stmt.order_by(a.c.recorded_at.desc(), *(a.c[c].asc() for c in TIE_BREAK))
    with engine.connect() as conn:
        return conn.execute(stmt).mappings().all()


def _newest_first_then_kind_subject_detail(rows: list) -> None:
    """The order the page promises, checked in Python on the reference itself (the test databases sort text by
    code point, as Python does)."""
    keys = [(row["recorded_at"], row["action"], row["subject"], row["detail"]) for row in rows]
    for (at, *rest), (next_at, *next_rest) in zip(keys, keys[1:]):
        assert at > next_at or (at == next_at and rest <= next_rest)


def _pages_to_check(pages: int) -> list[int]:
    if pages <= 12:
        return list(range(1, pages + 2))  # and one past the end: the last page again
    middle = (pages + 1) // 2
    return [1, 2, 3, middle - 1, middle, middle + 1, pages - 2, pages - 1, pages, pages + 5]


def _page_of(rows: list) -> pd.DataFrame:
    """Built as the page builds its frame, so the columns' types are inferred from the same values."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["detail"] = frame["detail"].str.split().str.join(" ")
    return frame.reset_index(drop=True)


def _filter_sets(unit: str) -> list[AuditFilters]:
    day = INSTANT.date()
    combined = [AuditFilters(unit_code=u, province_code=p, user=who, action=kind, start=s, end=s)
                for u, p, who, kind, s in itertools.product(
                    (None, unit), (None, "94"), (None, "canbo1"), (None, "update", "quantity", "user"), (None, day))]
    alone = [AuditFilters(action=kind) for kind in ("deadline", "milestone", "setting", "user_added", "plan_published",
                                                    "plan", "nothing")]
    alone += [AuditFilters(user="du"), AuditFilters(user="canbo_"), AuditFilters(province_code="01"),
              AuditFilters(start=day), AuditFilters(end=date(2026, 11, 1)),
              AuditFilters(start=date(2026, 11, 1), end=date(2026, 11, 1), action="update")]
    return combined + alone


def test_every_page_of_every_filter_is_the_page_of_the_whole_log_sorted_as_one(demo_engine):
    unit = _history(demo_engine)
    checked = 0
    for filters in _filter_sets(unit):
        whole = _whole_log(demo_engine, filters)
        _newest_first_then_kind_subject_detail(whole)
        first = audit_page(demo_engine, filters, 1, SIZE)
        assert first.total == len(whole), filters
        for page in _pages_to_check(first.pages):
            shown = audit_page(demo_engine, filters, page, SIZE)
            at = min(page, first.pages)
            assert shown.page == at and shown.total == len(whole)
            expected = _page_of(whole[(at - 1) * SIZE:at * SIZE])
            pd.testing.assert_frame_equal(shown.rows, expected, obj=f"{filters} page {page}")
            checked += 1
    assert checked > 300  # the filters above do reach deep and tied pages


def test_the_instant_shared_by_many_changes_is_split_across_pages_in_one_order(demo_engine):
    """Page boundaries inside one instant: reading page by page gives every change of it once."""
    _history(demo_engine)
    filters = AuditFilters(start=INSTANT.date(), end=INSTANT.date())
    count = audit_page(demo_engine, filters, 1, SIZE).pages
    pages = [audit_page(demo_engine, filters, page, SIZE) for page in range(1, count + 1)]
    rows = pd.concat([p.rows for p in pages], ignore_index=True)
    at_instant = rows[rows["recorded_at"].map(lambda t: t.replace(tzinfo=t.tzinfo or timezone.utc)) == INSTANT]
    assert len(at_instant) == 30 + 12 + 5 + 3 + 2 + 2
    assert not rows.duplicated().any() and len(rows) == pages[0].total
