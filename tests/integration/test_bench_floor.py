"""The bench's floor is the one stated (each milestone's latest fact by DISTINCT ON on PostgreSQL, its window
index-seek equivalent on SQLite), it yields what the snapshot reports, and the bench covers every page with the JSON keys
issue 20 names. No timing is asserted: only that the numbers are there."""
from __future__ import annotations

import re
from datetime import date

from tracking.benchmarks import national_bench
from tracking.benchmarks.national_bench import PAGES, floor, floor_sql, time_pages, time_snapshot
from tracking.db.engine import URL_ENV
from tracking.ui.navigation import PAGES as APP_PAGES
from tracking.views.snapshot import snapshot

AS_OF = date(2011, 3, 31)


def test_the_floor_sql_is_the_one_stated(engine):
    sql = " ".join(floor_sql(engine).split())
    if engine.dialect.name == "postgresql":
        assert sql.startswith("SELECT DISTINCT ON (milestone_id) milestone_id, fact_date, state, percent FROM updates")
        assert sql.endswith("WHERE fact_date <= :d ORDER BY milestone_id DESC, fact_date DESC, id DESC")
        with engine.connect() as conn:  # the order of the index, walked backwards: no sort of the table
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):  # an empty test table: ask
                conn.exec_driver_sql(f"SET {setting} = off")                       # which plan the order allows
            plan = " ".join(str(row[0]) for row in conn.exec_driver_sql(
                "EXPLAIN " + sql.replace(":d", "DATE '2011-03-31'")))
        # (an index-only scan since the index carries state and percent, migration 0016)
        assert re.search(r"Index (Only )?Scan Backward using ix_updates_milestone_fact", plan), plan
        assert "Sort" not in plan, plan
    else:
        assert "WHERE milestone_id = m.id AND fact_date <= :d ORDER BY fact_date DESC, id DESC LIMIT 1" in sql
        assert sql.startswith("SELECT u.milestone_id, u.fact_date, u.state, u.percent FROM milestones m JOIN updates u")
        assert "GROUP BY" not in sql


def test_the_floor_gives_each_milestones_latest_fact_as_the_snapshot_does(demo_engine):
    facts = floor(demo_engine, AS_OF)
    assert len(facts["milestone_id"]) == len(set(facts["milestone_id"])) > 100  # one row per milestone with facts
    shown = snapshot(demo_engine, AS_OF, every_plan=True).set_index("milestone_id")
    for milestone, day, state in zip(facts["milestone_id"], facts["fact_date"], facts["state"]):
        assert day <= AS_OF
        assert (shown.at[milestone, "state"], shown.at[milestone, "last_fact_date"]) == (state, day), milestone


def test_the_snapshot_is_reported_against_that_floor(demo_engine):
    result = time_snapshot(demo_engine, repeat=1, dates=(AS_OF,))
    assert {"snapshot_s", "floor_s", "floor_sql", "ratio", "snapshot_cold_s", "ratio_cold"} <= set(result)
    assert result["floor_sql"] == floor_sql(demo_engine)
    assert result["floor_s"] > 0 and result["ratio"] > 0 and result["snapshot_by_date"][AS_OF.isoformat()]["ratio"]


def test_the_bench_visits_every_page_of_the_app():
    assert {page.path for page in APP_PAGES} <= {path for path, _, _ in PAGES.values()}


def test_the_pages_report_their_times_payload_and_the_servers_memory(demo_engine, monkeypatch):
    monkeypatch.setenv(URL_ENV, demo_engine.url.render_as_string(hide_password=False))
    result = time_pages(demo_engine, only=("audit", "users", "update"))
    assert not [key for key in result["pages"] if key.endswith("_error")], result["pages"]
    for name in ("audit", "users", "update"):
        assert {f"{name}_miss", f"{name}_cached"} <= set(result["pages"]) and name in result["pages_payload_kb"]
    assert result["rss_mb"] > 0 and national_bench.resident_mb() > 0
    # one page of the log, not the history: a bounded payload whatever the size of the database
    assert result["pages_payload_kb"]["audit"] < 200
