"""The load test's arithmetic: percentiles in which a failure counts as no faster than the timeout, and the
database's and the browsers' numbers as the report gives them."""
from __future__ import annotations

import math

from tracking.benchmarks.db_cpu import DatabaseCpu
from tracking.benchmarks.load_browser import BrowserRun, available
from tracking.benchmarks.load_client import PageResult

LATE_S = 0.1  # a view sent more than this after its scheduled time started late


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(round(share * len(ordered), 9))) - 1]


def counted_seconds(result: PageResult, timeout: float) -> float:
    """What a view adds to the percentiles: its time, and a failed one (an error on the page, a lost connection, the
    sign-in form, a timeout) never less than the timeout — a reader who got no page waited at least that long."""
    return result.seconds if result.ok else max(result.seconds, timeout)


def stats(results: list[PageResult], timeout: float) -> dict:
    times = [counted_seconds(r, timeout) for r in results]
    return {"n": len(results), "errors": sum(not r.ok for r in results),
            "p50_s": round(percentile(times, 0.50), 3), "p95_s": round(percentile(times, 0.95), 3),
            "max_s": round(max(times, default=0.0), 3),
            "kib_mean": round(sum(r.bytes for r in results) / max(len(results), 1) / 1024, 1)}


def db_numbers(dialect: str, db: DatabaseCpu | None, pages_done: int) -> dict:
    if db is None:
        return {"db_engine": dialect, "db_cpu_s": None, "db_cpu_own_db_s": None, "db_cpu_per_page_s": None,
                "db_note": "SQLite chạy trong tiến trình máy chủ: CPU của nó đã nằm trong server_cpu_s"
                if dialect == "sqlite" else f"không đo CPU của CSDL {dialect}"}
    return {"db_engine": dialect, "db_cpu_s": round(db.all_s, 1), "db_cpu_own_db_s": round(db.own_s, 1),
            "db_cpu_per_page_s": round(db.all_s / pages_done, 3) if pages_done else None,
            "db_note": f"mọi tiến trình postgres trên máy (cả CSDL khác); riêng CSDL {db.database}: ít nhất "
                       f"{db.own_s:.1f} s"}


def browser_numbers(asked: int, browsers: BrowserRun, timeout: float) -> dict:
    drawn = stats(browsers.results, timeout)
    why = available() if asked else None
    return {"browsers": len(browsers.logins), "browser_n": drawn["n"], "browser_errors": drawn["errors"],
            "browser_p50_s": drawn["p50_s"] if drawn["n"] else None,
            "browser_p95_s": drawn["p95_s"] if drawn["n"] else None,
            "browser_max_s": drawn["max_s"] if drawn["n"] else None,
            "browser_per_page": {label: stats([r for r in browsers.results if r.label == label], timeout)
                                 for label in sorted({r.label for r in browsers.results})},
            "browser_signin_s": [round(r.seconds, 2) if r.ok else None for r in browsers.sign_ins],
            "browser_cpu_s": round(browsers.cpu_s, 1) if browsers.cpu_s is not None else None,
            "browser_note": f"không chạy trình duyệt: {why}" if why else None}
