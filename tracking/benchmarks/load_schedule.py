"""What the simulated leaders open, and when: the page mix, each leader's scope, and the schedule of page views.

Open arrivals: each leader's page views are a Poisson process fixed before the run (exponential gaps from one
scheduled start to the next), so a slow answer never delays or thins the views that follow; the run as a whole is a
Poisson stream of `rate` views per second. A view whose time comes while the leader's previous page is still running
waits for it (a tab runs one page at a time), and its time still counts from the scheduled moment.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from tracking.benchmarks.load_client import PageRequest
from tracking.errors import InvalidInput
from tracking.services.validation import iso_day
from tracking.ui.navigation import PAGES

DEFAULT_PAGE = next(Path(p.path).stem for p in PAGES if p.default)
# The pages a leader reads, weighted as a working day goes: the overview is where everyone lands, compliance is
# the next question (who is behind), then one unit in detail; the national ranking, the timeline and the audit log
# (Nhật ký: who changed what) are opened less often.
DEFAULT_MIX = (("overview", 30), ("compliance", 20), ("unit", 15), ("national", 15), ("timeline", 10), ("audit", 10))
PROVINCIAL = frozenset({"overview", "compliance", "unit", "timeline", "audit"})  # read for one province's plan


@dataclass(frozen=True)
class Scope:
    """What one leader reads: its province (a national account: any of the run's provinces), and for the unit page
    the units of each. No provinces: the default plan, with no ?province= at all."""
    provinces: tuple[str, ...] = ()
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)


def parse_mix(text: str | None) -> tuple[tuple[PageRequest, float], ...]:
    """`overview=30,compliance=20,…` (a page may carry its own query: `compliance?level=district=5`); None: the
    default mix."""
    if not text:
        return tuple((PageRequest.parse(name, DEFAULT_PAGE), float(w)) for name, w in DEFAULT_MIX)
    mix = []
    for item in (i.strip() for i in text.split(",")):
        if not item:
            continue
        name, _, weight = item.rpartition("=")
        try:
            value = float(weight)
        except ValueError:
            value = -1.0
        if not name or value <= 0:
            raise InvalidInput("--mix", f"“{item}”: viết trang=trọng số, trọng số là số dương (ví dụ overview=30)")
        mix.append((PageRequest.parse(name, DEFAULT_PAGE), value))
    if not mix:
        raise InvalidInput("--mix", "chưa có trang nào")
    return tuple(mix)


def equal_mix(pages: tuple[PageRequest, ...]) -> tuple[tuple[PageRequest, float], ...]:
    return tuple((page, 1.0) for page in pages)


def parse_dates(text: str | None) -> tuple[str, ...]:
    """`2010-12-31,2011-06-30` → ISO dates, each checked."""
    days = []
    for item in (i.strip() for i in (text or "").split(",")):
        if not item:
            continue
        if iso_day(item) is None:
            raise InvalidInput("--dates", f"“{item}” không phải ngày dạng năm-tháng-ngày (ví dụ 2011-06-30)")
        days.append(item)
    return tuple(dict.fromkeys(days))


def page_for(rng: random.Random, mix, scope: Scope, dates: tuple[str, ...]) -> PageRequest:
    """One page view: a page of the mix by weight, for a province of the leader's scope (and one of its units on the
    unit page), at one of the dates. What the mix's own query already names is kept."""
    pages, weights = zip(*mix)
    base = rng.choices(pages, weights)[0]
    params = parse_qsl(base.query, keep_blank_values=True)
    named = {key for key, _ in params}
    if (base.path or DEFAULT_PAGE) in PROVINCIAL and scope.provinces and "province" not in named:
        province = rng.choice(scope.provinces)
        params.append(("province", province))
        units = scope.units.get(province, ())
        if (base.path or DEFAULT_PAGE) == "unit" and units and "unit" not in named:
            params.append(("unit", rng.choice(units)))
    if dates and "as_of" not in named:
        params.append(("as_of", rng.choice(dates)))
    return PageRequest(base.label, base.path, urlencode(params))


def open_times(rng: random.Random, gap: float, duration: float) -> list[float]:
    """Scheduled starts (seconds after the run began) of one leader's views: exponential gaps of mean `gap`."""
    times, moment = [], rng.expovariate(1 / gap)
    while moment < duration:
        times.append(moment)
        moment += rng.expovariate(1 / gap)
    return times


def mean_gap(users: int, rate: float | None, think: float) -> float:
    """Seconds between one leader's scheduled views: `users / rate` when a total rate is asked for, else --think."""
    return users / rate if rate else think


def leader_rngs(seed: int, index: int) -> tuple[random.Random, random.Random]:
    """(times, pages): separate streams, so the pages a leader opens do not depend on the arrival model."""
    return random.Random(f"{seed}:{index}:times"), random.Random(f"{seed}:{index}:pages")
