"""Set the deadlines the plan leaves open (and the due date of each quarter's report); history is kept."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from tracking.db.models import NO_PERIOD, DeadlineChangeRow, MilestoneRow, PlanRow, RequirementRow
from tracking.db.plan_scope import default_plan_id
from tracking.errors import InvalidInput
from tracking.services.permissions import DEADLINE_SETTERS, PermissionDenied, load_actor, province_name, require_role
from tracking.services.validation import check_text, parse_date
from tracking.uow import UnitOfWork


def set_deadline(
    uow: UnitOfWork, requirement_code: str, deadline: str | date, *, by: str,
    period: str | None = None, note: str | None = None, province: str | None = None,
) -> int:
    """Give every milestone of the requirement (and period) this deadline, marked 'set'; returns the change id.

    The requirement is the one of `province`'s plan; without it, of the setter's province (a national account:
    the default plan). An account limited to a province sets only its own plan's deadlines.
    """
    s = uow.session
    actor = load_actor(s, by)
    require_role(actor, DEADLINE_SETTERS, "đặt thời hạn")
    plan = _plan(s, (province or "").strip() or actor.province_code)
    if actor.province_code is not None and plan.province_code != actor.province_code:
        raise PermissionDenied(
            f"Tài khoản {actor.username} chỉ được đặt thời hạn cho kế hoạch của {province_name(s, actor.province_code)}; "
            f"kế hoạch {plan.code} thuộc {province_name(s, plan.province_code)}.")
    requirement = s.scalar(select(RequirementRow).where(RequirementRow.code == (requirement_code or "").strip(),
                                                        RequirementRow.plan_id == plan.id))
    if requirement is None:
        raise InvalidInput("requirement_code", f"không có yêu cầu mã '{requirement_code}'")
    period = (period or "").strip()
    if requirement.recurrence and not period:
        raise InvalidInput("period", f"yêu cầu {requirement.code} là báo cáo định kỳ: phải chọn kỳ")
    if not requirement.recurrence:
        period = NO_PERIOD
    day = parse_date(deadline, "deadline")
    if day < plan.starts_on:
        raise InvalidInput("deadline", f"hạn {day:%d/%m/%Y} trước khi kế hoạch bắt đầu ({plan.starts_on:%d/%m/%Y})")
    where = (MilestoneRow.requirement_id == requirement.id, MilestoneRow.period == period)
    sources = set(s.scalars(select(MilestoneRow.deadline_source).where(*where)))
    if not sources:
        raise InvalidInput("period", f"yêu cầu {requirement.code} không có kỳ '{period}'")
    if "plan" in sources:
        raise InvalidInput("deadline", f"hạn của {requirement.code} do kế hoạch quy định ({requirement.deadline_clause}), không đặt lại")
    s.execute(update(MilestoneRow).where(*where).values(deadline=day, deadline_source="set"))
    change = DeadlineChangeRow(requirement_id=requirement.id, period=period or None, deadline=day,
                               set_by=actor.username, note=check_text(note, "note", 1000))
    s.add(change)
    s.flush()
    uow.commit()
    return change.id


def _plan(s, province: str | None) -> PlanRow:
    """The province's plan (its first if several), or the default plan."""
    if province is None:
        return s.scalar(select(PlanRow).where(PlanRow.id == default_plan_id()))
    plan = s.scalar(select(PlanRow).where(PlanRow.province_code == province).order_by(PlanRow.id).limit(1))
    if plan is None:
        raise InvalidInput("province", f"không có kế hoạch của tỉnh mã '{province}'")
    return plan
