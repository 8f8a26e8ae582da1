"""`loadtest`: many leaders read the dashboard at once, each through a real Streamlit session over the websocket, with
a few real browsers beside them.

Who: `accounts` leader accounts made for the run (tracking.benchmarks.load_accounts), each scoped to one of the
chosen provinces (or national), disabled at the end; or, without accounts, every session on one existing account.
What: pages drawn by weight from the mix, each for a province of the leader's scope and one of the as-of dates, all
in the URL as a browser would have them (tracking.benchmarks.load_schedule).
When: open arrivals by default — each leader's views are scheduled before the run, and a view's time counts from its
scheduled moment, so a server that falls behind shows it; `closed` is the older model (each leader reads the answer
for a think time before asking again), kept for comparison.
A leader's first view signs in (the sign-in service, as the form calls it), trades the one-time code for the cookie
at /auth/session and loads the page over HTTP (tracking.benchmarks.load_http), opens the websocket, and runs the
page: all of it counts in that view's time. A failed or timed-out view counts as no faster than the timeout.
"""
from __future__ import annotations

import asyncio
import os
import resource
import secrets
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import Engine

from tracking.benchmarks import cpu, load_accounts
from tracking.benchmarks.db_cpu import DatabaseCpu
from tracking.benchmarks.load_browser import BrowserRun, available
from tracking.benchmarks.load_client import PageRequest, PageResult, StreamlitSession
from tracking.benchmarks.load_http import first_load
from tracking.benchmarks.load_numbers import LATE_S, browser_numbers, db_numbers, percentile, stats
from tracking.benchmarks.load_schedule import (DEFAULT_PAGE, Scope, equal_mix, leader_rngs, mean_gap, open_times,
                                               page_for, parse_mix)
from tracking.errors import InvalidInput
from tracking.services import sessions
from tracking.uow import UnitOfWork
from tracking.web.auth_routes import COOKIE

__all__ = ["DEFAULT_PAGE", "LEADER_PAGES", "Plan", "close_sessions", "open_sessions", "pages_from", "percentile", "run"]

LEADER_PAGES = ("overview", "compliance", "timeline", "unit", "national")  # --pages' default before the mix
CLIENT_NOTE = "loadtest"  # the sign-in events' client field: the audit log shows these were not people


@dataclass(frozen=True)
class Plan:
    url: str
    sessions: int
    think: float
    duration: float
    pages: tuple[PageRequest, ...] = ()
    timeout: float = 120.0
    seed: int = 1
    mix: tuple[tuple[PageRequest, float], ...] | None = None  # None: the pages, equally; no pages: the default mix
    accounts: int = 0            # 0: every session on the one account given to run()
    provinces: int | None = None  # how many of the database's provinces (None: all, when accounts are made)
    national_accounts: int = 0
    dates: tuple[str, ...] = ()
    rate: float | None = None    # page views per second over all leaders (None: one per --think per leader)
    closed: bool = False
    browsers: int = 0
    static_cached: bool = False  # first visits: the static files are in the browser's cache already

    def page_mix(self) -> tuple[tuple[PageRequest, float], ...]:
        return self.mix or (equal_mix(self.pages) if self.pages else parse_mix(None))


def pages_from(text: str | None) -> tuple[PageRequest, ...]:
    names = [p for p in (text or ",".join(LEADER_PAGES)).split(",") if p.strip()]
    return tuple(PageRequest.parse(name, DEFAULT_PAGE) for name in names)


def _signed_in(engine: Engine, username: str, password: str, client: str) -> sessions.SignInResult:
    with UnitOfWork(engine) as uow:
        signed = sessions.sign_in(uow, username, password, client=client)
    if signed.actor is None:
        raise InvalidInput("--user", f"không đăng nhập được bằng tài khoản '{username}'" + (
            f": đang bị khóa đăng nhập đến {signed.locked_until:%H:%M} (UTC)" if signed.locked_until
            else ": đang có quá nhiều lần kiểm tra mật khẩu cùng lúc" if signed.busy
            else ": sai tên hoặc mật khẩu"))
    return signed


