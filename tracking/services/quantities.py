"""Record a unit's quantities (reception staff, trained officers, reception room), append-only, with history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracking.db.models import PlanRow, QuantityUpdateRow, UnitRow
from tracking.errors import InvalidInput
from tracking.services.permissions import load_actor, require_write_unit
from tracking.services.updates import Conflict
from tracking.services.validation import check_fact_date, check_text, parse_date, parse_whole
from tracking.services.versions import bump_unit_figures, lock_unit_figures
from tracking.uow import UnitOfWork

QUANTITIES = {
    "dedicated_staff": ("Cán bộ tiếp công dân chuyên trách", "Dedicated reception staff"),
    "parttime_staff": ("Cán bộ kiêm nhiệm", "Part-time reception staff"),
    "officers_in_post": ("Cán bộ đang làm công tác tiếp công dân", "Reception officers in post"),
    "officers_trained": ("Cán bộ đã được bồi dưỡng nghiệp vụ", "Officers trained"),
    "reception_room": ("Có phòng tiếp công dân riêng (1 = có, 0 = chưa)", "Separate reception room (1 yes, 0 no)"),
}
MAX_VALUE = {"reception_room": 1}


@dataclass(frozen=True)
class QuantityCommand:
    unit_code: str
    values: dict[str, int | str | None]
    fact_date: str | date
    by: str
    evidence: str | None = None
    note: str | None = None
    based_on: int | None = None
    check_version: bool = False


def current_quantities(session, unit_code: str, as_of: date | None = None) -> tuple[dict[str, int | None], int | None]:
    """The value of each quantity in force on `as_of` (default: the latest), and the figures' version (services.versions)."""
    stmt = (
        select(QuantityUpdateRow.quantity, QuantityUpdateRow.value)
        .where(QuantityUpdateRow.unit_code == unit_code)
        .order_by(QuantityUpdateRow.fact_date, QuantityUpdateRow.id)
    )
    if as_of is not None:
        stmt = stmt.where(QuantityUpdateRow.fact_date <= as_of)
    rows = session.execute(stmt).all()
    latest = {q: None for q in QUANTITIES}
    for quantity, value in rows:
        latest[quantity] = value
    return latest, session.scalar(select(UnitRow.figures_version).where(UnitRow.code == unit_code)) or 0


def record_quantities(uow: UnitOfWork, cmd: QuantityCommand, today: date | None = None) -> list[int]:
    """Append one row per quantity whose value changed; returns their ids. All or nothing."""
    s, today = uow.session, today or date.today()
    unit = s.get(UnitRow, (cmd.unit_code or "").strip())
    if unit is None:
        raise InvalidInput("unit_code", f"không có đơn vị mã '{cmd.unit_code}'")
    actor = load_actor(s, cmd.by)
    require_write_unit(s, actor, unit.code)
    fact_date = parse_date(cmd.fact_date, "date")
    check_fact_date(fact_date, "date", s.scalar(select(func.min(PlanRow.starts_on))), today)
    version = lock_unit_figures(s, unit.code)
    # A figure back-dated to before a later change is compared with what was in force on its own date.
    in_force, _ = current_quantities(s, unit.code, fact_date)
    if cmd.check_version and version != (cmd.based_on or 0):
        raise Conflict(
            f"Số liệu của {unit.name} vừa được người khác cập nhật trong lúc anh/chị nhập. "
            "Chưa lưu gì: hãy xem lại số liệu hiện tại rồi nhập lại."
        )
    rows, after = [], dict(in_force)
    for quantity, raw in cmd.values.items():
        if quantity not in QUANTITIES:
            raise InvalidInput("quantity", f"không có chỉ tiêu '{quantity}'")
        value = parse_whole(raw, quantity, MAX_VALUE.get(quantity, 500))
        if value is not None:
            after[quantity] = value
        if value is None or value == in_force[quantity]:
            continue
        rows.append(QuantityUpdateRow(
            unit_code=unit.code, quantity=quantity, value=value, fact_date=fact_date,
            evidence=check_text(cmd.evidence, "evidence", 500), note=check_text(cmd.note, "note", 2000),
            recorded_by=actor.username,
        ))
    trained, in_post = after.get("officers_trained"), after.get("officers_in_post")
    if trained is not None and in_post is not None and trained > in_post:
        raise InvalidInput("officers_trained",
                           f"số cán bộ đã bồi dưỡng ({trained}) lớn hơn số cán bộ đang làm công tác tiếp dân ({in_post})")
    if not rows:
        raise InvalidInput("value", "không có số liệu nào thay đổi so với số liệu đang có hiệu lực vào ngày đó")
    bump_unit_figures(s, unit.code, version)
    s.add_all(rows)
    s.flush()
    uow.commit()
    return [r.id for r in rows]

