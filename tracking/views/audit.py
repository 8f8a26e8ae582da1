"""Every change, from the append-only tables themselves (so nothing written can be missing from it)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
from sqlalchemy import Date, Engine, Integer, String, cast, func, literal, null, select, union_all

from tracking.cells import safe_cell
from tracking.views.paging import PAGE_SIZE, Page, like_escaped, read_page
from tracking.labels import VIETNAM_TIME
from tracking.db.models import (
    DeadlineChangeRow, MilestoneClosureRow, MilestoneRow, PlanEventRow, PlanRow, QuantityUpdateRow, RequirementRow,
    SettingChangeRow, UnitRow, UpdateRow, UserEventRow,
)

AUDIT_COLUMNS = ["recorded_at", "recorded_by", "action", "unit_code", "subject", "detail", "source"]
DETAIL_COLUMNS = ["item", "period", "state", "day", "number", "evidence", "note", "role"]


def _text(column):
    return func.coalesce(cast(column, String), "")


def _none(type_):
    return cast(null(), type_)


def audit_statement():
    """One row per change. `subject` and `detail` are a plain-text summary (CSV, command line); the columns after
    them (item, period, state, day, number, evidence, note, role) let a table say the same in either language."""
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    q, d, e = QuantityUpdateRow.__table__, DeadlineChangeRow.__table__, UserEventRow.__table__
    updates = (
        select(u.c.recorded_at, u.c.recorded_by, literal("update").label("action"), m.c.unit_code,
               (r.c.code + func.coalesce(func.nullif(" " + m.c.period, " "), "")).label("subject"),
               (u.c.state + " " + _text(u.c.fact_date) + " " + _text(u.c.percent) + "% "
                + func.coalesce(u.c.evidence, "") + " " + func.coalesce(u.c.note, "")).label("detail"),
               u.c.source, r.c.code.label("item"), func.nullif(m.c.period, "").label("period"),
               u.c.state.label("state"), u.c.fact_date.label("day"), u.c.percent.label("number"),
               u.c.evidence.label("evidence"), u.c.note.label("note"), _none(String).label("role"))
        .join(m, m.c.id == u.c.milestone_id).join(r, r.c.id == m.c.requirement_id)
    )
    quantities = select(
        q.c.recorded_at, q.c.recorded_by, literal("quantity"), q.c.unit_code, q.c.quantity,
        (_text(q.c.value) + " (" + _text(q.c.fact_date) + ") " + func.coalesce(q.c.evidence, "")),
        literal("app"), q.c.quantity, _none(String), _none(String), q.c.fact_date, q.c.value, q.c.evidence, q.c.note,
        _none(String),
    )
    deadlines = (
        select(d.c.set_at, d.c.set_by, literal("deadline"), cast(null(), String),
               (r.c.code + func.coalesce(" " + d.c.period, "")), _text(d.c.deadline) + " " + func.coalesce(d.c.note, ""),
               literal("app"), r.c.code, func.nullif(d.c.period, ""), _none(String), d.c.deadline, _none(Integer),
               _none(String), d.c.note, _none(String))
        .join(r, r.c.id == d.c.requirement_id)
    )
    accounts = select(
        e.c.recorded_at, e.c.recorded_by, literal("user_") + e.c.action, e.c.unit_code, e.c.username,
        func.coalesce(e.c.role, "") + " " + func.coalesce(e.c.note, ""), literal("app"),
        e.c.username, _none(String), _none(String), _none(Date), _none(Integer), _none(String), e.c.note, e.c.role,
    )
    c = MilestoneClosureRow.__table__
    closures = (  # the inspectorate's act on a merged or split unit's open milestones (tracking.units.changes)
        select(c.c.decided_at, c.c.decided_by, literal("milestone_") + c.c.action, m.c.unit_code,
               (r.c.code + func.coalesce(func.nullif(" " + m.c.period, " "), "")),
               _text(c.c.closed_on) + " " + func.coalesce(c.c.note, ""), c.c.channel, r.c.code,
               func.nullif(m.c.period, ""), _none(String), c.c.closed_on, _none(Integer), _none(String), c.c.note,
               _none(String))
        .join(m, m.c.id == c.c.milestone_id).join(r, r.c.id == m.c.requirement_id)
    )
    sc = SettingChangeRow.__table__
    settings = select(
        sc.c.changed_at, sc.c.changed_by, literal("setting"), _none(String), sc.c.key,
        func.coalesce(sc.c.old_value, "—") + " → " + sc.c.value, literal("app"), sc.c.key, _none(String),
        _none(String), _none(Date), _none(Integer), _none(String), sc.c.value, _none(String),
    )
    pe, p = PlanEventRow.__table__, PlanRow.__table__
    plans = (  # a plan published, or amended by a later document (tracking.plans.workspace, amendments)
        select(pe.c.recorded_at, pe.c.recorded_by, literal("plan_") + pe.c.action, _none(String), p.c.code,
               func.coalesce(pe.c.document_number, "") + " " + _text(pe.c.document_date), literal("app"), p.c.code,
               _none(String), _none(String), pe.c.effective_on, _none(Integer), pe.c.document_number, _none(String),
               _none(String))
        .join(p, p.c.id == pe.c.plan_id)
    )
    return union_all(updates, quantities, deadlines, accounts, closures, settings, plans).subquery("audit")


# The kinds of change a reader filters on; "user" and "milestone" cover their sub-actions (user_added, …).
ACTION_KINDS = ("update", "quantity", "deadline", "user", "milestone", "setting")


@dataclass(frozen=True)
class AuditFilters:
    """What the reader asked for; every field optional. `user` matches the start of a username; `province_code`
    keeps the changes of that province's units."""
    unit_code: str | None = None
    user: str | None = None
    start: date | None = None
    end: date | None = None
    action: str | None = None
    province_code: str | None = None