def open_sessions(engine: Engine, username: str, password: str, count: int) -> list[tuple[int, str]]:
    """(session id, cookie token) per simulated user, made by the sign-in service itself (the code traded in the
    database, not over HTTP: for tests and tools that need signed-in sessions without a first visit)."""
    opened = []
    for _ in range(count):
        try:
            signed = _signed_in(engine, username, password, CLIENT_NOTE)
        except InvalidInput:
            close_sessions(engine, opened)
            raise
        with UnitOfWork(engine) as uow:
            opened.append((signed.session_id, sessions.exchange_code(uow, signed.code, signed.nonce)))
    return opened


def close_sessions(engine: Engine, opened: list[tuple[int, str]]) -> None:
    for session_id, _ in opened:
        with UnitOfWork(engine) as uow:
            sessions.sign_out(uow, session_id, client=CLIENT_NOTE)


@dataclass(frozen=True)
class Leader:
    index: int
    username: str
    scope: Scope


class _Run:
    """The shared state of one run's leaders."""

    def __init__(self, plan: Plan, engine: Engine, passwords: dict[str, str]):
        self.plan, self.engine, self.passwords = plan, engine, passwords
        self.mix = plan.page_mix()
        self.results: list[PageResult] = []
        self.session_ids: list[int] = []
        self.locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)  # one sign-in per name at a time
        self.started = 0.0

    async def leader(self, who: Leader, gap: float) -> None:
        times_rng, pages_rng = leader_rngs(self.plan.seed, who.index)
        plan = self.plan
        if plan.closed:  # arrivals spread over the first think time, then each waits for its answer
            planned, scheduled = None, self.started + times_rng.uniform(0, plan.think)
        else:
            planned = open_times(times_rng, gap, plan.duration)
            scheduled = self.started + planned[0] if planned else None
        session: StreamlitSession | None = None
        token: str | None = None
        turn = 0
        try:
            while scheduled is not None and scheduled - self.started < plan.duration:
                await asyncio.sleep(max(scheduled - time.perf_counter(), 0))
                page = page_for(pages_rng, self.mix, who.scope, plan.dates)
                late = time.perf_counter() - scheduled
                if session is None or not session.usable:
                    if session is not None:
                        await session.close()
                    result, session, token = await self._arrive(who, page, scheduled, token)
                else:
                    result = await self._open(session, page, scheduled)
                    if not result.ok and result.errors[0].startswith("connection:"):
                        await session.close()
                        session = None
                result.late_s = max(late, 0.0)
                self.results.append(result)
                turn += 1
                if planned is None:
                    scheduled = time.perf_counter() + times_rng.uniform(0.5, 1.5) * plan.think
                else:
                    scheduled = self.started + planned[turn] if turn < len(planned) else None
        finally:
            if session is not None:
                await session.close()

    async def _open(self, session: StreamlitSession, page: PageRequest, scheduled: float) -> PageResult:
        try:
            return await session.open(page, since=scheduled)
        except Exception as exc:  # noqa: BLE001 — a dropped connection is counted; the leader reloads next time
            return PageResult(page.label, time.perf_counter() - scheduled,
                              errors=[f"connection: {type(exc).__name__}: {exc}"])

    async def _arrive(self, who: Leader, page: PageRequest, scheduled: float, token: str | None):
        """The first visit (or a reload after a lost connection): sign in if not yet, HTTP, websocket, the page."""
        result = PageResult(page.label, 0.0, first_visit=True)
        code = nonce = None
        if token is None:
            began = time.perf_counter()
            async with self.locks[who.username]:
                try:
                    signed = await asyncio.to_thread(_signed_in, self.engine, who.username,
                                                     self.passwords[who.username], f"{CLIENT_NOTE}:{who.index}")
                    self.session_ids.append(signed.session_id)
                    code, nonce = signed.code, signed.nonce
                except InvalidInput as exc:
                    result.errors.append(f"sign-in: {exc.reason}")
            result.signin_s = time.perf_counter() - began
        if result.ok:
            load = await asyncio.to_thread(first_load, self.plan.url, page, code=code, nonce=nonce, token=token,
                                           timeout=self.plan.timeout, static_cached=self.plan.static_cached)
            result.http_s, result.http_bytes, token = load.seconds, load.bytes, load.token
            result.errors.extend(load.errors)
        session = None
        if result.ok:
            try:
                session = await StreamlitSession.connect(self.plan.url, f"{COOKIE}={token}", timeout=self.plan.timeout)
            except Exception as exc:  # noqa: BLE001 — a refused connection is a result to report, not a crash
                result.errors.append(f"connect: {type(exc).__name__}: {exc}")
        if session is not None:
            ran = await self._open(session, page, scheduled)
            ran.first_visit, ran.signin_s, ran.http_s, ran.http_bytes = True, result.signin_s, result.http_s, \
                result.http_bytes
            if not ran.ok and ran.errors[0].startswith("connection:"):
                await session.close()
                session = None
            return ran, session, token
        result.seconds = time.perf_counter() - scheduled
        return result, None, token


