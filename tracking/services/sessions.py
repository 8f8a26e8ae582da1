"""Sign-in sessions: throttled password checks, server-side sessions with idle and absolute lifetimes, sign-out.

The browser never holds anything readable: sign-in makes a session row and a one-time code (valid for a minute);
a small web route trades the code for a random token set as an HttpOnly cookie. Only SHA-256 hashes of the code
and the token are stored. Every sign-in, failure, lock, refusal and sign-out is a user event (so it is in the
audit log); the password never is.

Counting cannot be raced: before a password is checked, the attempt is written as a `signin_checking` event under
a lock on the name (PostgreSQL: a transaction-scoped advisory lock on the name and on the client address; SQLite:
BEGIN IMMEDIATE, its one write lock) that also covers the count, so of any burst at most SIGNIN_MAX_FAILURES checks
are in flight or failed; the event then becomes the failure or the sign-in. The slow argon2 check runs outside the
lock, and a semaphore (tracking.services.users) bounds how many run at once. A client address with too many
failures or refusals (any names) is refused for the window without a check and without further events, so one
address can neither try every name nor flood the audit log.

The one-time code is bound to the browser that asked for it: its hash is taken together with a nonce the sign-in
page puts in a cookie on that browser just before the exchange, so a code planted in a link opened elsewhere is
worthless (login CSRF).
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, text

from tracking import settings
from tracking.db.models import SessionRow, UserEventRow, UserRow, utcnow
from tracking.services.permissions import Actor, actor_of
from tracking.services.users import authenticate
from tracking.text import user_name
from tracking.uow import UnitOfWork, lock_for_write

CODE_LIFETIME = timedelta(seconds=60)
TOUCH_EVERY = timedelta(seconds=15)  # last_seen_at is written at most this often (every click reruns the script)

SIGNED_IN, FAILED, LOCKED, REFUSED, SIGNED_OUT = "signed_in", "signin_failed", "signin_locked", "signin_refused", "signed_out"
CHECKING = "signin_checking"  # a password check in flight: counted as a failure until it ends


@dataclass(frozen=True)
class SignInResult:
    actor: Actor | None = None
    session_id: int | None = None
    code: str | None = None                 # one-time, exchanged for the cookie by tracking.web.auth_routes
    nonce: str | None = None                # goes into the browser's cookie with the code: the pair is needed
    locked_until: datetime | None = None    # set when this user name may not try again yet
    busy: bool = False                      # as many checks of this name as allowed are in flight: try again
    address_until: datetime | None = None   # this client address may not try again (any name) until then


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


def _recent_failures(s, name: str, now: datetime, *, in_flight: bool = True) -> int:
    """Failures (and checks in flight) within the window, counted afresh after a successful sign-in or a lock."""
    since = now - _lock_window()
    # "Afresh" goes by the order the events were written (ids, under the lock), not by their clock: attempts that
    # read the clock before a success but were written after it must still count, or a burst slips past the limit.
    reset = s.scalar(select(func.max(UserEventRow.id)).where(
        UserEventRow.username == name, UserEventRow.action.in_((SIGNED_IN, LOCKED)), UserEventRow.recorded_at > since))
    return s.scalar(select(func.count()).select_from(UserEventRow).where(
        UserEventRow.username == name, UserEventRow.action.in_((FAILED, CHECKING) if in_flight else (FAILED,)),
        UserEventRow.recorded_at > since, UserEventRow.id > (reset or 0))) or 0


def _address_until(s, client: str | None, now: datetime) -> datetime | None:
    """When this client address may try again, if it has failed or been refused too often within the window."""
    if not client:
        return None
    since = now - _lock_window()
    attempts = s.execute(select(func.count(), func.min(UserEventRow.recorded_at)).where(
        UserEventRow.note == client, UserEventRow.action.in_((FAILED, CHECKING, REFUSED)),
        UserEventRow.recorded_at > since)).one()
    if attempts[0] >= settings.SIGNIN_MAX_PER_ADDRESS.value():
        return _aware(attempts[1]) + _lock_window()
    return None


def _serialise(s, name: str, client: str | None) -> None:
    """Hold, until commit, the lock under which attempts on this name (and from this address) are counted."""
    connection = s.connection()
    if connection.dialect.name == "postgresql":
        for key in sorted({f"address:{client or ''}", f"name:{name}"}):  # one order everywhere: no deadlock
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
    else:
        lock_for_write(s)


def sign_in(uow: UnitOfWork, username: str, password: str, *, client: str | None = None,
            now: datetime | None = None, lifetimes: Lifetimes | None = None, nonce: str | None = None) -> SignInResult:
    """Check the password unless the name or the address is locked, or as many checks of the name as allowed are
    already counted; on success open a session and return its one-time code (and the nonce it is bound to)."""
    s, now, name = uow.session, now or utcnow(), _name(username)
    _serialise(s, name, client)
    address_until = _address_until(s, client, now)
    if address_until is not None:  # no event: a flooding address must not flood the audit log
        uow.commit()
        return SignInResult(address_until=address_until)
    until = locked_until(s, name, now)
    if until is not None:  # refused without even looking at the password
        _event(s, name, REFUSED, now, client)
        uow.commit()
        return SignInResult(locked_until=until)
    if _recent_failures(s, name, now) >= settings.SIGNIN_MAX_FAILURES.value():
        _event(s, name, REFUSED, now, client)  # the earlier checks are still running: this one is not made
        uow.commit()
        return SignInResult(busy=True)
    attempt = UserEventRow(username=name, action=CHECKING, recorded_by=name or "?", recorded_at=now, note=client)
    s.add(attempt)
    uow.commit()  # the count now includes this check, for every concurrent attempt
    actor = authenticate(uow, username, password)
    _serialise(s, name, client)
    until = locked_until(s, name, now)
    if actor is None:
        attempt.action = FAILED
        s.flush()
        # Only finished failures lock: a right password still in flight is never overtaken by a lock (the gate
        # above lets at most the limit in, so the limit of failures leaves no check in flight).
        if until is None and _recent_failures(s, name, now, in_flight=False) >= settings.SIGNIN_MAX_FAILURES.value():
            _event(s, name, LOCKED, now, client)
            until = now + _lock_window()
        uow.commit()
        return SignInResult(locked_until=until)
    if until is not None:  # locked while this check ran (cannot happen through sign_in; kept as the last word)
        attempt.action = REFUSED
        uow.commit()
        return SignInResult(locked_until=until)
    lifetimes = lifetimes or Lifetimes.from_settings()
    code, nonce = secrets.token_urlsafe(24), nonce or secrets.token_urlsafe(24)
    user_id = s.scalar(select(UserRow.id).where(UserRow.username == actor.username))
    row = SessionRow(user_id=user_id, created_at=now, last_seen_at=now, expires_at=now + lifetimes.absolute,
                     client_address=client, code_hash=code_digest(code, nonce), code_expires_at=now + CODE_LIFETIME)
    s.add(row)
    attempt.action, attempt.username, attempt.recorded_by = SIGNED_IN, actor.username, actor.username
    s.flush()
    uow.commit()
    return SignInResult(actor=actor, session_id=row.id, code=code, nonce=nonce)


def code_digest(code: str, nonce: str) -> str:
    """What is stored for a one-time code: its hash together with the browser's nonce."""
    return digest(f"{code}:{nonce}")


def exchange_code(uow: UnitOfWork, code: str, nonce: str | None, *, now: datetime | None = None) -> str | None:
    """The cookie's token for a fresh one-time code presented with the nonce of the browser that asked for it
    (the code then stops working), or None."""
    s, now = uow.session, now or utcnow()
    if not code or not nonce:
        return None
    row = s.scalar(select(SessionRow).where(SessionRow.code_hash == code_digest(code, nonce)))
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


def sign_out(uow: UnitOfWork, session_id: int | None = None, *, token: str | None = None, client: str | None = None,
             now: datetime | None = None) -> None:
    """End a session, found by its id (the app) or by the cookie's token (the sign-out route)."""
    s, now = uow.session, now or utcnow()
    if session_id is not None:
        row = s.get(SessionRow, session_id)
    elif token:
        row = s.scalar(select(SessionRow).where(SessionRow.token_hash == digest(token)))
    else:
        return
    if row is None or row.revoked_at is not None:
        return
    row.revoked_at, row.revoked_reason = now, "signed_out"
    user = s.get(UserRow, row.user_id)
    _event(s, user.username if user else "?", SIGNED_OUT, now, client)
    uow.commit()