def _filtered(filters: AuditFilters):
    a = audit_statement()
    stmt = select(*(a.c[c] for c in AUDIT_COLUMNS + DETAIL_COLUMNS))
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
    # Days are Vietnam's days (what the page shows); the table stores UTC.
    if filters.start:
        stmt = stmt.where(a.c.recorded_at >= _vietnam_midnight_in_utc(filters.start))
    if filters.end:
        stmt = stmt.where(a.c.recorded_at < _vietnam_midnight_in_utc(filters.end + timedelta(days=1)))
    return stmt, a


def _read(engine: Engine, stmt) -> pd.DataFrame:
    with engine.connect() as conn:
        return _squeezed(pd.DataFrame(conn.execute(stmt).mappings().all(), columns=AUDIT_COLUMNS + DETAIL_COLUMNS))


def _squeezed(frame: pd.DataFrame) -> pd.DataFrame:
    frame["detail"] = frame["detail"].str.split().str.join(" ")
    return frame


def audit_page(engine: Engine, filters: AuditFilters = AuditFilters(), page: int = 1,
               page_size: int = PAGE_SIZE) -> Page:
    """One page of the log, newest first: a count and at most `page_size` rows, both in SQL (the history of a
    national database is hundreds of thousands of rows; none of them is read into memory beyond the page)."""
    stmt, a = _filtered(filters)
    # id-free tie-break on every shown column, so two changes of one instant keep their order from page to page
    result = read_page(engine, stmt, (a.c.recorded_at.desc(), a.c.action, a.c.subject, a.c.detail),
                       AUDIT_COLUMNS + DETAIL_COLUMNS, page, page_size)
    return replace(result, rows=_squeezed(result.rows))


def audit_log(
    engine: Engine, *, unit_code: str | None = None, user: str | None = None,
    start: date | None = None, end: date | None = None, limit: int | None = None, action: str | None = None,
) -> pd.DataFrame:
    """Newest first; `start`/`end` filter on the day the change was recorded (inclusive). For the command line and
    the tests: the page reads `audit_page`. `user` here is the exact username."""
    stmt, a = _filtered(AuditFilters(unit_code=unit_code, start=start, end=end, action=action))
    if user:
        stmt = stmt.where(a.c.recorded_by == user)
    stmt = stmt.order_by(a.c.recorded_at.desc())
    if limit:
        stmt = stmt.limit(limit)
    return _read(engine, stmt)


def _vietnam_midnight_in_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM_TIME).astimezone(timezone.utc)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel shows the Vietnamese letters; text that would run as a formula stays text."""
    shown = frame.copy()
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(safe_cell)
    return shown.to_csv(index=False).encode("utf-8-sig")
