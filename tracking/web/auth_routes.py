"""Two small routes next to Streamlit: a one-time code becomes the session cookie, and sign-out ends the session.

A Streamlit script cannot set a cookie (st.context.cookies is read-only), so the sign-in form sends the browser
here with the code; the answer sets an HttpOnly, SameSite=Lax cookie (Secure over HTTPS) and redirects back to
the exact page and query the person asked for. The code only works with the nonce cookie the sign-in page set on
the same browser (a link carrying someone else's code cannot sign a victim into the attacker's account), and
sign-out revokes the cookie's session on the server, whoever calls it.
"""
from __future__ import annotations

import functools

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from tracking.db.engine import database_url, make_engine
from tracking.services.sessions import Lifetimes, exchange_code, sign_out
from tracking.uow import UnitOfWork

COOKIE = "tracking_session"
NONCE_COOKIE = "tracking_signin_nonce"  # set by the sign-in page's script, read once here
SESSION_PATH = "/auth/session"
SIGNOUT_PATH = "/auth/signout"


@functools.cache
def _engine(url: str) -> Engine:
    return make_engine(url)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another origin (//evil, /\\evil, https://…)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _over_https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def open_session(request: Request) -> RedirectResponse:
    """Sync endpoint (Starlette runs it in a thread): the database call is blocking."""
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    with UnitOfWork(_engine(database_url())) as uow:
        token = exchange_code(uow, request.query_params.get("code", ""), request.cookies.get(NONCE_COOKIE))
    response.delete_cookie(NONCE_COOKIE, path=SESSION_PATH, samesite="strict", secure=_over_https(request))
    if token:
        response.set_cookie(COOKIE, token, max_age=int(Lifetimes.from_settings().absolute.total_seconds()), path="/",
                            httponly=True, samesite="lax", secure=_over_https(request))
    response.headers["Cache-Control"] = "no-store"
    return response


def close_session(request: Request) -> RedirectResponse:
    """Revoke the cookie's session on the server (the app may have done so already), then remove the cookie."""
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    token = request.cookies.get(COOKIE)
    if token:
        with UnitOfWork(_engine(database_url())) as uow:
            sign_out(uow, token=token, client=request.client.host if request.client else None)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax", secure=_over_https(request))
    response.headers["Cache-Control"] = "no-store"
    return response


ROUTES = [Route(SESSION_PATH, open_session, methods=["GET"]), Route(SIGNOUT_PATH, close_session, methods=["GET"])]
