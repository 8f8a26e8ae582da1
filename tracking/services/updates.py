"""Record a progress update on a milestone: validate everything, then append one row."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select

from tracking.db.models import MilestoneRow, RequirementRow, UpdateRow
from tracking.domain.status import State
from tracking.errors import InvalidInput, TrackingError
from tracking.labels import fmt_moment
from tracking.services.milestone_lookup import MilestoneLookup
from tracking.services.permissions import Actor, load_actor, require_write_unit
from tracking.services.validation import (
    STATE_LABELS,
    check_fact_date,
    check_text,
    parse_date,
    parse_percent,
    parse_state,
)
from tracking.services.versions import lock_milestones, stamp_updates
from tracking.text import entered
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
    # A form sends the milestone version it showed (services.versions; 0 or None: no history) and check_version=True.
    based_on: int | None = None
    check_version: bool = False


class Conflict(TrackingError):
    """Someone recorded a newer update since the form was opened: nothing is written."""


def find_milestone(
    session, unit_code: str, requirement_code: str, period: str | None, lookup: MilestoneLookup | None = None,
) -> tuple[MilestoneRow, RequirementRow]:
    """The milestone for these codes, or InvalidInput naming the field that does not fit.

    `lookup` holds the rows for a whole batch (an import); without it the rows for these codes are read now.
    """
    lookup = lookup or MilestoneLookup(session, [(unit_code, requirement_code)])
    unit = lookup.unit(unit_code)
    if unit is None:
        raise InvalidInput("unit_code", f"không có đơn vị mã '{unit_code}'")
    # Requirement codes are unique per plan: the unit's province says which plan.
    requirement = lookup.requirement(unit, requirement_code)
    if requirement is None:
        raise InvalidInput("requirement_code", f"không có yêu cầu mã '{requirement_code}'")
    period = (period or "").strip()
    if requirement.recurrence and not period:
        raise InvalidInput("period", f"yêu cầu {requirement_code} là báo cáo định kỳ: phải ghi kỳ (ví dụ 2010Q4)")
    if not requirement.recurrence and period:
        raise InvalidInput("period", f"yêu cầu {requirement_code} không theo kỳ: bỏ trống kỳ báo cáo")
    milestone = lookup.milestone(requirement, unit_code, period)
    if milestone is None:
        if period:
            raise InvalidInput("period", f"kỳ '{period}' không thuộc yêu cầu {requirement_code} của đơn vị {unit_code}")
        raise InvalidInput("unit_code", f"yêu cầu {requirement_code} không áp dụng cho đơn vị {unit_code} ({unit.name})")
    return milestone, requirement


def build_update(
    session, cmd: UpdateCommand, today: date, actor: Actor | None = None, lookup: MilestoneLookup | None = None,
) -> UpdateRow:
    """Validate a command and the writer's right to it; return the row to append (not yet added).

    An import passes one `lookup` for all its rows, keyed by the codes in NFC (see services.milestone_lookup).
    """
    cmd = _entered(cmd)
    unit_code, requirement_code = cmd.unit_code.strip(), cmd.requirement_code.strip()
    lookup = lookup or MilestoneLookup(session, [(unit_code, requirement_code)])
    milestone, requirement = find_milestone(session, unit_code, requirement_code, cmd.period, lookup)
    state = parse_state(cmd.state)
    fact_date = parse_date(cmd.fact_date, "date")
    plan_start = lookup.plan_start(requirement.plan_id)
    check_fact_date(fact_date, "date", plan_start, today)
    percent = parse_percent(cmd.percent)
    if state is State.DONE and percent not in (None, 100):
        raise InvalidInput("percent", "đã hoàn thành thì tỷ lệ phải là 100 (hoặc bỏ trống)")
    if state is State.NOT_STARTED and percent not in (None, 0):
        raise InvalidInput("percent", "chưa bắt đầu thì tỷ lệ phải là 0 (hoặc bỏ trống)")
    evidence_date = parse_date(cmd.evidence_date, "evidence_date", required=False)
    if evidence_date:
        check_fact_date(evidence_date, "evidence_date", plan_start, today)
    evidence, note = check_text(cmd.evidence, "evidence", 500), check_text(cmd.note, "note", 2000)
    actor = actor or load_actor(session, cmd.by)
    require_write_unit(session, actor, milestone.unit_code)
    return UpdateRow(
        milestone_id=milestone.id,
        fact_date=fact_date,
        state=state.value,
        percent=percent,
        evidence=evidence,
        evidence_date=evidence_date,
        note=note,
        recorded_by=actor.username,
        source=cmd.source,
        fingerprint=fingerprint(milestone.id, fact_date, state.value, percent, evidence, evidence_date, note),
    )


def _entered(cmd: UpdateCommand) -> UpdateCommand:
    """Every text field in NFC, NUL refused: the command is checked as the database will store it."""
    names = {"fact_date": "date"}
    return replace(cmd, **{f.name: entered(getattr(cmd, f.name), names.get(f.name, f.name))
                           for f in fields(cmd) if isinstance(getattr(cmd, f.name), str)})


def fingerprint(*parts) -> str:
    """Same fact, same hash: what is said, not who said it or when."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ensure_current(session, milestone_id: int, based_on: int | None, current: int) -> None:
    """Refuse when the milestone's version moved on from the one the form showed (`current` is read under lock)."""
    if current == (based_on or 0):
        return
    newer = session.scalars(
        select(UpdateRow).where(UpdateRow.milestone_id == milestone_id, UpdateRow.version > (based_on or 0))
        .order_by(UpdateRow.version)
    ).all()
    changes = "; ".join(describe(u) for u in newer) or "lịch sử đã thay đổi"
    raise Conflict(
        f"Mốc này vừa có cập nhật mới trong lúc anh/chị nhập — {changes}. "
        "Chưa lưu gì: hãy xem lại lịch sử ở trên rồi nhập lại nếu vẫn cần."
    )


def describe(u: UpdateRow) -> str:
    """One line for a person: what the update says, who recorded it and when."""
    text = f"#{u.id}: {STATE_LABELS.get(u.state, u.state)} ngày {u.fact_date:%d/%m/%Y}"
    if u.percent is not None:
        text += f", {u.percent}%"
    if u.evidence:
        text += f", căn cứ {u.evidence}"
    if u.note:
        text += f", ghi chú “{u.note}”"
    stamp = f" lúc {fmt_moment(u.recorded_at)}" if u.recorded_at else ""
    return text + f" (do {u.recorded_by} ghi{stamp})"


def record_update(uow: UnitOfWork, cmd: UpdateCommand, today: date | None = None) -> int:
    """Append one update; returns its id. Nothing is written if any field or the writer is refused."""
    row = build_update(uow.session, cmd, today or date.today())
    versions = lock_milestones(uow.session, [row.milestone_id])
    if cmd.check_version:
        ensure_current(uow.session, row.milestone_id, cmd.based_on, versions[row.milestone_id])
    stamp_updates(uow.session, [row], versions)
    uow.session.add(row)
    uow.session.flush()
    uow.commit()
    return row.id
