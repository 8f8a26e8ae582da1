"""Record a progress update on a milestone: validate everything, then append one row."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracking.db.models import NO_PERIOD, MilestoneRow, PlanRow, RequirementRow, UnitRow, UpdateRow
from tracking.domain.status import State
from tracking.errors import InvalidInput
from tracking.services.validation import (
    check_fact_date,
    check_text,
    parse_date,
    parse_percent,
    parse_state,
)
from tracking.uow import UnitOfWork


@dataclass(frozen=True)
class UpdateCommand:
    unit_code: str
    requirement_code: str
    state: str
    fact_date: str | date
    by: str
    period: str | None = None
    percent: int | str | None = None
    evidence: str | None = None
    evidence_date: str | date | None = None
    note: str | None = None
    source: str = "cli"


def find_milestone(session, unit_code: str, requirement_code: str, period: str | None) -> tuple[MilestoneRow, RequirementRow]:
    """The milestone for these codes, or InvalidInput naming the field that does not fit."""
    unit = session.get(UnitRow, unit_code)
    if unit is None:
        raise InvalidInput("unit_code", f"không có đơn vị mã '{unit_code}'")
    requirement = session.scalar(select(RequirementRow).where(RequirementRow.code == requirement_code))
    if requirement is None:
        raise InvalidInput("requirement_code", f"không có yêu cầu mã '{requirement_code}'")
    period = (period or "").strip()
    if requirement.recurrence and not period:
        raise InvalidInput("period", f"yêu cầu {requirement_code} là báo cáo định kỳ: phải ghi kỳ (ví dụ 2010Q4)")
    if not requirement.recurrence and period:
        raise InvalidInput("period", f"yêu cầu {requirement_code} không theo kỳ: bỏ trống kỳ báo cáo")
    milestone = session.scalar(
        select(MilestoneRow).where(
            MilestoneRow.requirement_id == requirement.id,
            MilestoneRow.unit_code == unit_code,
            MilestoneRow.period == (period or NO_PERIOD),
        )
    )
    if milestone is None:
        if period:
            raise InvalidInput("period", f"kỳ '{period}' không thuộc yêu cầu {requirement_code} của đơn vị {unit_code}")
        raise InvalidInput("unit_code", f"yêu cầu {requirement_code} không áp dụng cho đơn vị {unit_code} ({unit.name})")
    return milestone, requirement


def build_update(session, cmd: UpdateCommand, today: date) -> UpdateRow:
    """Validate a command against the database and return the row to append (not yet added)."""
    milestone, requirement = find_milestone(session, cmd.unit_code.strip(), cmd.requirement_code.strip(), cmd.period)
    state = parse_state(cmd.state)
    fact_date = parse_date(cmd.fact_date, "date")
    plan_start = session.get(PlanRow, requirement.plan_id).starts_on
    check_fact_date(fact_date, "date", plan_start, today)
    percent = parse_percent(cmd.percent)
    if state is State.DONE and percent not in (None, 100):
        raise InvalidInput("percent", "đã hoàn thành thì tỷ lệ phải là 100 (hoặc bỏ trống)")
    if state is State.NOT_STARTED and percent not in (None, 0):
        raise InvalidInput("percent", "chưa bắt đầu thì tỷ lệ phải là 0 (hoặc bỏ trống)")
    evidence_date = parse_date(cmd.evidence_date, "evidence_date", required=False)
    if evidence_date:
        check_fact_date(evidence_date, "evidence_date", plan_start, today)
    by = (cmd.by or "").strip()
    if not by:
        raise InvalidInput("by", "phải ghi người cập nhật")
    return UpdateRow(
        milestone_id=milestone.id,
        fact_date=fact_date,
        state=state.value,
        percent=percent,
        evidence=check_text(cmd.evidence, "evidence", 500),
        evidence_date=evidence_date,
        note=check_text(cmd.note, "note", 2000),
        recorded_by=by,
        source=cmd.source,
    )


def record_update(uow: UnitOfWork, cmd: UpdateCommand, today: date | None = None) -> int:
    """Append one update; returns its id. Nothing is written if any field is refused."""
    row = build_update(uow.session, cmd, today or date.today())
    uow.session.add(row)
    uow.session.flush()
    uow.commit()
    return row.id
