"""Amending a published plan by a later document (issue 18 point 3): tasks added, deadlines changed, tasks
withdrawn, all from one day (the document's, unless it says otherwise), in one audited transaction.

History is never rewritten, so the as-of replay (tracking.views.snapshot) sees the plan as it then stood:
- an added requirement counts from `effective_from`;
- a changed deadline keeps its old value in milestone_deadline_changes, read for days before the change;
- a withdrawn task's open milestones are closed (milestone_closures, the mechanism of unit changes): counted
  until the day before, never deleted; milestones already done stay done.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tracking.db.data_stamp import touch_catalogue
from tracking.db.models import (
    MilestoneClosureRow, MilestoneDeadlineChangeRow, MilestoneRow, PlanEventRow, PlanRow, RequirementRow,
    UpdateRow, utcnow,
)
from tracking.domain.deadlines import QUALIFIERS, last_day_on_time
from tracking.domain.status import State
from tracking.errors import DataFileError, InvalidInput
from tracking.plans.loader import plan_from_data
from tracking.plans.seed import reading_rules, upsert_requirement
from tracking.plans.workspace import (
    DRAFT_NAME, _open_draft, _plan_areas, amendment_tree, draft_problems, province_units, require_editor,
)
from tracking.uow import UnitOfWork, lock_for_write

WITHDRAWN_NOTE = "Rút theo văn bản {number} ngày {day:%d/%m/%Y}"


@dataclass(frozen=True)
class DeadlineChange:
    code: str
    deadline: date
    qualifier: str = "by"
    as_written: str | None = None


@dataclass(frozen=True)
class Amendment:
    number: str
    issued_on: date
    effective_on: date | None = None  # None: from the day the document is issued
    added: list[dict] = field(default_factory=list)  # requirements as a plan file writes them
    deadlines: list[DeadlineChange] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)

    @property
    def day(self) -> date:
        return self.effective_on or self.issued_on


def amend_plan(engine: Engine, by: str, plan_id: int, amendment: Amendment, draft_id: int | None = None) -> int:
    """Apply the amendment; the id of its audit event. All or nothing: one refused part refuses the whole."""
    a = amendment
    if not (a.number or "").strip():
        raise InvalidInput("number", "phải ghi số văn bản sửa đổi")
    if not (a.added or a.deadlines or a.withdrawn):
        raise InvalidInput("amendment", "văn bản sửa đổi không thêm, đổi hạn hay rút việc nào")
    with UnitOfWork(engine) as uow:
        s = uow.session
        lock_for_write(s)
        plan = s.get(PlanRow, plan_id)
        if plan is None:
            raise InvalidInput("plan", f"không có kế hoạch số {plan_id}")
        who = require_editor(s, by, plan.province_code)
        _check_order(s, plan, a)
        requirements = {r.code: r for r in s.scalars(select(RequirementRow).where(RequirementRow.plan_id == plan_id))}
        for code in [*a.withdrawn, *(d.code for d in a.deadlines)]:
            if code not in requirements:
                raise InvalidInput("code", f"kế hoạch không có yêu cầu mã '{code}'")
        event = PlanEventRow(plan_id=plan_id, draft_id=draft_id, action="amended", document_number=a.number.strip(),
                             document_date=a.issued_on, effective_on=a.day, detail={}, recorded_by=who)
        s.add(event)
        s.flush()
        detail = {"added": _add(s, plan, a, requirements),
                  "deadlines": [_redate(s, event, requirements[d.code], d, a) for d in a.deadlines],
                  "withdrawn": [_withdraw(s, requirements[code], a, who) for code in a.withdrawn]}
        event.detail = detail
        if draft_id is not None:  # the draft it came from is closed with it (a second apply is refused)
            draft = _open_draft(s, draft_id)
            draft.status, draft.updated_by, draft.updated_at = "published", who, utcnow()
        touch_catalogue(s)
        uow.commit()
        return event.id


def _check_order(s, plan: PlanRow, a: Amendment) -> None:
    """Amendments apply in the order of their days, inside the plan's window: the replay relies on it."""
    if a.day < plan.starts_on:
        raise InvalidInput("effective_on", f"ngày hiệu lực {a.day:%d/%m/%Y} trước ngày bắt đầu kế hoạch "
                                           f"{plan.starts_on:%d/%m/%Y}")
    latest = s.scalar(select(func.max(PlanEventRow.effective_on)).where(PlanEventRow.plan_id == plan.id,
                                                                        PlanEventRow.action == "amended"))
    if latest and a.day < latest:
        raise InvalidInput("effective_on", f"đã có sửa đổi có hiệu lực từ {latest:%d/%m/%Y}: sửa đổi mới phải có "
                                           f"hiệu lực từ ngày đó trở đi")
    if s.scalar(select(PlanEventRow.id).where(PlanEventRow.plan_id == plan.id,
                                              PlanEventRow.document_number == a.number.strip())):
        raise InvalidInput("number", f"văn bản số {a.number} đã được ghi cho kế hoạch này")


