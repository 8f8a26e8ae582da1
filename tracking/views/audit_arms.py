"""The audit log's arms, one per append-only table, each filtered on its own columns (so its own indexes serve the
filters, the count and the newest-first walk) before they are put together."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import (
    Column, ColumnElement, Date, FromClause, Integer, Select, String, cast, func, literal, null, select,
)

from tracking.db.models import (
    DeadlineChangeRow, MilestoneClosureRow, MilestoneRow, PlanEventRow, PlanRow, QuantityUpdateRow, RequirementRow,
    SettingChangeRow, UnitRow, UpdateRow, UserEventRow,
)
from tracking.labels import VIETNAM_TIME
from tracking.views.paging import Arm, like_escaped

# The kinds of change a reader filters on; "user" and "milestone" cover their sub-actions (user_added, …).
ACTION_KINDS = ("update", "quantity", "deadline", "user", "milestone", "setting")
KINDS_WITH_SUB_ACTIONS = ("user", "milestone")


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


@dataclass(frozen=True)
class _Source:
    """One append-only table as the log reads it. `action` is the arm's action, or its prefix when the rest is the
    table's `action_column`; `unit` is None for changes that belong to no unit; `via` is the join that reaches the
    unit (a milestone's), needed only to filter on it."""
    rows: Select
    table: FromClause
    at: Column
    by: Column
    action: str
    action_column: Column | None = None
    unit: Column | None = None
    via: tuple | None = None


def _text(column):
    return func.coalesce(cast(column, String), "")


def _none(type_):
    return cast(null(), type_)


COLUMNS = ("recorded_at", "recorded_by", "action", "unit_code", "subject", "detail", "source", "item", "period",
           "state", "day", "number", "evidence", "note", "role")


def _named(*columns):
    """Every arm names its columns, so the union reads the same whichever arms the filters leave."""
    return [column.label(name) for column, name in zip(columns, COLUMNS, strict=True)]


def _sources() -> list[_Source]:
    u, m, r = UpdateRow.__table__, MilestoneRow.__table__, RequirementRow.__table__
    q, d, e = QuantityUpdateRow.__table__, DeadlineChangeRow.__table__, UserEventRow.__table__
    c, sc = MilestoneClosureRow.__table__, SettingChangeRow.__table__
    pe, p = PlanEventRow.__table__, PlanRow.__table__
    updates = (
        select(*_named(u.c.recorded_at, u.c.recorded_by, literal("update"), m.c.unit_code,
               (r.c.code + func.coalesce(func.nullif(" " + m.c.period, " "), "")),
               (u.c.state + " " + _text(u.c.fact_date) + " " + _text(u.c.percent) + "% "
                + func.coalesce(u.c.evidence, "") + " " + func.coalesce(u.c.note, "")),
               u.c.source, r.c.code, func.nullif(m.c.period, ""),
               u.c.state, u.c.fact_date, u.c.percent,
               u.c.evidence, u.c.note, _none(String)))
        .join(m, m.c.id == u.c.milestone_id).join(r, r.c.id == m.c.requirement_id)
    )
    quantities = select(*_named(
        q.c.recorded_at, q.c.recorded_by, literal("quantity"), q.c.unit_code, q.c.quantity,
        (_text(q.c.value) + " (" + _text(q.c.fact_date) + ") " + func.coalesce(q.c.evidence, "")),
        literal("app"), q.c.quantity, _none(String), _none(String), q.c.fact_date, q.c.value, q.c.evidence, q.c.note,
        _none(String),
    ))
    deadlines = (
        select(*_named(d.c.set_at, d.c.set_by, literal("deadline"), cast(null(), String),
               (r.c.code + func.coalesce(" " + d.c.period, "")), _text(d.c.deadline) + " " + func.coalesce(d.c.note, ""),
               literal("app"), r.c.code, func.nullif(d.c.period, ""), _none(String), d.c.deadline, _none(Integer),
               _none(String), d.c.note, _none(String)))
        .join(r, r.c.id == d.c.requirement_id)
    )
    accounts = select(*_named(
        e.c.recorded_at, e.c.recorded_by, literal("user_") + e.c.action, e.c.unit_code, e.c.username,
        func.coalesce(e.c.role, "") + " " + func.coalesce(e.c.note, ""), literal("app"),
        e.c.username, _none(String), _none(String), _none(Date), _none(Integer), _none(String), e.c.note, e.c.role,
    ))
    closures = (  # the inspectorate's act on a merged or split unit's open milestones (tracking.units.changes)
        select(*_named(c.c.decided_at, c.c.decided_by, literal("milestone_") + c.c.action, m.c.unit_code,
               (r.c.code + func.coalesce(func.nullif(" " + m.c.period, " "), "")),
               _text(c.c.closed_on) + " " + func.coalesce(c.c.note, ""), c.c.channel, r.c.code,
               func.nullif(m.c.period, ""), _none(String), c.c.closed_on, _none(Integer), _none(String), c.c.note,
               _none(String)))
        .join(m, m.c.id == c.c.milestone_id).join(r, r.c.id == m.c.requirement_id)
    )
    settings = select(*_named(
        sc.c.changed_at, sc.c.changed_by, literal("setting"), _none(String), sc.c.key,
        func.coalesce(sc.c.old_value, "—") + " → " + sc.c.value, literal("app"), sc.c.key, _none(String),
        _none(String), _none(Date), _none(Integer), _none(String), sc.c.value, _none(String),
    ))
    plans = (  # a plan published, or amended by a later document (tracking.plans.workspace, amendments)
        select(*_named(pe.c.recorded_at, pe.c.recorded_by, literal("plan_") + pe.c.action, _none(String), p.c.code,
               func.coalesce(pe.c.document_number, "") + " " + _text(pe.c.document_date), literal("app"), p.c.code,
               _none(String), _none(String), pe.c.effective_on, _none(Integer), pe.c.document_number, _none(String),
               _none(String)))
        .join(p, p.c.id == pe.c.plan_id)
    )
    return [
        _Source(updates, u, u.c.recorded_at, u.c.recorded_by, "update", unit=m.c.unit_code,
                via=(m, m.c.id == u.c.milestone_id)),
        _Source(quantities, q, q.c.recorded_at, q.c.recorded_by, "quantity", unit=q.c.unit_code),
        _Source(deadlines, d, d.c.set_at, d.c.set_by, "deadline"),
        _Source(accounts, e, e.c.recorded_at, e.c.recorded_by, "user_", e.c.action, unit=e.c.unit_code),
        _Source(closures, c, c.c.decided_at, c.c.decided_by, "milestone_", c.c.action, unit=m.c.unit_code,
                via=(m, m.c.id == c.c.milestone_id)),
        _Source(settings, sc, sc.c.changed_at, sc.c.changed_by, "setting"),
        _Source(plans, pe, pe.c.recorded_at, pe.c.recorded_by, "plan_", pe.c.action),
    ]


def every_arm() -> list[Select]:
    """Each table's rows, unfiltered: the union of these is the whole log."""
    return [source.rows for source in _sources()]


def filtered_arms(filters: AuditFilters) -> list[Arm]:
    """The arms that can hold a change matching `filters`, each with the filters on its own columns. An arm whose
    action cannot match, or whose changes belong to no unit when a unit or province is asked, is left out."""
    arms = []
    for source in _sources():
        action = _action_condition(source, filters.action)
        if action is False or ((filters.unit_code or filters.province_code) and source.unit is None):
            continue
        conditions = [] if action is True else [action]
        if filters.unit_code:
            conditions.append(source.unit == filters.unit_code)
        if filters.province_code:
            conditions.append(source.unit.in_(
                select(UnitRow.code).where(UnitRow.province_code == filters.province_code).scalar_subquery()))
        if filters.user:
            conditions.append(source.by.like(like_escaped(filters.user) + "%", escape="\\"))
        # Days are Vietnam's days (what the page shows); the tables store UTC.
        if filters.start:
            conditions.append(source.at >= vietnam_midnight_in_utc(filters.start))
        if filters.end:
            conditions.append(source.at < vietnam_midnight_in_utc(filters.end + timedelta(days=1)))
        # Counting and walking the times need the milestone only to reach its unit: the other joins (milestone,
        # requirement, plan) are foreign keys that every row has, so they change no count and no time.
        needs_unit = bool(filters.unit_code or filters.province_code) and source.via is not None
        base = source.table.join(*source.via) if needs_unit else source.table
        arms.append(Arm(rows=source.rows.where(*conditions), at=source.at,
                        times=select(source.at.label("at")).select_from(base).where(*conditions),
                        counted=select(func.count()).select_from(base).where(*conditions)))
    return arms


def _action_condition(source: _Source, wanted: str | None) -> ColumnElement | bool:
    """True: every row of the arm matches; False: none does; otherwise the condition on the arm's own column."""
    if not wanted:
        return True
    if wanted in KINDS_WITH_SUB_ACTIONS:  # "user" is every "user_…"
        return source.action == wanted + "_" and source.action_column is not None
    if source.action_column is None:
        return wanted == source.action
    if wanted.startswith(source.action):
        return source.action_column == wanted[len(source.action):]
    return False


def vietnam_midnight_in_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM_TIME).astimezone(timezone.utc)
