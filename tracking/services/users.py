"""Local accounts: add, disable, sign in. Passwords are argon2 hashes; the clear text is never kept."""
from __future__ import annotations

import functools
import re
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from tracking import settings
from tracking.db.models import PlanRow, SessionRow, UnitRow, UserEventRow, UserRow, utcnow
from tracking.errors import InvalidInput, TrackingError
from tracking.services.permissions import ROLES, Actor, actor_of, province_name, require_role
from tracking.text import entered, user_name
from tracking.uow import UnitOfWork

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.@-]{0,79}$")
MIN_PASSWORD = 8
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Checked when the name is unknown, so a wrong name costs as long as a wrong password (made on first use)."""
    return _hasher.hash("không-phải-mật-khẩu")


@functools.cache
def _checks() -> threading.BoundedSemaphore:
    """At most this many argon2 computations at once in this process: each takes 64 MiB, so 60 concurrent
    sign-ins would otherwise take 1.1 GB; the others wait their turn."""
    return threading.BoundedSemaphore(int(settings.SIGNIN_CONCURRENT_CHECKS.value()))


def hash_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise InvalidInput("password", f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    with _checks():
        return _hasher.hash(password)


def add_user(
    uow: UnitOfWork, username: str, role: str, password: str, *, by: Actor | str,
    unit_code: str | None = None, display_name: str | None = None, province_code: str | None = None,
) -> int:
    """Create an active account. `by` is the admin (an Actor) or, from the server console, a plain label.

    `province_code` limits what the account may write to one province (None: national scope); a unit officer's
    province is its unit's."""
    if isinstance(by, Actor):
        require_role(by, ("admin",), "quản lý người dùng")
    s = uow.session
    name = user_name(username)
    if not USERNAME.match(name):
        raise InvalidInput("username", "tên đăng nhập 1–80 ký tự: chữ thường không dấu, số, và . _ - @")
    if role not in ROLES:
        raise InvalidInput("role", f"vai trò '{role}' không hợp lệ; chỉ nhận: {', '.join(ROLES)}")
    unit_code = (unit_code or "").strip() or None
    if role == "unit_officer" and not unit_code:
        raise InvalidInput("unit", "cán bộ đơn vị phải có mã đơn vị (--unit)")
    if role != "unit_officer" and unit_code:
        raise InvalidInput("unit", "chỉ vai trò unit_officer gắn với một đơn vị")
    if unit_code and s.get(UnitRow, unit_code) is None:
        raise InvalidInput("unit", f"không có đơn vị mã '{unit_code}'")
    province_code = _province_for(s, role, unit_code, province_code)
    if s.scalar(select(UserRow.id).where(UserRow.username == name)) is not None:
        raise InvalidInput("username", f"tên đăng nhập '{name}' đã có")
    row = UserRow(username=name, role=role, unit_code=unit_code, display_name=(entered(display_name, "display_name") or "").strip() or None,
                  password_hash=hash_password(password), active=True, province_code=province_code)
    s.add(row)
    s.add(UserEventRow(username=name, action="added", role=role, unit_code=unit_code, province_code=province_code,
                       recorded_by=_label(by)))
    s.flush()
    uow.commit()
    return row.id


def _existing(s, username: str, by: Actor | str) -> UserRow:
    """The account an administrator (or the server console, `by` a string) is about to change."""
    if isinstance(by, Actor):
        require_role(by, ("admin",), "quản lý người dùng")
    row = s.scalar(select(UserRow).where(UserRow.username == user_name(username)))
    if row is None:
        raise InvalidInput("username", f"không có người dùng '{username}'")
    return row


def disable_user(uow: UnitOfWork, username: str, *, by: Actor | str) -> None:
    if isinstance(by, Actor) and by.username == user_name(username):
        require_role(by, ("admin",), "quản lý người dùng")
        raise TrackingError("Không tự khóa tài khoản của chính mình.")
    s = uow.session
    row = _existing(s, username, by)
    if not row.active:
        raise InvalidInput("username", f"tài khoản '{row.username}' đã bị khóa từ trước")
    row.active = False
    end_sessions(s, row.id, "disabled")
    s.add(UserEventRow(username=row.username, action="disabled", role=row.role, unit_code=row.unit_code,
                       province_code=row.province_code, recorded_by=_label(by)))
    uow.commit()


def set_password(uow: UnitOfWork, username: str, password: str, *, by: Actor | str) -> None:
    """Replace an account's password (an admin, or the server console); the change is kept in the audit log."""
    s = uow.session
    row = _existing(s, username, by)
    row.password_hash = hash_password(password)
    end_sessions(s, row.id, "password")
    s.add(UserEventRow(username=row.username, action="password", role=row.role, unit_code=row.unit_code,
                       province_code=row.province_code, recorded_by=_label(by)))
    uow.commit()


