"""Load the plan(s) and units from data/ into the database. Idempotent: safe to run on every start."""
from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracking.db.data_stamp import touch_catalogue
from tracking.db.models import (
    NO_PERIOD, AreaRow, MilestoneRow, PlanEventRow, PlanRow, RequirementRow, SettingRow, UnitRow,
)
from tracking.domain.deadlines import DEFAULT_READING, READING_SETTING, last_day_on_time, next_working_day
from tracking.domain.periods import quarter_end
from tracking.domain.plan import LEVELS, Plan, Requirement, Unit, applicable_units
from tracking.domain.reporting import SETTING_KEY, ReportingSchedule
from tracking.plans.deadline_columns import area_deadline_columns, requirement_deadline_columns
from tracking.plans.holidays import load_holidays
from tracking.plans.loader import UNITS_FILE, load_plan, load_units, plan_files
from tracking.uow import UnitOfWork


def load_data(units_file: Path = UNITS_FILE, plans: list[Path] | None = None) -> tuple[list[Unit], list[Plan]]:
    units = load_units(units_file)
    return units, [load_plan(p, units) for p in (plans or plan_files())]


def file_schedule(requirement: Requirement) -> ReportingSchedule:
    """The plan file's default schedule of a recurring requirement."""
    periods = requirement.recurrence.periods
    return ReportingSchedule(min(periods), max(periods), {requirement.code: requirement.recurrence.due_days_after_period_end})


def milestone_keys(requirement: Requirement, units: list[Unit], schedule: ReportingSchedule | None = None,
                   reading: str = DEFAULT_READING, holidays: frozenset = frozenset()):
    """(unit code, period, deadline, deadline source) for every milestone the requirement creates.

    A recurring requirement follows the admin's reporting schedule ('set': a person chose it) when there is one,
    else the plan file's, which is only the software's proposal ('proposed'). A due date on a day off moves to
    the next working day. A one-off deadline is the last day on time of the plan's words under `reading`."""
    if requirement.recurrence:
        source = "set" if schedule else "proposed"
        schedule = schedule or file_schedule(requirement)
        days = schedule.due_days.get(requirement.code, requirement.recurrence.due_days_after_period_end)
    periods = schedule.periods if requirement.recurrence else (NO_PERIOD,)
    last_day = last_day_on_time(requirement.deadline, requirement.deadline_qualifier, reading, holidays)
    for unit in applicable_units(requirement, units):
        for period in periods:
            if requirement.recurrence:
                yield unit.code, period, next_working_day(quarter_end(period) + timedelta(days=days), holidays), source
            else:
                yield unit.code, period, last_day, requirement.deadline_source


def provinces_of(units: list[Unit]) -> dict[str, str | None]:
    """Each unit's province: the code of its province-level ancestor (itself for the province)."""
    parent = {u.code: u.parent for u in units}
    level = {u.code: u.level for u in units}

    def province(code: str | None) -> str | None:
        while code is not None and level.get(code) != "province":
            code = parent.get(code)
        return code

    return {u.code: province(u.code) for u in units}


def seed(engine: Engine, units: list[Unit], plans: list[Plan]) -> dict[str, int]:
    """Upsert units, plan, areas, requirements; create missing milestones. Never touches history."""
    with UnitOfWork(engine) as uow:
        result = seed_session(uow.session, units, plans)
        uow.commit()
    return result


def reading_rules(s: Session) -> tuple[ReportingSchedule | None, str, frozenset]:
    """(the admin's reporting schedule or None, the on-time reading rule, the holidays) a milestone's due date needs."""
    stored = s.scalar(select(SettingRow.value).where(SettingRow.key == SETTING_KEY))
    schedule = ReportingSchedule.from_json(stored) if stored else None  # an admin's choice outlives a reload
    reading = s.scalar(select(SettingRow.value).where(SettingRow.key == READING_SETTING)) or DEFAULT_READING
    return schedule, reading, load_holidays()


