"""The load test's arithmetic, schedule, page addresses and CPU bookkeeping (no server)."""
import random
from collections import Counter
from urllib.parse import parse_qs

import pytest

from tracking.benchmarks.db_cpu import Proc, serves, total_change
from tracking.benchmarks.load import DEFAULT_PAGE, pages_from, percentile
from tracking.benchmarks.load_client import PageRequest, PageResult, stream_url
from tracking.benchmarks.load_numbers import counted_seconds, stats
from tracking.benchmarks.load_schedule import (Scope, leader_rngs, mean_gap, open_times, page_for, parse_dates,
                                               parse_mix)
from tracking.errors import InvalidInput


def test_percentiles_are_nearest_rank_values_that_were_measured():
    times = [float(i) for i in range(1, 21)]  # 1 … 20
    assert percentile(times, 0.50) == 10.0
    assert percentile(times, 0.95) == 19.0
    assert percentile(times, 1.0) == 20.0
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([], 0.95) == 0.0


def test_a_failed_view_counts_in_the_percentiles_as_no_faster_than_the_timeout():
    fast_failure = PageResult("overview", 0.2, errors=["connect: refused"])
    slow_failure = PageResult("overview", 130.0, errors=["timeout after 120 s"])
    assert counted_seconds(fast_failure, 120.0) == 120.0
    assert counted_seconds(slow_failure, 120.0) == 130.0
    assert counted_seconds(PageResult("overview", 0.2), 120.0) == 0.2
    # 19 quick pages and one failure: the failure is the 95th percentile's neighbour, the maximum, and an error
    results = [PageResult("overview", 1.0) for _ in range(19)] + [fast_failure]
    numbers = stats(results, 120.0)
    assert (numbers["n"], numbers["errors"], numbers["p95_s"], numbers["max_s"]) == (20, 1, 1.0, 120.0)
    numbers = stats(results + [fast_failure], 120.0)  # two failures in 21: now the 95th percentile is one
    assert numbers["p95_s"] == 120.0


def test_a_page_is_read_as_its_address_and_the_default_page_is_the_site_root():
    assert PageRequest.parse("compliance?province=01", DEFAULT_PAGE) == PageRequest("compliance?province=01",
                                                                                     "compliance", "province=01")
    assert PageRequest.parse(f"{DEFAULT_PAGE}?as_of=2011-06-30", DEFAULT_PAGE).path == ""
    assert [p.label for p in pages_from(None)] == ["overview", "compliance", "timeline", "unit", "national"]
    assert [p.label for p in pages_from("national, unit,")] == ["national", "unit"]


def test_the_stream_address_follows_the_scheme_and_a_path_prefix():
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("https://theodoi.example.gov.vn/app/") == "wss://theodoi.example.gov.vn/app/_stcore/stream"


def test_a_leaders_schedule_is_fixed_in_advance_with_exponential_gaps_of_the_asked_mean():
    times = open_times(random.Random(3), 2.0, 20_000.0)
    assert times == sorted(times) and 0 < times[0] and times[-1] < 20_000.0
    assert times == open_times(random.Random(3), 2.0, 20_000.0)  # the same seed, the same schedule
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert 1.9 < sum(gaps) / len(gaps) < 2.1
    # exponential, not evenly spaced: about e^-1 of the gaps are longer than the mean
    assert 0.33 < sum(g > 2.0 for g in gaps) / len(gaps) < 0.40
    assert mean_gap(50, 2.5, 3.0) == 20.0 and mean_gap(50, None, 3.0) == 3.0


def test_the_pages_a_leader_opens_do_not_depend_on_the_arrival_model():
    times_a, pages_a = leader_rngs(1, 7)
    times_b, pages_b = leader_rngs(1, 7)
    times_a.random()  # an open schedule draws its times, a closed one other numbers: the pages stay the same
    mix = parse_mix(None)
    assert [page_for(pages_a, mix, Scope(), ()) for _ in range(20)] == \
        [page_for(pages_b, mix, Scope(), ()) for _ in range(20)]
    assert leader_rngs(1, 7)[1].random() != leader_rngs(1, 8)[1].random()