def _leaders(plan: Plan, engine: Engine, username: str, password: str):
    """The simulated leaders, the passwords of their accounts, the accounts made for the run and the provinces."""
    wanted = plan.provinces
    if wanted is None and plan.accounts > plan.national_accounts:  # no province without an account of its own
        wanted = plan.accounts - plan.national_accounts
    chosen = load_accounts.choose_provinces(engine, wanted, plan.seed) \
        if plan.accounts or plan.provinces is not None else ()
    units = load_accounts.units_of(engine, chosen) if chosen else {}
    if not plan.accounts:  # one existing account for every session; with --provinces, any of them (read-only pages)
        _signed_in_once(engine, username, password)
        return [Leader(i, username, Scope(chosen, units)) for i in range(plan.sessions)], {username: password}, [], chosen
    secret = secrets.token_urlsafe(18)
    made = load_accounts.create(engine, plan.accounts, chosen, plan.national_accounts, secret,
                                load_accounts.run_name())
    scopes = [Scope((a.province,) if a.province else chosen, units) for a in made]
    leaders = [Leader(i, made[i % len(made)].username, scopes[i % len(made)]) for i in range(plan.sessions)]
    return leaders, {a.username: secret for a in made}, made, chosen


def _signed_in_once(engine: Engine, username: str, password: str) -> None:
    """Say at once when the account cannot sign in, instead of reporting every view as an error."""
    signed = _signed_in(engine, username, password, CLIENT_NOTE)
    with UnitOfWork(engine) as uow:
        sessions.sign_out(uow, signed.session_id, client=CLIENT_NOTE)


async def _all(run_state: _Run, leaders: list[Leader], gap: float) -> None:
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=len(leaders) + 4))
    run_state.started = time.perf_counter()
    await asyncio.gather(*(run_state.leader(who, gap) for who in leaders))