def seed_session(s: Session, units: list[Unit], plans: list[Plan]) -> dict[str, int]:
    """seed() inside the caller's transaction (the workspace publishes a plan and audits it in one commit)."""
    created = 0
    existing_units = {u.code: u for u in s.scalars(select(UnitRow))}
    order = {u.code: i for i, u in enumerate(units)}
    province_of = provinces_of(units)
    # Parents are added first, so the foreign key holds on every insert of the flush.
    for unit in sorted(units, key=lambda u: LEVELS.index(u.level)):
        row = existing_units.get(unit.code) or UnitRow(code=unit.code)
        row.name, row.short_name, row.level, row.parent_code = unit.name, unit.short_name, unit.level, unit.parent
        row.group, row.kind, row.verified, row.note = unit.group, unit.kind, unit.verified, unit.note
        row.position, row.province_code = order[unit.code], province_of[unit.code]
        # A life the file gives; otherwise what a recorded merge or split set (tracking.units.changes).
        row.valid_from, row.valid_to = unit.valid_from or row.valid_from, unit.valid_to or row.valid_to
        s.add(row)
    s.flush()
    schedule, reading, holidays = reading_rules(s)
    for plan in plans:
        plan_row = s.scalar(select(PlanRow).where(PlanRow.code == plan.code)) or PlanRow(code=plan.code)
        for key in ("title", "title_en", "issuer", "legal_basis", "province_code", "starts_on", "ends_on"):
            setattr(plan_row, key, getattr(plan, key))
        if schedule:
            plan_row.ends_on = max(schedule.window_ends_on(), plan.starts_on)
        s.add(plan_row)
        s.flush()
        areas = {a.code: a for a in s.scalars(select(AreaRow).where(AreaRow.plan_id == plan_row.id))}
        for position, area in enumerate(plan.areas):
            row = areas.get(area.code) or AreaRow(plan_id=plan_row.id, code=area.code)
            row.name, row.name_en, row.clause, row.position = area.name, area.name_en, area.clause, position
            for key, value in area_deadline_columns(area, reading, holidays).items():
                setattr(row, key, value)
            s.add(row)
        amended = amended_codes(s, plan_row.id)
        for position, req in enumerate(plan.requirements):
            if req.code in amended:  # a later document changed it: the amendment, not the file, is in force
                continue
            created += upsert_requirement(s, plan_row.id, req, position, units, schedule, reading, holidays)
    touch_catalogue(s)
    return {"units": len(units), "plans": len(plans), "milestones_created": created}


def amended_codes(s: Session, plan_id: int) -> set[str]:
    """Requirement codes an amendment added, re-dated or withdrew (tracking.plans.amendments)."""
    codes: set[str] = set()
    for detail in s.scalars(select(PlanEventRow.detail).where(PlanEventRow.plan_id == plan_id,
                                                              PlanEventRow.action == "amended")):
        codes |= set(detail.get("added", [])) | set(detail.get("withdrawn", []))
        codes |= {d["code"] for d in detail.get("deadlines", [])}
    return codes


def upsert_requirement(s: Session, plan_id: int, req: Requirement, position: int, units: list[Unit],
                       schedule: ReportingSchedule | None, reading: str, holidays: frozenset) -> int:
    """Write one requirement and create its missing milestones; the number created."""
    created = 0
    row = s.scalar(select(RequirementRow).where(
        RequirementRow.plan_id == plan_id, RequirementRow.code == req.code,
    )) or RequirementRow(code=req.code)
    row.plan_id, row.area_code, row.clause, row.title, row.title_en = (
        plan_id, req.area, req.clause, req.title, req.title_en,
    )
    row.kind, row.lead, row.lead_note = req.kind, req.lead, req.lead_note
    for key, value in requirement_deadline_columns(req, reading, holidays).items():
        setattr(row, key, value)
    row.coordinating = list(req.coordinating)
    row.applies_to = {k: list(v) for k, v in asdict(req.applies_to).items()}
    row.recurrence = req.recurrence.every if req.recurrence else None
    row.due_days_after_period_end = (
        (schedule.due_days.get(req.code, req.recurrence.due_days_after_period_end) if schedule
         else req.recurrence.due_days_after_period_end) if req.recurrence else None)
    row.norms, row.position = req.norms, position
    s.add(row)
    s.flush()
    have = {
        (m.unit_code, m.period): m
        for m in s.scalars(select(MilestoneRow).where(MilestoneRow.requirement_id == row.id))
    }
    for unit_code, period, deadline, source in milestone_keys(req, units, schedule, reading, holidays):
        milestone = have.get((unit_code, period))
        if milestone is None:
            s.add(MilestoneRow(requirement_id=row.id, unit_code=unit_code, period=period,
                               deadline=deadline, deadline_source=source))
            created += 1
        elif milestone.deadline_source != "set" or (milestone.deadline is None and deadline is not None):
            # The plan file was corrected (a date, or where it comes from): follow it. A deadline the
            # inspectorate set stays, unless the file now gives one where none was set.
            milestone.deadline, milestone.deadline_source = deadline, source
    s.flush()
    return created
