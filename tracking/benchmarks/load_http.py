"""A simulated leader's first visit over plain HTTP, before its websocket: what a browser fetches after the sign-in
form (measured with Chromium against this app: the same requests in the same order).

1. `/auth/session?code=…&next=<page>` with the sign-in's nonce cookie: 303, the session cookie (HttpOnly), back to the
   page (tracking.web.auth_routes — the hand-over the sign-in form starts in the browser);
2. the page's HTML at that address;
3. the static files the HTML names (scripts, module preloads, style sheet, fonts), as a browser with an empty cache
   fetches them: over six connections at once;
4. `_stcore/health` and `_stcore/host-config`, first under the page's path, then at the site's root, as the frontend
   probes where the app lives.
A reload (after a dropped connection) has the cookie already and its static files cached: steps 2 and 4 only; so
does a first visit with `static_cached` (a leader whose browser kept them from an earlier day).
Blocking (http.client, one keep-alive connection): run it in a thread.
"""
from __future__ import annotations

import gzip
import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import quote, urlsplit

from tracking.benchmarks.load_client import PageRequest
from tracking.web.auth_routes import COOKIE, NONCE_COOKIE, SESSION_PATH

ASSET = re.compile(r'(?:src|href)="\./(static/[^"]+)"')
USER_AGENT = "tracking-loadtest (first visit, as a browser)"
CONNECTIONS = 6  # a browser's connections to one HTTP/1.1 server


@dataclass
class FirstLoad:
    token: str | None = None  # the session cookie's value, from /auth/session (or the one already held)
    seconds: float = 0.0
    requests: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)


def page_address(prefix: str, page: PageRequest) -> str:
    """The page's path and query on the site, as the browser's address bar shows it."""
    return f"{prefix}/{page.path}" + (f"?{page.query}" if page.query else "")


class _Client:
    def __init__(self, base_url: str, timeout: float):
        parts = urlsplit(base_url)
        kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        self.prefix = parts.path.rstrip("/")
        self._conn = kind(parts.netloc, timeout=timeout)
        self._used = False

    def _send(self, path: str, headers: dict) -> http.client.HTTPResponse:
        self._conn.request("GET", path, headers=headers)
        return self._conn.getresponse()

    def get(self, path: str, cookie: str | None, load: FirstLoad) -> http.client.HTTPResponse:
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
        if cookie:
            headers["Cookie"] = cookie
        try:
            response = self._send(path, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not self._used:
                raise
            # The server closed the idle keep-alive connection (uvicorn: after 5 s) as we reused it: a browser asks
            # again on a new connection, so does this client.
            self._conn.close()
            response = self._send(path, headers)
        self._used = True
        body = response.read()
        load.requests += 1
        load.bytes += len(body)
        response.body = body  # type: ignore[attr-defined]
        return response

    def close(self) -> None:
        self._conn.close()


def _cookie(headers: list[str], name: str) -> str | None:
    for header in headers:  # one Set-Cookie per cookie: the nonce's removal, the session's
        morsel = SimpleCookie(header).get(name)
        if morsel is not None and morsel.value:
            return morsel.value
    return None


def _static(base_url: str, assets: list[str], cookie: str | None, timeout: float, load: FirstLoad) -> None:
    """The static files over CONNECTIONS keep-alive connections at once, as a browser fetches them."""
    def fetch(share: list[str]) -> FirstLoad:
        part, client = FirstLoad(), _Client(base_url, timeout)
        try:
            for asset in share:
                if client.get(f"{client.prefix}/{asset}", cookie, part).status != 200:
                    part.errors.append(f"static file {asset}: not served")
        finally:
            client.close()
        return part

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        for part in pool.map(fetch, [assets[i::CONNECTIONS] for i in range(CONNECTIONS)]):
            load.requests, load.bytes = load.requests + part.requests, load.bytes + part.bytes
            load.errors.extend(part.errors)


def first_load(base_url: str, page: PageRequest, *, code: str | None, nonce: str | None, token: str | None,
               timeout: float, static_cached: bool = False) -> FirstLoad:
    """Fetch what a browser fetches before opening the websocket; with a one-time code, trade it for the cookie.
    `static_cached`: the browser has the static files from an earlier visit (they are immutable: not asked again)."""
    load, started = FirstLoad(token=token), time.perf_counter()
    client = _Client(base_url, timeout)
    address = page_address(client.prefix, page)
    try:
        if code:
            answer = client.get(f"{client.prefix}{SESSION_PATH}?code={quote(code)}&next={quote(address, safe='')}",
                                f"{NONCE_COOKIE}={nonce}", load)
            load.token = _cookie(answer.headers.get_all("Set-Cookie") or [], COOKIE)
            if answer.status != 303 or not load.token:
                load.errors.append(f"sign-in hand-over: HTTP {answer.status}, no session cookie")
                return load
            address = answer.headers.get("Location") or address
        cookie = f"{COOKIE}={load.token}" if load.token else None
        html = client.get(address, cookie, load)
        if html.status != 200:
            load.errors.append(f"page HTML: HTTP {html.status}")
            return load
        if code and not static_cached:
            text = gzip.decompress(html.body) if html.headers.get("Content-Encoding") == "gzip" else html.body
            _static(base_url, list(dict.fromkeys(ASSET.findall(text.decode("utf-8", "replace")))), cookie,
                    timeout, load)
        page_path = address.split("?", 1)[0].rstrip("/")
        for where in dict.fromkeys((page_path, client.prefix)):
            client.get(f"{where}/_stcore/health", cookie, load)
            client.get(f"{where}/_stcore/host-config", cookie, load)
    except (OSError, http.client.HTTPException) as exc:
        load.errors.append(f"first visit over HTTP: {type(exc).__name__}: {exc}")
    finally:
        client.close()
        load.seconds = time.perf_counter() - started
    return load
