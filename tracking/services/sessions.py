"""Sign-in sessions: throttled password checks, server-side sessions with idle and absolute lifetimes, sign-out.

The browser never holds anything readable: sign-in makes a session row and a one-time code (valid for a minute);
a small web route trades the code for a random token set as an HttpOnly cookie. Only SHA-256 hashes of the code
and the token are stored. Every sign-in, failure, lock, refusal and sign-out is a user event (so it is in the
audit log); the password never is.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from tracking import settings
from tracking.db.models import SessionRow, UserEventRow, UserRow, utcnow
from tracking.services.permissions import Actor, actor_of
from tracking.services.users import authenticate
from tracking.text import user_name
from tracking.uow import UnitOfWork

CODE_LIFETIME = timedelta(seconds=60)
TOUCH_EVERY = timedelta(seconds=15)  # last_seen_at is written at most this often (every click reruns the script)

SIGNED_IN, FAILED, LOCKED, REFUSED, SIGNED_OUT = "signed_in", "signin_failed", "signin_locked", "signin_refused", "signed_out"


@dataclass(frozen=True)
class SignInResult:
    actor: Actor | None = None
    session_id: int | None = None
    code: str | None = None                 # one-time, exchanged for the cookie by tracking.web.auth_routes
    locked_until: datetime | None = None    # set when this user name may not try again yet


@dataclass(frozen=True)
class Lifetimes:
    idle: timedelta
    absolute: timedelta

    @classmethod
    def from_settings(cls) -> "Lifetimes":
        return cls(timedelta(minutes=settings.SESSION_IDLE_MINUTES.value()),
                   timedelta(hours=settings.SESSION_MAX_HOURS.value()))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back stored UTC times without their zone."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def _name(username: str | None) -> str:
    return user_name(username)[:80]


def _event(s, name: str, action: str, now: datetime, client: str | None) -> None:
    s.add(UserEventRow(username=name, action=action, recorded_by=name or "?", recorded_at=now, note=client))


def _lock_window() -> timedelta:
    return timedelta(minutes=settings.SIGNIN_LOCK_MINUTES.value())


def locked_until(s, username: str, now: datetime | None = None) -> datetime | None:
    """When this user name may try again, if it is locked now."""
    now = now or utcnow()
    last_lock = _aware(s.scalar(select(func.max(UserEventRow.recorded_at))
                                .where(UserEventRow.username == _name(username), UserEventRow.action == LOCKED)))
    if last_lock is not None and last_lock + _lock_window() > now:
        return last_lock + _lock_window()
    return None


def _recent_failures(s, name: str, now: datetime) -> int:
    """Failures within the window, counted afresh after a successful sign-in or a lock."""
    since = now - _lock_window()
    reset = _aware(s.scalar(select(func.max(UserEventRow.recorded_at))
                            .where(UserEventRow.username == name, UserEventRow.action.in_((SIGNED_IN, LOCKED)))))
    if reset is not None and reset > since:
        since = reset
    return s.scalar(select(func.count()).select_from(UserEventRow).where(
        UserEventRow.username == name, UserEventRow.action == FAILED, UserEventRow.recorded_at > since)) or 0


def sign_in(uow: UnitOfWork, username: str, password: str, *, client: str | None = None,
            now: datetime | None = None, lifetimes: Lifetimes | None = None) -> SignInResult:
    """Check the password unless the name is locked; on success open a session and return its one-time code."""
    s, now, name = uow.session, now or utcnow(), _name(username)
    until = locked_until(s, name, now)
    if until is not None:  # refused without even looking at the password
        _event(s, name, REFUSED, now, client)
        uow.commit()
        return SignInResult(locked_until=until)
    actor = authenticate(uow, username, password)
    if actor is None:
        _event(s, name, FAILED, now, client)
        s.flush()
        if _recent_failures(s, name, now) >= settings.SIGNIN_MAX_FAILURES.value():
            _event(s, name, LOCKED, now, client)
            until = now + _lock_window()
        uow.commit()
        return SignInResult(locked_until=until)
    lifetimes = lifetimes or Lifetimes.from_settings()
    code = secrets.token_urlsafe(24)
    user_id = s.scalar(select(UserRow.id).where(UserRow.username == actor.username))
    row = SessionRow(user_id=user_id, created_at=now, last_seen_at=now, expires_at=now + lifetimes.absolute,
                     client_address=client, code_hash=digest(code), code_expires_at=now + CODE_LIFETIME)
    s.add(row)
    _event(s, actor.username, SIGNED_IN, now, client)
    s.flush()
    uow.commit()
    return SignInResult(actor=actor, session_id=row.id, code=code)


def exchange_code(uow: UnitOfWork, code: str, *, now: datetime | None = None) -> str | None:
    """The cookie's token for a fresh one-time code (which then stops working), or None."""
    s, now = uow.session, now or utcnow()
    row = s.scalar(select(SessionRow).where(SessionRow.code_hash == digest(code or "")))
    if row is None or row.revoked_at is not None or _aware(row.code_expires_at) < now:
        return None
    token = secrets.token_urlsafe(32)
    row.token_hash, row.code_hash, row.code_expires_at = digest(token), None, None
    uow.commit()
    return token


@dataclass(frozen=True)
class Resolved:
    actor: Actor | None
    session_id: int | None = None
    ended: str | None = None  # why a session that existed no longer counts: idle, expired, revoked, disabled


def resolve(uow: UnitOfWork, *, session_id: int | None = None, token: str | None = None,
            now: datetime | None = None, lifetimes: Lifetimes | None = None) -> Resolved:
    """The signed-in user of a session (by id from the server's memory, or by the cookie's token), if it still
    counts; ends it when it has been idle too long or is past its absolute lifetime."""
    s, now = uow.session, now or utcnow()
    lifetimes = lifetimes or Lifetimes.from_settings()
    if session_id is not None:
        row = s.get(SessionRow, session_id)
    elif token:
        row = s.scalar(select(SessionRow).where(SessionRow.token_hash == digest(token)))
    else:
        return Resolved(None)
    if row is None:
        return Resolved(None)
    if row.revoked_at is not None:  # a lifetime that ran out keeps saying so; anything else was ended on purpose
        return Resolved(None, row.id, row.revoked_reason if row.revoked_reason in ("idle", "expired") else "revoked")
    user = s.get(UserRow, row.user_id)
    ended = ("disabled" if user is None or not user.active
             else "expired" if _aware(row.expires_at) <= now
             else "idle" if _aware(row.last_seen_at) + lifetimes.idle <= now else None)
    if ended:
        row.revoked_at, row.revoked_reason = now, ended
        uow.commit()
        return Resolved(None, row.id, ended)
    if now - _aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
        uow.commit()
    return Resolved(actor_of(user), row.id)


def sign_out(uow: UnitOfWork, session_id: int, *, client: str | None = None, now: datetime | None = None) -> None:
    s, now = uow.session, now or utcnow()
    row = s.get(SessionRow, session_id)
    if row is None or row.revoked_at is not None:
        return
    row.revoked_at, row.revoked_reason = now, "signed_out"
    user = s.get(UserRow, row.user_id)
    _event(s, user.username if user else "?", SIGNED_OUT, now, client)
    uow.commit()

