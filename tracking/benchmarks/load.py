"""`loadtest`: N leaders read the dashboard at once, each through a real Streamlit session over the websocket.

Each simulated leader is signed in the way the sign-in form does it (a session row and a one-time code traded for
the cookie's token, through tracking.services.sessions), so the server checks every request exactly as it checks a
browser's; the sessions are signed out at the end. A leader opens a page, reads it for a think time (uniform between
half and one and a half times --think), opens the next one, until the duration is over; leaders arrive spread over
the first think time. Page time: from sending the rerun request to the run's script_finished message.
"""
from __future__ import annotations

import asyncio
import math
import os
import random
import resource
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine

from tracking.benchmarks import cpu
from tracking.benchmarks.load_client import PageRequest, PageResult, StreamlitSession
from tracking.errors import InvalidInput
from tracking.services import sessions
from tracking.ui.navigation import PAGES
from tracking.uow import UnitOfWork
from tracking.web.auth_routes import COOKIE

LEADER_PAGES = ("overview", "compliance", "timeline", "unit", "national")
DEFAULT_PAGE = next(Path(p.path).stem for p in PAGES if p.default)
CLIENT_NOTE = "loadtest"  # the sign-in events' client field: the audit log shows these were not people


@dataclass(frozen=True)
class Plan:
    url: str
    sessions: int
    think: float
    duration: float
    pages: tuple[PageRequest, ...]
    timeout: float = 120.0
    seed: int = 1


def pages_from(text: str | None) -> tuple[PageRequest, ...]:
    names = [p for p in (text or ",".join(LEADER_PAGES)).split(",") if p.strip()]
    return tuple(PageRequest.parse(name, DEFAULT_PAGE) for name in names)


def open_sessions(engine: Engine, username: str, password: str, count: int) -> list[tuple[int, str]]:
    """(session id, cookie token) per simulated user, made by the sign-in service itself."""
    opened = []
    for _ in range(count):
        with UnitOfWork(engine) as uow:
            signed = sessions.sign_in(uow, username, password, client=CLIENT_NOTE)
        if signed.actor is None:
            close_sessions(engine, opened)
            raise InvalidInput("--user", f"không đăng nhập được bằng tài khoản '{username}'" + (
                f": đang bị khóa đăng nhập đến {signed.locked_until:%H:%M} (UTC)" if signed.locked_until
                else ": sai tên hoặc mật khẩu"))
        with UnitOfWork(engine) as uow:
            opened.append((signed.session_id, sessions.exchange_code(uow, signed.code, signed.nonce)))
    return opened


def close_sessions(engine: Engine, opened: list[tuple[int, str]]) -> None:
    for session_id, _ in opened:
        with UnitOfWork(engine) as uow:
            sessions.sign_out(uow, session_id, client=CLIENT_NOTE)


async def _leader(plan: Plan, token: str, rng: random.Random, started: float, results: list[PageResult]) -> None:
    await asyncio.sleep(rng.uniform(0, plan.think))
    order = list(plan.pages)
    rng.shuffle(order)  # leaders do not all read in the same order
    try:
        session = await StreamlitSession.connect(plan.url, f"{COOKIE}={token}", timeout=plan.timeout)
    except Exception as exc:  # noqa: BLE001 — a refused connection is a result to report, not a crash
        results.append(PageResult("(connect)", 0.0, errors=[f"connect: {type(exc).__name__}: {exc}"]))
        return
    try:
        turn = 0
        while session.usable and time.perf_counter() - started < plan.duration:
            try:
                results.append(await session.open(order[turn % len(order)]))
            except Exception as exc:  # noqa: BLE001 — a dropped connection ends this leader, and is counted
                results.append(PageResult(order[turn % len(order)].label, 0.0,
                                          errors=[f"connection: {type(exc).__name__}: {exc}"]))
                return
            turn += 1
            await asyncio.sleep(rng.uniform(0.5, 1.5) * plan.think)
    finally:
        await session.close()


async def _all(plan: Plan, tokens: list[str]) -> list[PageResult]:
    results: list[PageResult] = []
    started = time.perf_counter()
    rngs = [random.Random(plan.seed * 1000 + i) for i in range(len(tokens))]
    await asyncio.gather(*(_leader(plan, token, rng, started, results) for token, rng in zip(tokens, rngs)))
    return results


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(round(share * len(ordered), 9))) - 1]


def _stats(results: list[PageResult]) -> dict:
    times = [r.seconds for r in results if r.ok]
    return {"n": len(results), "errors": sum(not r.ok for r in results),
            "p50_s": round(percentile(times, 0.50), 3), "p95_s": round(percentile(times, 0.95), 3),
            "max_s": round(max(times, default=0.0), 3),
            "kib_mean": round(sum(r.bytes for r in results) / max(len(results), 1) / 1024, 1)}


def run(plan: Plan, engine: Engine, username: str, password: str, server_pids: list[int] | None = None) -> dict:
    """Sign the leaders in, load the server for the duration, sign them out; the numbers as a dict."""
    if server_pids is None:
        port = urlsplit(plan.url).port or (443 if plan.url.startswith("https") else 80)
        server_pids = cpu.listening_pids(port)
    opened = open_sessions(engine, username, password, plan.sessions)
    try:
        load_before = os.getloadavg()[0]
        server_before, (busy_before, total_before) = _per_pid(server_pids), cpu.machine_ticks()
        client_before, wall_before = _own_cpu(), time.perf_counter()
        results = asyncio.run(_all(plan, [token for _, token in opened]))
        wall = time.perf_counter() - wall_before
        server_after, client_cpu = _per_pid(server_pids), _own_cpu() - client_before
        busy_after, total_after = cpu.machine_ticks()
        by_pid = {pid: round(server_after[pid] - server_before[pid], 1) for pid in server_pids}
        server_cpu = sum(by_pid.values())
    finally:
        close_sessions(engine, opened)
    by_page = defaultdict(list)
    for r in results:
        by_page[r.label].append(r)
    overall = _stats(results)
    pages_done = sum(r.ok for r in results)
    samples = list(dict.fromkeys(e for r in results for e in r.errors))[:5]
    return {
        "url": plan.url, "sessions": plan.sessions, "think_s": plan.think, "duration_s": round(wall, 1),
        "requests": overall["n"], "errors": overall["errors"],
        "p50_s": overall["p50_s"], "p95_s": overall["p95_s"], "max_s": overall["max_s"],
        "per_page": {label: _stats(rs) for label, rs in sorted(by_page.items())},
        "server_pids": server_pids, "server_cpu_s": round(server_cpu, 1), "server_cpu_by_pid_s": by_pid,
        "server_cpu_per_page_s": round(server_cpu / pages_done, 3) if pages_done else None,
        "server_cores_busy": round(server_cpu / wall, 2) if wall else None,
        "machine_busy_pct": round(100 * (busy_after - busy_before) / max(total_after - total_before, 1), 1),
        # this machine's load (run queue) before the run: other work competes with the server for the same cores
        "load_avg_before": round(load_before, 2),
        "client_cpu_s": round(client_cpu, 1),
        "error_samples": samples,
    }


def _per_pid(pids: list[int]) -> dict[int, float]:
    return {pid: cpu.process_seconds([pid]) for pid in pids}


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
