"""The load test's arithmetic: percentiles in which a failure counts as no faster than the timeout."""
from __future__ import annotations

import math

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