def _add(s, plan: PlanRow, a: Amendment, requirements: dict) -> list[str]:
    """New requirements, checked exactly as a plan file's (with the plan's areas and window), counting from the day."""
    if not a.added:
        return []
    tree = amendment_tree(plan, _plan_areas(s, plan.id), a.added)
    units = province_units(s, plan.province_code)
    checked = plan_from_data(tree, f"văn bản sửa đổi {a.number}", units)
    schedule, reading, holidays = reading_rules(s)
    codes = []
    for offset, req in enumerate(checked.requirements, start=len(requirements)):
        if req.code in requirements:
            raise InvalidInput("code", f"kế hoạch đã có yêu cầu mã '{req.code}': yêu cầu thêm cần mã mới")
        upsert_requirement(s, plan.id, req, offset, units, schedule, reading, holidays)
        row = s.scalar(select(RequirementRow).where(RequirementRow.plan_id == plan.id, RequirementRow.code == req.code))
        row.effective_from = a.day
        codes.append(req.code)
    return codes


def _redate(s, event: PlanEventRow, req: RequirementRow, change: DeadlineChange, a: Amendment) -> dict:
    if req.recurrence:
        raise InvalidInput("deadline", f"yêu cầu '{req.code}' là báo cáo định kỳ: hạn từng kỳ đặt ở trang Thời hạn")
    if change.qualifier not in QUALIFIERS:
        raise InvalidInput("deadline_qualifier", f"cách ghi hạn '{change.qualifier}' không hợp lệ")
    _, reading, holidays = reading_rules(s)
    new = last_day_on_time(change.deadline, change.qualifier, reading, holidays)
    old = {"deadline": req.deadline.isoformat() if req.deadline else None, "as_written": req.deadline_as_written}
    words = {"old_named": req.deadline_named, "old_qualifier": req.deadline_qualifier,
             "old_as_written": req.deadline_as_written, "old_clause": req.deadline_clause}
    req.deadline, req.deadline_named, req.deadline_qualifier = new, change.deadline, change.qualifier
    req.deadline_as_written = change.as_written or f"đến ngày {change.deadline:%d/%m/%Y}"
    req.deadline_source, req.deadline_clause = "plan", None
    req.deadline_note = f"Sửa theo văn bản {a.number} ngày {a.issued_on:%d/%m/%Y}"
    closed = select(MilestoneClosureRow.milestone_id)
    for m in s.scalars(select(MilestoneRow).where(MilestoneRow.requirement_id == req.id,
                                                  MilestoneRow.id.not_in(closed))):
        s.add(MilestoneDeadlineChangeRow(milestone_id=m.id, event_id=event.id, old_deadline=m.deadline,
                                         old_source=m.deadline_source, new_deadline=new, effective_on=a.day,
                                         **words))
        m.deadline, m.deadline_source, m.version = new, "plan", m.version + 1
    return {"code": req.code, "old": old, "new": {"deadline": new.isoformat(), "as_written": req.deadline_as_written}}


def _withdraw(s, req: RequirementRow, a: Amendment, who: str) -> str:
    note = WITHDRAWN_NOTE.format(number=a.number, day=a.issued_on)
    decided = select(MilestoneClosureRow.milestone_id)
    for m in s.scalars(select(MilestoneRow).where(MilestoneRow.requirement_id == req.id,
                                                  MilestoneRow.id.not_in(decided))):
        last = s.scalar(select(UpdateRow.state).where(UpdateRow.milestone_id == m.id, UpdateRow.fact_date < a.day)
                        .order_by(UpdateRow.fact_date.desc(), UpdateRow.id.desc()).limit(1))
        if last == State.DONE.value:
            continue  # done before the task was withdrawn: it stays done
        s.add(MilestoneClosureRow(milestone_id=m.id, change_id=None, action="closed", closed_on=a.day,
                                  decided_by=who, note=note))
    return req.code


def apply_amendment_draft(engine: Engine, by: str, draft_id: int) -> int:
    """The reviewed draft of an amending document: its tasks added to the plan it amends, from its date."""
    with Session(engine) as s:
        row = _open_draft(s, draft_id)
        if row.kind != "amendment":
            raise InvalidInput("draft", "bản nháp này là một kế hoạch mới: hãy công bố nó")
        require_editor(s, by, row.province_code)
        problems = draft_problems(s, row.kind, row.plan_id, row.province_code, row.tree)
        if problems:
            raise DataFileError(DRAFT_NAME, problems)
        tree, plan_id = row.tree, row.plan_id
    amendment = Amendment(number=str(tree["number"]), issued_on=date.fromisoformat(str(tree["issued_on"])),
                          added=list(tree["requirements"]))
    return amend_plan(engine, by, plan_id, amendment, draft_id)