def set_role(uow: UnitOfWork, username: str, role: str, *, by: Actor | str, unit_code: str | None = None) -> None:
    """Give an account another role (and unit); its open sessions end, so the new rights apply at once.

    The province stays, except that an administrator becomes national and a unit officer takes its unit's."""
    s = uow.session
    row = _existing(s, username, by)
    if role not in ROLES:
        raise InvalidInput("role", f"vai trò '{role}' không hợp lệ; chỉ nhận: {', '.join(ROLES)}")
    unit_code = (unit_code or "").strip() or None
    if (role == "unit_officer") != bool(unit_code):
        raise InvalidInput("unit", "cán bộ đơn vị phải có mã đơn vị (--unit); vai trò khác thì không")
    if unit_code and s.get(UnitRow, unit_code) is None:
        raise InvalidInput("unit", f"không có đơn vị mã '{unit_code}'")
    province_code = None if role == "admin" else _unit_province(s, unit_code) if unit_code else row.province_code
    row.role, row.unit_code, row.province_code = role, unit_code, province_code
    end_sessions(s, row.id, "role")
    s.add(UserEventRow(username=row.username, action="role", role=role, unit_code=unit_code,
                       province_code=province_code, recorded_by=_label(by)))
    uow.commit()


def set_province(uow: UnitOfWork, username: str, province_code: str | None, *, by: Actor | str) -> None:
    """Limit an account to one province (None: national scope); its open sessions end, so the change applies at once."""
    s = uow.session
    row = _existing(s, username, by)
    province_code = _province_for(s, row.role, row.unit_code, province_code, explicit=True)
    if province_code == row.province_code:
        raise InvalidInput("province", f"tài khoản '{row.username}' đã có phạm vi {province_name(s, province_code)} từ trước")
    row.province_code = province_code
    end_sessions(s, row.id, "province")
    scope = f"{province_name(s, province_code)} ({province_code})" if province_code else province_name(s, None)
    s.add(UserEventRow(username=row.username, action="province", role=row.role, unit_code=row.unit_code,
                       province_code=province_code, recorded_by=_label(by), note=f"phạm vi {scope}"))
    uow.commit()


def _unit_province(s, unit_code: str) -> str | None:
    return s.scalar(select(UnitRow.province_code).where(UnitRow.code == unit_code))


def _province_for(s, role: str, unit_code: str | None, province_code: str | None, explicit: bool = False) -> str | None:
    """The province an account of this role (and unit) gets, or InvalidInput when the one asked for does not fit."""
    province_code = (entered(province_code, "province") or "").strip() or None
    if province_code and s.scalar(select(PlanRow.id).where(PlanRow.province_code == province_code).limit(1)) is None:
        raise InvalidInput("province", f"không có kế hoạch của tỉnh mã '{province_code}'")
    if role == "admin" and province_code:
        raise InvalidInput("province", "quản trị viên quản lý mọi tài khoản nên có phạm vi toàn quốc; bỏ --province")
    if unit_code:
        own = _unit_province(s, unit_code)
        if (province_code or explicit) and province_code != own:
            raise InvalidInput("province", f"đơn vị {unit_code} thuộc {province_name(s, own)}: cán bộ đơn vị có phạm vi "
                                           "là tỉnh của đơn vị mình (đổi đơn vị bằng `users role`)")
        return own
    return province_code


def end_sessions(s, user_id: int, reason: str) -> int:
    """Revoke every open session of a user (password change, disabling, role change); the caller commits."""
    rows = s.scalars(select(SessionRow).where(SessionRow.user_id == user_id, SessionRow.revoked_at.is_(None))).all()
    for row in rows:
        row.revoked_at, row.revoked_reason = utcnow(), reason
    return len(rows)


def authenticate(uow: UnitOfWork, username: str, password: str) -> Actor | None:
    """The active user if the password matches, else None (the caller says only 'wrong name or password')."""
    s = uow.session
    row = s.scalar(select(UserRow).where(UserRow.username == user_name(username)))
    known = row is not None and row.active and bool(row.password_hash)
    stored = row.password_hash if known else _dummy_hash()
    try:
        with _checks():
            _hasher.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if not known:
        return None
    if _hasher.check_needs_rehash(stored):
        with _checks():
            row.password_hash = _hasher.hash(password)
        uow.commit()
    return actor_of(row)


def _label(by: Actor | str) -> str:
    return by.username if isinstance(by, Actor) else by
