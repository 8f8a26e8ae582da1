"""Sign-in: the local login form (a server-side session behind an HttpOnly cookie), optional single sign-on
(st.login, OIDC), and the signed-in user."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from tracking.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from tracking.errors import InvalidInput
from tracking.labels import fmt_moment, role_label
from tracking.services import sessions
from tracking.services.permissions import Actor, load_actor, province_name
from tracking.settings import SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, SIGNIN_MAX_FAILURES
from tracking.ui import data
from tracking.ui.i18n import lang, t
from tracking.ui.navigation import PAGES
from tracking.ui.plain import plain
from tracking.uow import UnitOfWork
from tracking.web.auth_routes import COOKIE, NONCE_COOKIE, SESSION_PATH, SIGNOUT_PATH

# Server memory only (never sent to the browser): the id of this connection's session row. A refresh opens a new
# connection, which finds its session again through the HttpOnly cookie.
SESSION_KEY = "auth_session"
ROUTED_KEY = "routed_by_app"
_CODE_KEY = "auth_cookie_code"      # one-time code still to be turned into the cookie
_SIGNED_OUT_KEY = "auth_signed_out"  # the cookie is still to be cleared
_RETURN_KEY = "auth_return_to"      # page and query a first visitor asked for before the router had run
_ENDED_KEY = "auth_ended"           # why the last session stopped counting (shown on the sign-in form)
APP_FILE = Path(__file__).resolve().parents[2] / "app.py"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def mark_routed() -> None:
    """app.py calls this: the session has been through the router (and so through sign-in)."""
    st.session_state[ROUTED_KEY] = True


def current_actor() -> Actor | None:
    """The signed-in, still active user of a session that still counts (revoked, idle or expired ones do not)."""
    session_id = st.session_state.get(SESSION_KEY)
    token = _text(st.context.cookies.get(COOKIE))
    if session_id is not None or token:
        with UnitOfWork(data.engine()) as uow:
            found = sessions.resolve(uow, session_id=session_id) if session_id is not None else sessions.Resolved(None)
            if found.actor is None and token:
                found = sessions.resolve(uow, token=token)
        if found.actor is not None:
            st.session_state[SESSION_KEY] = found.session_id
            return found.actor
        st.session_state.pop(SESSION_KEY, None)
        if found.ended:
            st.session_state[_ENDED_KEY] = found.ended
    return _sso_actor()


def _sso_actor() -> Actor | None:
    username = _sso_username()
    if not username:
        return None
    with UnitOfWork(data.engine()) as uow:
        try:
            return load_actor(uow.session, username)
        except InvalidInput:
            st.error(t(f"Tài khoản '{plain(username)}' chưa được cấp quyền hoặc đã bị khóa.",
                       f"Account '{plain(username)}' has no access or is disabled."))
            return None


def require_actor(page: str | None = None) -> Actor:
    """For pages: the signed-in user allowed on this page (its roles in navigation.PAGES), or stop.

    Signed out, the page shows the sign-in form itself, so a link (page and query) survives signing in."""
    if not st.session_state.get(ROUTED_KEY):
        # Until app.py has run once, a fresh server serves pages/ directly (with an automatic menu and no
        # sign-in): send such a visitor through the router, which then brings them back to this page and query.
        query = {k: st.query_params.get_all(k) for k in st.query_params}
        st.session_state[_RETURN_KEY] = (Path(page).stem if page else None, query)
        st.switch_page(str(APP_FILE), query_params=query)
    actor = current_actor()
    if actor is None:
        login_page()
        st.stop()
    spec = next((p for p in PAGES if page and Path(p.path).name == Path(page).name), None)
    if spec is not None and actor.role not in spec.roles:
        st.title(t(spec.title_vi, spec.title_en))
        st.error(t(f"Trang “{spec.title_vi}” không dành cho vai trò {role_label(actor.role, 'vi')} của anh/chị. "
                   "Hãy chọn một trang khác ở thanh bên trái, hoặc liên hệ quản trị viên nếu cần quyền này.",
                   f"The page “{spec.title_en}” is not available to your role ({role_label(actor.role, 'en')}). "
                   "Pick another page in the sidebar, or ask an administrator for access."),
                 icon=":material/block:")
        st.stop()
    return actor


def resume_first_visit(pages) -> None:
    """app.py, once its navigation exists: back to the page a first visitor asked for (see require_actor)."""
    wanted = st.session_state.pop(_RETURN_KEY, None)
    if wanted:
        stem, query = wanted
        target = next((p for p in pages if stem and p.url_path == stem), None)
        if target is not None:
            st.switch_page(target, query_params=query)


def _text(value) -> str | None:
    """Request details are absent under AppTest (no browser, no request): only real strings count."""
    return value if isinstance(value, str) and value else None


def _client() -> str | None:
    return _text(st.context.ip_address)


def _ended_note() -> None:
    ended = st.session_state.pop(_ENDED_KEY, None)
    if ended == "idle":
        st.info(t(f"Phiên đăng nhập đã kết thúc vì không dùng quá {SESSION_IDLE_MINUTES.value():g} phút. "
                  "Vui lòng đăng nhập lại.",
                  f"Your session ended after {SESSION_IDLE_MINUTES.value():g} minutes without use. Please sign in again."))
    elif ended == "expired":
        st.info(t(f"Phiên đăng nhập đã hết hạn ({SESSION_MAX_HOURS.value():g} giờ). Vui lòng đăng nhập lại.",
                  f"Your session expired ({SESSION_MAX_HOURS.value():g} hours). Please sign in again."))
    elif ended == "revoked":
        st.info(t("Phiên đăng nhập đã kết thúc (đăng xuất, đổi mật khẩu, đổi vai trò hoặc tài khoản bị khóa). "
                  "Vui lòng đăng nhập lại.",
                  "Your session was ended (sign-out, password or role change, or the account was disabled). "
                  "Please sign in again."))


def login_page() -> None:
    st.title(t("Đăng nhập", "Sign in"))
    st.caption(t("Theo dõi Kế hoạch triển khai Đề án Đổi mới công tác tiếp công dân — tỉnh Sóc Trăng",
                 "Tracking the plan for renovating citizen reception — Sóc Trăng province"))
    _clear_cookie_if_signed_out()
    _ended_note()
    with st.form("login_form", clear_on_submit=True):
        username = st.text_input(t("Tên đăng nhập", "Username"), key="login_username")
        password = st.text_input(t("Mật khẩu", "Password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("Đăng nhập", "Sign in"), key="login_submit", type="primary")
    if submitted:
        with UnitOfWork(data.engine()) as uow:
            result = sessions.sign_in(uow, username, password, client=_client())
        if result.actor is not None:
            st.session_state[SESSION_KEY] = result.session_id
            st.session_state[_CODE_KEY] = (result.code, result.nonce)
            st.rerun()
        elif result.address_until is not None:
            st.error(t(f"Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau "
                       f"{fmt_moment(result.address_until)} (giờ Việt Nam).",
                       f"Too many failed sign-ins from this address. Try again after "
                       f"{fmt_moment(result.address_until)} (Vietnam time)."), icon=":material/lock_clock:")
        elif result.busy:
            st.warning(t("Tên đăng nhập này đang được kiểm tra ở nơi khác. Vui lòng thử lại sau ít giây.",
                         "This user name is being checked elsewhere. Please try again in a few seconds."))
        elif result.locked_until is not None:
            st.error(t(f"Tên đăng nhập này tạm bị khóa vì nhập sai mật khẩu {SIGNIN_MAX_FAILURES.value():g} lần. "
                       f"Vui lòng thử lại sau {fmt_moment(result.locked_until)} (giờ Việt Nam), "
                       "hoặc nhờ quản trị viên đặt lại mật khẩu.",
                       f"This user name is locked after {SIGNIN_MAX_FAILURES.value():g} wrong passwords. "
                       f"Try again after {fmt_moment(result.locked_until)} (Vietnam time), or ask an administrator."),
                     icon=":material/lock_clock:")
        else:
            st.error(t("Sai tên đăng nhập hoặc mật khẩu (hoặc tài khoản đã bị khóa).",
                       "Wrong username or password (or the account is disabled)."))
    if _sso_configured():
        st.button(t("Đăng nhập một lần (SSO)", "Single sign-on"), key="login_sso", on_click=st.login)
    if data.is_demo() and _served_locally():
        _demo_hint()


def _served_locally() -> bool:
    """The demo password is shown only to a browser on this very machine (make run listens on 127.0.0.1)."""
    if _client() is not None:  # None: a loopback connection (or no browser at all, as in AppTest)
        return False
    host = (_text(st.context.headers.get("host")) or "localhost").strip()
    host = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return host.lower() in LOCAL_HOSTS


def hand_over_cookie() -> bool:
    """After sign-in, send the browser once through the cookie route and back to this very page and query; True when
    it does (the page is about to be replaced: drawing it would only rewrite the query the browser is taking along).

    Only the browser knows its current address with the query, so a tiny script builds the link; it first puts
    the sign-in's nonce in a cookie on this browser, without which the code is refused (see auth_routes)."""
    handed = st.session_state.pop(_CODE_KEY, None)
    if handed:
        code, nonce = handed
        st.html(f"""<script>
            const back = window.location.pathname + window.location.search;
            const secure = window.location.protocol === "https:" ? "; secure" : "";
            document.cookie = "{NONCE_COOKIE}={nonce}; path={SESSION_PATH}; max-age=120; samesite=strict" + secure;
            window.location.replace("{SESSION_PATH}?code={code}&next=" + encodeURIComponent(back));
        </script>""", unsafe_allow_javascript=True)
    return bool(handed)


