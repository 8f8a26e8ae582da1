"""Change the quarterly reporting schedule (quarters, due days): an administrator's setting, applied in one transaction.

The plan says only "định kỳ hàng quý"; the schedule is the project's choice. Changing it adds the milestones of new
quarters, removes those of dropped quarters (only while nothing was recorded for them), moves the due dates that
nobody set by hand, and moves the end of the tracking window. The setting keeps who changed it and when.
"""
from __future__ import annotations

from sqlalchemy import delete, func, select

from tracking.db.models import DeadlineChangeRow, MilestoneRow, PlanRow, RequirementRow, SettingChangeRow, SettingRow, UnitRow, UpdateRow, utcnow
from tracking.domain.periods import quarter_end, quarter_label
from tracking.domain.plan import AppliesTo, Unit
from tracking.domain.reporting import SETTING_KEY, ReportingSchedule
from tracking.errors import InvalidInput
from tracking.plans.holidays import load_holidays
from tracking.services.permissions import PermissionDenied, load_actor, require_role
from tracking.uow import UnitOfWork
from tracking.views.catalog import current_schedule

SCHEDULE_SETTERS = ("admin",)


def _units(s) -> dict[str | None, list[Unit]]:
    """Units by province: a plan's recurring requirement applies to its own province's units only."""
    by_province: dict[str | None, list[Unit]] = {}
    for u in s.scalars(select(UnitRow).order_by(UnitRow.position)):
        by_province.setdefault(u.province_code, []).append(
            Unit(code=u.code, name=u.name, level=u.level, parent=u.parent_code, group=u.group))
    return by_province


def set_reporting_schedule(uow: UnitOfWork, first: str, last: str, due_days: dict[str, int], *, by: str
                           ) -> ReportingSchedule:
    s = uow.session
    actor = load_actor(s, by)
    require_role(actor, SCHEDULE_SETTERS, "đổi lịch báo cáo quý")
    if actor.province_code is not None:  # one schedule for every plan in the database
        raise PermissionDenied(f"Tài khoản {actor.username} chỉ có phạm vi một tỉnh; lịch báo cáo quý áp dụng cho mọi tỉnh, "
                               "chỉ tài khoản toàn quốc được đổi.")
    recurring = list(s.scalars(select(RequirementRow).where(RequirementRow.recurrence.is_not(None))))
    if not recurring:
        raise InvalidInput("first", "kế hoạch không có yêu cầu báo cáo định kỳ")
    codes = {r.code for r in recurring}
    unknown = set(due_days) - codes
    if unknown:
        raise InvalidInput("due_days", f"không có yêu cầu định kỳ mã {', '.join(sorted(unknown))}")
    before = current_schedule(s)
    schedule = ReportingSchedule((first or "").strip(), (last or "").strip(),
                                 {code: due_days.get(code, before.due_days.get(code, 10)) for code in sorted(codes)})
    for field, reason in schedule.problems():
        raise InvalidInput(field, reason)
    starts_on = s.scalar(select(func.min(PlanRow.starts_on)))
    if starts_on and quarter_end(schedule.first) < starts_on:
        raise InvalidInput("first", f"quý {schedule.first} kết thúc trước khi kế hoạch bắt đầu ({starts_on:%d/%m/%Y})")
    periods = set(schedule.periods)
    holidays = load_holidays()
    units = _units(s)
    plan_province = dict(s.execute(select(PlanRow.id, PlanRow.province_code)).all())
    for req in recurring:
        have = {(m.unit_code, m.period): m for m in s.scalars(select(MilestoneRow).where(MilestoneRow.requirement_id == req.id))}
        dropped = [m.id for (unit, period), m in have.items() if period not in periods]
        if dropped:
            recorded = s.execute(select(MilestoneRow.period).join(UpdateRow, UpdateRow.milestone_id == MilestoneRow.id)
                                 .where(MilestoneRow.id.in_(dropped)).limit(1)).scalar()
            if recorded:
                raise InvalidInput("first" if recorded < schedule.first else "last",
                                   f"{quarter_label(recorded)} của {req.code} đã có báo cáo được ghi nhận, không bỏ kỳ này được")
            s.execute(delete(MilestoneRow).where(MilestoneRow.id.in_(dropped)))
        set_by_hand = set(s.scalars(select(DeadlineChangeRow.period).where(DeadlineChangeRow.requirement_id == req.id)))
        applies = AppliesTo(**{k: tuple(v) for k, v in (req.applies_to or {}).items()})
        targets = [u.code for u in units.get(plan_province[req.plan_id], []) if applies.matches(u)]
        for period in sorted(periods):
            due = schedule.due(req.code, period, holidays=holidays)
            for unit_code in targets:
                milestone = have.get((unit_code, period))
                if milestone is None:
                    s.add(MilestoneRow(requirement_id=req.id, unit_code=unit_code, period=period, deadline=due,
                                       deadline_source="set"))
                elif period not in set_by_hand:
                    milestone.deadline, milestone.deadline_source = due, "set"  # a person has now chosen it
        req.due_days_after_period_end = schedule.due_days[req.code]
    for plan in s.scalars(select(PlanRow)):
        plan.ends_on = max(schedule.window_ends_on(), plan.starts_on)
    row = s.get(SettingRow, SETTING_KEY) or SettingRow(key=SETTING_KEY)
    s.add(SettingChangeRow(key=SETTING_KEY, old_value=row.value, value=schedule.to_json(), changed_by=actor.username))
    row.value, row.updated_by, row.updated_at = schedule.to_json(), actor.username, utcnow()
    s.add(row)
    uow.commit()
    return schedule