def test_provincial_pages_carry_the_leaders_province_a_unit_of_it_and_an_as_of_date():
    scope = Scope(("01",), {"01": ("01-SNV", "01-STC")})
    rng, dates = random.Random(5), ("2010-12-31", "2011-06-30")
    seen = Counter()
    for _ in range(400):
        page = page_for(rng, parse_mix(None), scope, dates)
        query = parse_qs(page.query)
        seen[page.label] += 1
        assert query["as_of"][0] in dates
        if page.label == "national":
            assert "province" not in query
        else:
            assert query["province"] == ["01"]
        assert ("unit" in query) == (page.label == "unit")
        if page.label == "unit":
            assert query["unit"][0] in scope.units["01"]
        assert page.path == ("" if page.label == "overview" else page.label)
    # the default weights: overview 30, compliance 20, unit 15, national 15, timeline 10, audit 10 (of 100)
    assert set(seen) == {"overview", "compliance", "unit", "national", "timeline", "audit"}
    assert seen["overview"] > seen["compliance"] > seen["timeline"]
    assert 0.24 < seen["overview"] / 400 < 0.36


def test_a_national_leader_reads_any_of_the_runs_provinces_and_a_pages_own_query_is_kept():
    scope, rng = Scope(("01", "02", "94")), random.Random(2)
    provinces = {parse_qs(page_for(rng, parse_mix("compliance=1"), scope, ()).query)["province"][0]
                 for _ in range(60)}
    assert provinces == {"01", "02", "94"}
    kept = page_for(rng, parse_mix("compliance?province=94&level=district=1"), scope, ("2011-06-30",))
    assert parse_qs(kept.query) == {"province": ["94"], "level": ["district"], "as_of": ["2011-06-30"]}
    assert kept.label == "compliance?province=94&level=district"
    assert page_for(rng, parse_mix("overview=1"), Scope(), ()).query == ""  # no scope, no dates: the plain page


def test_mixes_and_dates_are_checked_as_typed():
    assert [(p.label, w) for p, w in parse_mix("overview=3, audit=1")] == [("overview", 3.0), ("audit", 1.0)]
    for bad in ("overview", "overview=0", "overview=many", ","):
        with pytest.raises(InvalidInput):
            parse_mix(bad)
    assert parse_dates("2010-12-31, 2011-06-30,2010-12-31") == ("2010-12-31", "2011-06-30")
    assert parse_dates(None) == ()
    with pytest.raises(InvalidInput):
        parse_dates("31/12/2010")


def _proc(pid, cpu, title="postgres: 15/main: postgres loadtest63 127.0.0.1(5) idle", ppid=1, children=0.0):
    return Proc(pid, ppid, cpu, children, title)


def test_the_database_cpu_counts_exited_backends_once_through_the_postmaster():
    postmaster_title = "/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main"
    before = {1: _proc(1, 5.0, postmaster_title, ppid=0, children=100.0), 10: _proc(10, 2.0), 11: _proc(11, 7.0)}
    # backend 11 (7 s before the run) exited after using 3 more seconds; 12 started and exited (4 s); 13 still runs
    after = {1: _proc(1, 5.5, postmaster_title, ppid=0, children=100.0 + 10.0 + 4.0), 10: _proc(10, 3.0),
             13: _proc(13, 1.5)}
    # live: 0.5 + 1.0 + 1.5; reaped during the run: 10 (backend 11's whole life) + 4; of which before the run: 7
    assert total_change(before, after) == pytest.approx(0.5 + 1.0 + 1.5 + 3.0 + 4.0)


def test_only_the_measured_databases_processes_are_its_own():
    assert serves("postgres: 15/main: postgres loadtest63 127.0.0.1(35084) idle", "loadtest63", set())
    assert not serves("postgres: 15/main: postgres test 127.0.0.1(35084) idle", "loadtest63", set())
    assert not serves("postgres: 15/main: checkpointer", "loadtest63", set())
    assert serves("postgres: 15/main: autovacuum worker loadtest63", "loadtest63", set())
    assert serves("postgres: 15/main: parallel worker for PID 4242", "loadtest63", {4242})
    assert not serves("postgres: 15/main: parallel worker for PID 4242", "loadtest63", {77})