def _clear_cookie_if_signed_out() -> None:
    if st.session_state.pop(_SIGNED_OUT_KEY, None):
        st.session_state.pop(_ENDED_KEY, None)  # the cookie's session was ended on purpose: no "session ended" note
        st.html(f'<script>window.location.replace("{SIGNOUT_PATH}?next=/");</script>', unsafe_allow_javascript=True)


def _demo_hint() -> None:
    lines = "\n".join(f"- `{name}` — {role_label(role, lang())}{f', {unit}' if unit else ''}"
                      for name, role, unit, _ in DEMO_ACCOUNTS)
    st.info(t(f"Đang dùng **dữ liệu minh họa**. Tài khoản minh họa (mật khẩu `{DEMO_PASSWORD}`):\n{lines}",
              f"Showing **demo data** (dữ liệu minh họa). Demo accounts (password `{DEMO_PASSWORD}`):\n{lines}"))


def _scope(actor: Actor) -> str:
    """The province the account may write in, or the whole country: read once per browser session."""
    key = f"_scope_{actor.province_code}"
    if key not in st.session_state:
        with UnitOfWork(data.engine()) as uow:
            st.session_state[key] = province_name(uow.session, actor.province_code)
    name = st.session_state[key]
    return t(name, "nationwide") if actor.province_code is None else plain(name)


def account_box(actor: Actor) -> None:
    """Sidebar: who is signed in, and the sign-out button."""
    unit = f" · {plain(actor.unit_code)}" if actor.unit_code else ""
    st.sidebar.caption(f"{plain(actor.label)} · {role_label(actor.role, lang())}{unit} · {_scope(actor)}")
    if st.sidebar.button(t("Đăng xuất", "Sign out"), key="logout"):
        session_id = st.session_state.pop(SESSION_KEY, None)
        if session_id is not None:
            with UnitOfWork(data.engine()) as uow:
                sessions.sign_out(uow, session_id, client=_client())
            st.session_state[_SIGNED_OUT_KEY] = True
        if _sso_configured() and _sso_logged_in():
            st.logout()
        st.rerun()


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def _sso_logged_in() -> bool:
    return bool(st.user.get("is_logged_in"))


def _sso_username() -> str | None:
    """With SSO, the local account whose username is the identity's e-mail (roles stay in our database)."""
    if not (_sso_configured() and _sso_logged_in()):
        return None
    email = st.user.get("email") or st.user.get("preferred_username")
    return str(email).lower() if email else None
