"""Who may write what. Every write service asks here; a page hiding a button is not a check."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tracking.db.models import UnitRow, UserRow
from tracking.errors import InvalidInput, TrackingError
from tracking.labels import ROLE_TEXT
from tracking.text import user_name

ROLES = ("leader", "inspector", "unit_officer", "admin")
ROLE_LABELS = {role: vi for role, (vi, _) in ROLE_TEXT.items()}  # service messages are Vietnamese
DEADLINE_SETTERS = ("inspector", "admin")
COUNCIL = "Ủy ban nhân dân "


class PermissionDenied(TrackingError):
    """The user exists but may not do this."""


@dataclass(frozen=True)
class Actor:
    username: str
    role: str
    unit_code: str | None = None
    display_name: str | None = None
    province_code: str | None = None  # None: national scope (the Government Inspectorate, administrators)

    @property
    def label(self) -> str:
        return self.display_name or self.username


def load_actor(session, username: str | None, field: str = "by") -> Actor:
    """The active user with this name (compared as sign-in compares it), or InvalidInput naming the field."""
    name = user_name(username)
    if not name:
        raise InvalidInput(field, "phải ghi người cập nhật (tên đăng nhập)")
    row = session.scalar(select(UserRow).where(UserRow.username == name))
    if row is None:
        raise InvalidInput(field, f"không có người dùng '{name}'")
    if not row.active:
        raise InvalidInput(field, f"tài khoản '{name}' đã bị khóa")
    return actor_of(row)


def actor_of(row: UserRow) -> Actor:
    return Actor(row.username, row.role, row.unit_code, row.display_name, row.province_code)


def province_name(session, code: str | None) -> str:
    """'Tỉnh Sóc Trăng', 'Thành phố Hà Nội': the province's unit is named 'Ủy ban nhân dân tỉnh …'."""
    if not code:
        return "toàn quốc"
    name = session.scalar(select(UnitRow.name).where(UnitRow.code == code, UnitRow.level == "province"))
    if not name:
        return f"tỉnh mã {code}"
    name = name.removeprefix(COUNCIL)
    return name[:1].upper() + name[1:]


def in_scope(session, actor: Actor, unit_code: str) -> bool:
    """The unit is in the account's province (a national account's scope is every province)."""
    if actor.province_code is None:
        return True
    unit = session.get(UnitRow, unit_code)
    return bool(unit and unit.province_code == actor.province_code)


def require_scope(session, actor: Actor, unit_code: str, what: str = "cập nhật") -> None:
    if not in_scope(session, actor, unit_code):
        raise PermissionDenied(scope_refusal(session, actor, unit_code, what))


def scope_refusal(session, actor: Actor, unit_code: str, what: str = "cập nhật") -> str:
    """Names the account's province, the unit and the unit's province (an import puts the row in front)."""
    unit = session.get(UnitRow, unit_code)
    own = province_name(session, actor.province_code)
    other = province_name(session, unit.province_code) if unit else "tỉnh khác"
    label = f"{unit.code} ({unit.name})" if unit else unit_code
    return f"Tài khoản {actor.username} chỉ được {what} đơn vị thuộc {own}; đơn vị {label} thuộc {other}."


def may_write_unit(session, actor: Actor, unit_code: str) -> bool:
    if not in_scope(session, actor, unit_code):
        return False
    if actor.role == "inspector":
        return True
    if actor.role != "unit_officer" or not actor.unit_code:
        return False
    if unit_code == actor.unit_code:
        return True
    # A district's officer also writes for its communes (the district directs them, III.5).
    unit = session.get(UnitRow, unit_code)
    own = session.get(UnitRow, actor.unit_code)
    return bool(unit and own and own.level == "district" and unit.parent_code == own.code)


def require_write_unit(session, actor: Actor, unit_code: str) -> None:
    # The province first: an inspector of another province is told why, not that inspectors may not write.
    if actor.role in ("inspector", "unit_officer"):
        require_scope(session, actor, unit_code)
    if not may_write_unit(session, actor, unit_code):
        if actor.role == "unit_officer":
            raise PermissionDenied(
                f"Người dùng '{actor.username}' chỉ được cập nhật đơn vị {actor.unit_code}"
                f"{' và các xã trực thuộc' if _is_district(session, actor.unit_code) else ''}, "
                f"không được cập nhật đơn vị {unit_code}."
            )
        raise PermissionDenied(f"Người dùng '{actor.username}' ({ROLE_LABELS[actor.role]}) không được cập nhật tiến độ.")


def require_role(actor: Actor, roles: tuple[str, ...], what: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(f"Người dùng '{actor.username}' ({ROLE_LABELS[actor.role]}) không được {what}.")


def writable_unit_codes(session, actor: Actor) -> list[str]:
    """Units this user may write, in list order (empty for leaders and admins); only the account's province."""
    stmt = select(UnitRow.code, UnitRow.parent_code).order_by(UnitRow.position)
    if actor.province_code is not None:
        stmt = stmt.where(UnitRow.province_code == actor.province_code)
    units = session.execute(stmt).all()
    if actor.role == "inspector":
        return [code for code, _ in units]
    return [code for code, _ in units if may_write_unit(session, actor, code)]


def _is_district(session, code: str | None) -> bool:
    unit = session.get(UnitRow, code) if code else None
    return bool(unit and unit.level == "district")