def run(plan: Plan, engine: Engine, username: str, password: str, server_pids: list[int] | None = None) -> dict:
    """Make the accounts, load the server for the duration, sign out and disable; the numbers as a dict."""
    if server_pids is None:
        port = urlsplit(plan.url).port or (443 if plan.url.startswith("https") else 80)
        server_pids = cpu.listening_pids(port)
    leaders, passwords, made, chosen = _leaders(plan, engine, username, password)
    state = _Run(plan, engine, passwords)
    gap = mean_gap(len(leaders), plan.rate, plan.think)
    browsers = _browsers(plan, leaders, passwords, state.mix, gap)
    database = engine.url.database if engine.dialect.name == "postgresql" else None
    db: DatabaseCpu | None = None
    try:
        browsers.start()  # Chromium up and signed in before the load
        load_before = os.getloadavg()[0]
        server_before, (busy_before, total_before) = _per_pid(server_pids), cpu.machine_ticks()
        client_before, wall_before = _own_cpu(), time.perf_counter()
        db = DatabaseCpu(database).start() if database else None
        browsers.begin()
        asyncio.run(_all(state, leaders, gap))
        browsers.join()
        wall = time.perf_counter() - wall_before
        if db:
            db.stop()
        server_after, client_cpu = _per_pid(server_pids), _own_cpu() - client_before
        busy_after, total_after = cpu.machine_ticks()
    finally:
        close_sessions(engine, [(i, "") for i in state.session_ids])
        load_accounts.disable(engine, made)
    by_pid = {pid: round(server_after[pid] - server_before[pid], 1) for pid in server_pids}
    server_cpu = sum(by_pid.values())
    results = state.results
    overall = stats(results, plan.timeout)
    pages_done = sum(r.ok for r in results + browsers.results)  # what the server answered in full
    by_page = defaultdict(list)
    for r in results:
        by_page[r.label].append(r)
    firsts = [r for r in results if r.first_visit]
    samples = list(dict.fromkeys(e for r in results + browsers.results + browsers.sign_ins for e in r.errors))[:5]
    return {
        "url": plan.url, "sessions": len(leaders), "think_s": plan.think, "duration_s": round(wall, 1),
        "arrivals": "closed" if plan.closed else "open",
        "rate_per_s": None if plan.closed else round(len(leaders) / gap, 2),
        "accounts": len(made) or 1, "national_accounts": plan.national_accounts if made else 0,
        "provinces": list(chosen), "dates": list(plan.dates),
        "mix": {page.label: weight for page, weight in state.mix},
        "requests": overall["n"], "errors": overall["errors"],
        "p50_s": overall["p50_s"], "p95_s": overall["p95_s"], "max_s": overall["max_s"],
        "late_starts": sum(r.late_s > LATE_S for r in results),
        "late_p95_s": round(percentile([r.late_s for r in results], 0.95), 3),
        "static_cached": plan.static_cached,
        "first_visit": {**stats(firsts, plan.timeout),
                        "signin_p50_s": round(percentile([r.signin_s for r in firsts], 0.5), 3),
                        "http_p50_s": round(percentile([r.http_s for r in firsts], 0.5), 3),
                        "http_kib_mean": round(sum(r.http_bytes for r in firsts) / max(len(firsts), 1) / 1024, 1)},
        "later_views": stats([r for r in results if not r.first_visit], plan.timeout),  # the first visits set aside
        "per_page": {label: stats(rs, plan.timeout) for label, rs in sorted(by_page.items())},
        "pages_served": pages_done,
        "server_pids": server_pids, "server_cpu_s": round(server_cpu, 1), "server_cpu_by_pid_s": by_pid,
        "server_cpu_per_page_s": round(server_cpu / pages_done, 3) if pages_done else None,
        "server_cores_busy": round(server_cpu / wall, 2) if wall else None,
        **db_numbers(engine.dialect.name, db, pages_done),
        **browser_numbers(plan.browsers, browsers, plan.timeout),
        "machine_busy_pct": round(100 * (busy_after - busy_before) / max(total_after - total_before, 1), 1),
        # this machine's load (run queue) before the run: other work competes with the server for the same cores
        "load_avg_before": round(load_before, 2),
        "client_cpu_s": round(client_cpu, 1),
        "error_samples": samples,
    }


def _browsers(plan: Plan, leaders: list[Leader], passwords: dict[str, str], mix, gap: float) -> BrowserRun:
    """The browsers sign in as the first leaders' accounts (a second session of each: a leader's other device)."""
    count = plan.browsers if available() is None else 0
    logins = [(leaders[i % len(leaders)].username, passwords[leaders[i % len(leaders)].username],
               leaders[i % len(leaders)].scope) for i in range(count)] if leaders else []
    return BrowserRun(plan.url, logins, mix, plan.dates, gap, plan.duration, plan.timeout, plan.seed)


def _per_pid(pids: list[int]) -> dict[int, float]:
    return {pid: cpu.process_seconds([pid]) for pid in pids}


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

