"""Sign-in: the local login form, optional single sign-on (st.login, OIDC), and the signed-in user."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from tracking.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from tracking.errors import InvalidInput
from tracking.labels import role_label
from tracking.services.permissions import Actor, load_actor
from tracking.services.users import authenticate
from tracking.ui import data
from tracking.ui.i18n import lang, t
from tracking.ui.navigation import PAGES
from tracking.ui.plain import plain
from tracking.uow import UnitOfWork

SESSION_KEY = "auth_user"  # only the username is kept; the role is re-read from the database on every run
ROUTED_KEY = "routed_by_app"
APP_FILE = Path(__file__).resolve().parents[2] / "app.py"


def mark_routed() -> None:
    """app.py calls this: the session has been through the router (and so through sign-in)."""
    st.session_state[ROUTED_KEY] = True


def current_actor() -> Actor | None:
    """The signed-in, still active user; a disabled account loses access on its next click."""
    username = st.session_state.get(SESSION_KEY) or _sso_username()
    if not username:
        return None
    with UnitOfWork(data.engine()) as uow:
        try:
            actor = load_actor(uow.session, username)
        except InvalidInput:
            st.session_state.pop(SESSION_KEY, None)
            if _sso_configured() and _sso_logged_in():
                st.error(t(f"Tài khoản '{plain(username)}' chưa được cấp quyền hoặc đã bị khóa.",
                           f"Account '{plain(username)}' has no access or is disabled."))
            return None
    st.session_state[SESSION_KEY] = actor.username
    return actor


def require_actor(page: str | None = None) -> Actor:
    """For pages: the signed-in user allowed on this page (its roles in navigation.PAGES), or stop."""
    if not st.session_state.get(ROUTED_KEY):
        # Until app.py has run once, a fresh server serves pages/ directly (with an automatic menu and no
        # sign-in): send such a visitor through the router.
        st.switch_page(str(APP_FILE))
    actor = current_actor()
    if actor is None:
        st.warning(t("Vui lòng đăng nhập.", "Please sign in."))
        st.stop()
    spec = next((p for p in PAGES if page and Path(p.path).name == Path(page).name), None)
    if spec is not None and actor.role not in spec.roles:
        st.error(t("Trang này không dành cho vai trò của anh/chị.", "This page is not available to your role."))
        st.stop()
    return actor


def login_page() -> None:
    st.title(t("Đăng nhập", "Sign in"))
    st.caption(t("Theo dõi Kế hoạch triển khai Đề án Đổi mới công tác tiếp công dân — tỉnh Sóc Trăng",
                 "Tracking the plan for renovating citizen reception — Sóc Trăng province"))
    with st.form("login_form", clear_on_submit=True):
        username = st.text_input(t("Tên đăng nhập", "Username"), key="login_username")
        password = st.text_input(t("Mật khẩu", "Password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("Đăng nhập", "Sign in"), key="login_submit", type="primary")
    if submitted:
        with UnitOfWork(data.engine()) as uow:
            actor = authenticate(uow, username, password)
        if actor is None:
            st.error(t("Sai tên đăng nhập hoặc mật khẩu (hoặc tài khoản đã bị khóa).",
                       "Wrong username or password (or the account is disabled)."))
        else:
            st.session_state[SESSION_KEY] = actor.username
            st.rerun()
    if _sso_configured():
        st.button(t("Đăng nhập một lần (SSO)", "Single sign-on"), key="login_sso", on_click=st.login)
    if data.is_demo():
        _demo_hint()


def _demo_hint() -> None:
    lines = "\n".join(f"- `{name}` — {role_label(role, lang())}{f', {unit}' if unit else ''}"
                      for name, role, unit, _ in DEMO_ACCOUNTS)
    st.info(t(f"Đang dùng **dữ liệu minh họa**. Tài khoản minh họa (mật khẩu `{DEMO_PASSWORD}`):\n{lines}",
              f"Showing **demo data** (dữ liệu minh họa). Demo accounts (password `{DEMO_PASSWORD}`):\n{lines}"))


def account_box(actor: Actor) -> None:
    """Sidebar: who is signed in, and the sign-out button."""
    unit = f" · {plain(actor.unit_code)}" if actor.unit_code else ""
    st.sidebar.caption(f"{plain(actor.label)} · {role_label(actor.role, lang())}{unit}")
    if st.sidebar.button(t("Đăng xuất", "Sign out"), key="logout"):
        st.session_state.pop(SESSION_KEY, None)
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
