"""Sessions and sign-in throttling on SQLite and PostgreSQL: lifetimes, revocation, lock-out, the audit trail."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from tests.accounts import PASSWORD, add_account
from tracking.db.models import SessionRow
from tracking.services import sessions
from tracking.services.sessions import Lifetimes
from tracking.services.users import disable_user, set_password, set_role
from tracking.uow import UnitOfWork
from tracking.views.audit import audit_log

T0 = datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
LIFETIMES = Lifetimes(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


def sign_in(engine, username="thanhtra", password=PASSWORD, now=T0):
    with UnitOfWork(engine) as uow:
        return sessions.sign_in(uow, username, password, client="10.0.0.7", now=now, lifetimes=LIFETIMES)


def exchange(engine, signed, now=T0):
    """The code of a sign-in, presented by the browser that asked for it (with its nonce)."""
    with UnitOfWork(engine) as uow:
        return sessions.exchange_code(uow, signed.code, signed.nonce, now=now)


def resolve(engine, now, **key):
    with UnitOfWork(engine) as uow:
        return sessions.resolve(uow, now=now, lifetimes=LIFETIMES, **key)


@pytest.fixture
def user(engine):
    return add_account(engine, "thanhtra")


def test_a_sign_in_gives_a_one_time_code_that_becomes_a_cookie_token_stored_only_as_a_hash(engine, user):
    result = sign_in(engine)
    assert result.actor.username == user and result.code
    token = exchange(engine, result, T0 + timedelta(seconds=5))
    assert token and exchange(engine, result, T0 + timedelta(seconds=6)) is None  # used once only
    assert resolve(engine, T0 + timedelta(minutes=1), token=token).actor.username == user
    with engine.connect() as conn:
        row = conn.execute(select(SessionRow.__table__)).mappings().one()
    assert token not in {str(v) for v in row.values()} and result.code not in {str(v) for v in row.values()}
    assert row["token_hash"] == sessions.digest(token) and row["client_address"] == "10.0.0.7"


def test_a_one_time_code_expires_after_a_minute(engine, user):
    assert exchange(engine, sign_in(engine), T0 + timedelta(seconds=61)) is None


def test_a_session_idle_past_the_timeout_ends_and_stays_ended(engine, user):
    result = sign_in(engine)
    assert resolve(engine, T0 + timedelta(minutes=29), session_id=result.session_id).actor  # use keeps it alive
    assert resolve(engine, T0 + timedelta(minutes=58), session_id=result.session_id).actor
    ended = resolve(engine, T0 + timedelta(minutes=89), session_id=result.session_id)
    assert ended.actor is None and ended.ended == "idle"
    assert resolve(engine, T0 + timedelta(minutes=90), session_id=result.session_id).ended == "idle"


def test_a_session_ends_after_its_absolute_lifetime_however_busy(engine, user):
    result = sign_in(engine)
    for minutes in range(20, 12 * 60, 20):
        assert resolve(engine, T0 + timedelta(minutes=minutes), session_id=result.session_id).actor
    assert resolve(engine, T0 + timedelta(hours=12), session_id=result.session_id).ended == "expired"


def test_the_lifetimes_are_settings(monkeypatch):
    monkeypatch.setenv("TRACKING_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("TRACKING_SESSION_MAX_HOURS", "1.5")
    assert Lifetimes.from_settings() == Lifetimes(timedelta(minutes=5), timedelta(minutes=90))
    monkeypatch.setenv("TRACKING_SESSION_IDLE_MINUTES", "không phải số")
    assert Lifetimes.from_settings().idle == timedelta(minutes=30)


@pytest.mark.parametrize("end", [
    lambda uow: set_password(uow, "thanhtra", "mat-khau-moi-2026", by="console"),
    lambda uow: disable_user(uow, "thanhtra", by="console"),
    lambda uow: set_role(uow, "thanhtra", "leader", by="console"),
], ids=["password", "disable", "role"])
def test_a_password_change_disabling_or_a_role_change_ends_every_open_session(engine, user, end):
    first, second = sign_in(engine), sign_in(engine, now=T0 + timedelta(minutes=1))
    token = exchange(engine, second, T0 + timedelta(minutes=1))
    with UnitOfWork(engine) as uow:
        end(uow)
    later = T0 + timedelta(minutes=2)
    assert resolve(engine, later, session_id=first.session_id).actor is None
    assert resolve(engine, later, token=token).actor is None


def test_signing_out_ends_the_session_and_is_in_the_audit(engine, user):
    result = sign_in(engine)
    with UnitOfWork(engine) as uow:
        sessions.sign_out(uow, result.session_id, now=T0 + timedelta(minutes=3))
    assert resolve(engine, T0 + timedelta(minutes=4), session_id=result.session_id).actor is None
    assert list(audit_log(engine, user="thanhtra")["action"]) == ["user_signed_out", "user_signed_in"]


def test_five_wrong_passwords_lock_the_name_and_the_right_one_is_then_refused_until_the_lock_ends(engine, user):
    for i in range(4):
        assert sign_in(engine, password=f"sai-{i}", now=T0 + timedelta(minutes=i)).locked_until is None
    fifth = sign_in(engine, password="sai-4", now=T0 + timedelta(minutes=4))
    assert fifth.actor is None and fifth.locked_until == T0 + timedelta(minutes=19)
    sixth = sign_in(engine, now=T0 + timedelta(minutes=5))  # the right password
    assert sixth.actor is None and sixth.session_id is None and sixth.locked_until == fifth.locked_until
    assert sign_in(engine, now=T0 + timedelta(minutes=18)).actor is None
    assert sign_in(engine, now=T0 + timedelta(minutes=19)).actor.username == "thanhtra"
    actions = list(audit_log(engine, user="thanhtra")["action"])
    assert actions.count("user_signin_failed") == 5 and actions.count("user_signin_locked") == 1
    assert actions.count("user_signin_refused") == 2 and actions[0] == "user_signed_in"


def test_failures_spread_wider_than_the_window_or_broken_by_a_sign_in_do_not_lock(engine, user):
    for i in range(4):
        sign_in(engine, password="sai", now=T0 + timedelta(minutes=i))
    assert sign_in(engine, now=T0 + timedelta(minutes=5)).actor  # success: counting starts again
    for i in range(4):
        sign_in(engine, password="sai", now=T0 + timedelta(minutes=6 + i))
    assert sign_in(engine, password="sai", now=T0 + timedelta(minutes=30)).locked_until is None  # 4 are older
    assert sign_in(engine, now=T0 + timedelta(minutes=31)).actor


def test_unknown_names_are_throttled_too_and_no_password_reaches_the_audit(engine, user):
    for i in range(5):
        sign_in(engine, "khong-co-ai", password=f"bi-mat-{i}", now=T0 + timedelta(seconds=i))
    assert sign_in(engine, "khong-co-ai", now=T0 + timedelta(minutes=1)).locked_until is not None
    assert sign_in(engine, "thanhtra", now=T0 + timedelta(minutes=1)).actor  # another name is not affected
    log = audit_log(engine)
    text = log.astype(str).to_string()
    assert "bi-mat" not in text and PASSWORD not in text
    assert set(log[log["recorded_by"] == "khong-co-ai"]["action"]) == {
        "user_signin_failed", "user_signin_locked", "user_signin_refused"}


def _request(path: str, query: str, scheme: str = "http", headers=()):
    from starlette.requests import Request

    return Request({"type": "http", "method": "GET", "path": path, "query_string": query.encode(), "scheme": scheme,
                    "headers": [(b"host", b"tracking.example")] + [(k.encode(), v.encode()) for k, v in headers],
                    "server": ("tracking.example", 443 if scheme == "https" else 80)})


@pytest.mark.parametrize("scheme, headers, secure", [
    ("http", (), False), ("https", (), True), ("http", (("x-forwarded-proto", "https"),), True),
])
def test_the_code_route_sets_an_httponly_lax_cookie_secure_over_https_and_returns_to_the_view(
        engine, user, monkeypatch, scheme, headers, secure):
    from urllib.parse import quote

    from tracking.web.auth_routes import open_session

    monkeypatch.setenv("TRACKING_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    signed = sign_in(engine, now=datetime.now(timezone.utc))
    headers = (*headers, ("cookie", f"tracking_signin_nonce={signed.nonce}"))
    view = "/compliance?as_of=2011-06-30&level=district&district=941"
    response = open_session(_request("/auth/session", f"code={signed.code}&next={quote(view)}", scheme, headers))
    assert response.status_code == 303 and response.headers["location"] == view
    cookie = session_cookie(response)
    assert cookie.startswith("tracking_session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert ("Secure" in cookie) == secure and "thanhtra" not in cookie
    again = open_session(_request("/auth/session", f"code={signed.code}&next={quote(view)}", scheme, headers))
    assert session_cookie(again) is None  # a code works once


def session_cookie(response) -> str | None:
    return next((c for c in response.headers.getlist("set-cookie") if c.startswith("tracking_session=")), None)
