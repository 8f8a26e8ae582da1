"""Issue 22, point 7, on SQLite and PostgreSQL: sign-in cannot be raced, flooded from one address, planted or left
alive by a bare sign-out call."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account
from tracking import settings
from tracking.db.models import UserEventRow
from tracking.services import sessions, users
from tracking.uow import UnitOfWork

BURST = 20


@pytest.fixture
def user(engine):
    return add_account(engine, "thanhtra")


class CountingHasher:
    """The real argon2 hasher, counting the passwords it checks and how many it checks at once."""

    def __init__(self, real):
        self.real, self.checked, self.running, self.most = real, 0, 0, 0
        self.lock = threading.Lock()

    def verify(self, stored, password):
        with self.lock:
            self.checked += 1
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            return self.real.verify(stored, password)
        finally:
            with self.lock:
                self.running -= 1

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def hasher(monkeypatch):
    users._dummy_hash()  # made once, outside the count
    counting = CountingHasher(users._hasher)
    monkeypatch.setattr(users, "_hasher", counting)
    return counting


def attempt(engine, name: str, password: str, client: str = "10.0.0.7", now: datetime | None = None):
    with UnitOfWork(engine) as uow:
        return sessions.sign_in(uow, name, password, client=client, now=now)


def burst(engine, passwords: list[str], name: str = "thanhtra", clients=None):
    start = threading.Barrier(len(passwords))

    def one(i):
        start.wait()
        return attempt(engine, name, passwords[i], client=(clients or {}).get(i, f"10.0.1.{i}"))

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(one, range(len(passwords))))


def actions(engine, name: str = "thanhtra") -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(UserEventRow.action).where(UserEventRow.username == name)
                                 .order_by(UserEventRow.id)))


def test_twenty_concurrent_wrong_passwords_check_at_most_the_allowed_number(engine, user, hasher):
    results = burst(engine, [f"sai-{i}" for i in range(BURST)])
    allowed = int(settings.SIGNIN_MAX_FAILURES.value())
    assert hasher.checked <= allowed
    assert not any(r.actor for r in results)
    assert actions(engine).count("signin_failed") == hasher.checked
    assert attempt(engine, "thanhtra", PASSWORD).actor is None  # locked: the right password is refused


def test_the_right_password_in_a_burst_is_never_accepted_after_the_lock(engine, user, hasher):
    passwords = [f"sai-{i}" for i in range(BURST)]
    passwords[BURST // 2] = PASSWORD
    results = burst(engine, passwords)
    allowed = int(settings.SIGNIN_MAX_FAILURES.value())
    events = actions(engine)
    if any(r.actor for r in results):
        # among the checks let in: a success starts the count afresh (as one after another), so at most the limit
        # before it (itself included) and the limit after it
        assert hasher.checked <= 2 * allowed and events.count("signin_failed") <= 2 * allowed - 1
    else:
        assert hasher.checked <= allowed and "signin_locked" in events


def test_a_right_password_whose_check_outlives_a_lock_is_refused(engine, user, monkeypatch):
    """The last word is the lock: written by another server while this check ran, it wins."""
    real = sessions.authenticate

    def slow_check(uow, username, password):
        with UnitOfWork(engine) as other:
            other.session.add(UserEventRow(username="thanhtra", action="signin_locked", recorded_by="thanhtra",
                                           note="10.0.0.8"))
            other.commit()
        return real(uow, username, password)

    monkeypatch.setattr(sessions, "authenticate", slow_check)
    result = attempt(engine, "thanhtra", PASSWORD)
    assert result.actor is None and result.locked_until is not None and result.session_id is None


def test_password_checks_run_a_bounded_number_at_once(engine, user, hasher):
    burst(engine, ["sai"] * 12, name="x", clients={i: f"10.0.2.{i}" for i in range(12)})  # one name
    burst(engine, [f"sai-{i}" for i in range(12)], name="thanhtra")
    names = [f"khong-co-{i}" for i in range(12)]
    start = threading.Barrier(len(names))

    def one(name):
        start.wait()
        return attempt(engine, name, "sai", client=f"10.0.3.{name}")

    with ThreadPoolExecutor(len(names)) as pool:
        list(pool.map(one, names))
    assert 1 <= hasher.most <= settings.SIGNIN_CONCURRENT_CHECKS.value()


def test_one_address_cannot_try_every_name_nor_flood_the_audit_log(engine, user, hasher):
    t0 = datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
    limit = int(settings.SIGNIN_MAX_PER_ADDRESS.value())
    for i in range(limit):
        attempt(engine, f"ten-{i % 3}", "sai", client="203.0.113.9", now=t0 + timedelta(seconds=i))
    with UnitOfWork(engine) as uow:
        before = uow.session.scalar(select(UserEventRow.id).order_by(UserEventRow.id.desc()).limit(1))
    checked = hasher.checked
    for i in range(10):  # even the right password, on a name never tried, is not checked from this address
        refused = attempt(engine, "thanhtra", PASSWORD, client="203.0.113.9", now=t0 + timedelta(minutes=1, seconds=i))
        assert refused.actor is None and refused.address_until is not None
    assert hasher.checked == checked
    with UnitOfWork(engine) as uow:
        assert uow.session.scalar(select(UserEventRow.id).order_by(UserEventRow.id.desc()).limit(1)) == before
    assert attempt(engine, "thanhtra", PASSWORD, client="198.51.100.4", now=t0 + timedelta(minutes=2)).actor
    assert attempt(engine, "thanhtra", PASSWORD, client="203.0.113.9", now=t0 + timedelta(minutes=16)).actor


def test_a_code_without_the_nonce_of_the_browser_that_asked_gives_no_session(engine, user):
    signed = attempt(engine, "thanhtra", PASSWORD)
    with UnitOfWork(engine) as uow:
        assert sessions.exchange_code(uow, signed.code, None) is None
    with UnitOfWork(engine) as uow:
        assert sessions.exchange_code(uow, signed.code, "another-browsers-nonce") is None
    with UnitOfWork(engine) as uow:
        assert sessions.exchange_code(uow, signed.code, signed.nonce)


def _request(path: str, query: str, cookies: dict):
    from starlette.requests import Request

    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return Request({"type": "http", "method": "GET", "path": path, "query_string": query.encode(), "scheme": "http",
                    "headers": [(b"host", b"tracking.example"), (b"cookie", cookie.encode())],
                    "server": ("tracking.example", 80), "client": ("192.0.2.1", 5000)})


def _session_cookie(response) -> str | None:
    return next((c.split(";")[0].split("=", 1)[1] for c in response.headers.getlist("set-cookie")
                 if c.startswith("tracking_session=")), None)


def test_a_planted_code_link_does_not_swap_a_signed_in_victims_session(engine, user, monkeypatch):
    from tracking.web.auth_routes import open_session

    add_account(engine, "attacker")
    monkeypatch.setenv("TRACKING_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    victim = attempt(engine, "thanhtra", PASSWORD, now=datetime.now(timezone.utc))
    victim_token = _session_cookie(open_session(_request("/auth/session", f"code={victim.code}",
                                                         {"tracking_signin_nonce": victim.nonce})))
    assert victim_token
    planted = attempt(engine, "attacker", PASSWORD, now=datetime.now(timezone.utc))
    # the victim's browser opens the attacker's link: it has its own cookies, not the attacker's nonce
    response = open_session(_request("/auth/session", f"code={planted.code}", {"tracking_session": victim_token}))
    assert _session_cookie(response) is None
    with UnitOfWork(engine) as uow:
        assert sessions.resolve(uow, token=victim_token).actor.username == "thanhtra"


def test_the_sign_out_route_called_directly_ends_the_session_on_the_server(engine, user, monkeypatch):
    from tracking.web.auth_routes import close_session, open_session

    monkeypatch.setenv("TRACKING_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    signed = attempt(engine, "thanhtra", PASSWORD, now=datetime.now(timezone.utc))
    token = _session_cookie(open_session(_request("/auth/session", f"code={signed.code}",
                                                  {"tracking_signin_nonce": signed.nonce})))
    response = close_session(_request("/auth/signout", "next=/", {"tracking_session": token}))
    assert response.status_code == 303
    with UnitOfWork(engine) as uow:
        found = sessions.resolve(uow, token=token)
    assert found.actor is None and found.ended == "revoked"
    assert "signed_out" in actions(engine)
