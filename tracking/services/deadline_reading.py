"""Choose how "trước ngày X" is graded (setting `deadline_reading`) and re-derive every plan deadline from it.

The plan's words never change; only the last day on time of each deadline the plan gives (or that is inferred
from it) is derived again. Dates a person set are left alone. One transaction; the change is kept in history.
"""
from __future__ import annotations

from sqlalchemy import select

from tracking.db.data_stamp import touch_catalogue
from tracking.db.models import AreaRow, MilestoneRow, RequirementRow, SettingChangeRow, SettingRow, utcnow
from tracking.domain.deadlines import DEFAULT_READING, READING_SETTING, READINGS, last_day_on_time
from tracking.errors import InvalidInput
from tracking.plans.holidays import load_holidays
from tracking.services.permissions import PermissionDenied, load_actor, require_role
from tracking.uow import UnitOfWork

READING_SETTERS = ("admin",)


def current_reading(session) -> str:
    return session.scalar(select(SettingRow.value).where(SettingRow.key == READING_SETTING)) or DEFAULT_READING


def set_deadline_reading(uow: UnitOfWork, reading: str, *, by: str) -> int:
    """Apply the reading rule to every plan in the database; returns how many milestone deadlines moved."""
    s = uow.session
    actor = load_actor(s, by)
    require_role(actor, READING_SETTERS, "đổi cách tính đúng hạn")
    if actor.province_code is not None:
        raise PermissionDenied(f"Tài khoản {actor.username} chỉ có phạm vi một tỉnh; cách tính đúng hạn áp dụng cho "
                               "mọi kế hoạch, chỉ tài khoản toàn quốc được đổi.")
    reading = (reading or "").strip()
    if reading not in READINGS:
        raise InvalidInput("reading", f"'{reading}' không phải một cách tính (chỉ nhận {', '.join(READINGS)})")
    before = current_reading(s)
    holidays = load_holidays()
    moved = 0
    for area in s.scalars(select(AreaRow).where(AreaRow.deadline_named.is_not(None))):
        area.deadline = last_day_on_time(area.deadline_named, area.deadline_qualifier, reading, holidays)
    for req in s.scalars(select(RequirementRow).where(RequirementRow.deadline_named.is_not(None))):
        req.deadline = last_day_on_time(req.deadline_named, req.deadline_qualifier, reading, holidays)
        for milestone in s.scalars(select(MilestoneRow).where(MilestoneRow.requirement_id == req.id,
                                                              MilestoneRow.deadline_source.in_(("plan", "inferred")))):
            if milestone.deadline != req.deadline:
                milestone.deadline = req.deadline
                moved += 1
    if reading != before:
        s.add(SettingChangeRow(key=READING_SETTING, old_value=before, value=reading, changed_by=actor.username))
    row = s.get(SettingRow, READING_SETTING) or SettingRow(key=READING_SETTING)
    row.value, row.updated_by, row.updated_at = reading, actor.username, utcnow()
    s.add(row)
    touch_catalogue(s)
    uow.commit()
    return moved
