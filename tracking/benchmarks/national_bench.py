"""`bench --format json` on the configured database (e.g. after `generate --provinces N`): the numbers of issue 12.

Snapshot and floor alternate at three as-of dates; every page runs in AppTest on a cache miss, then cached; the
10,000-row import runs on this database in a transaction that is rolled back; the deck is the default plan's.
"""
from __future__ import annotations

import os
import resource
import statistics
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from tracking.db.models import MilestoneRow, UnitRow, UpdateRow
from tracking.uow import UnitOfWork
from tracking.views.snapshot import snapshot

DATES = (date(2010, 9, 1), date(2010, 12, 31), date(2011, 12, 31))
PAGE_AS_OF = "2011-06-30"
ROOT = Path(__file__).resolve().parents[2]
READER = "lanhdao"  # a demo account: `generate` loads Sóc Trăng with its demo history and accounts
# page name → (page file, URL query); the provincial pages at the default plan and at the largest generated one.
PAGES = {
    "national": ("pages/national.py", {}),
    "national_drill": ("pages/national.py", {"province": "01", "district": "001"}),
    "overview": ("pages/overview.py", {}),
    "overview_01": ("pages/overview.py", {"province": "01"}),
    "compliance": ("pages/compliance.py", {}),
    "compliance_01": ("pages/compliance.py", {"province": "01"}),
    "unit": ("pages/unit.py", {}),
    "timeline": ("pages/timeline.py", {}),
    "timeline_01": ("pages/timeline.py", {"province": "01"}),
    "reports": ("pages/reports.py", {}),
}
FLOOR_SQL = text("SELECT milestone_id, MAX(fact_date), COUNT(*) FROM updates WHERE fact_date <= :d GROUP BY milestone_id")


def floor(engine: Engine, as_of: date) -> int:
    """The least any snapshot must do: one grouped scan of the facts up to the date, fetched."""
    with engine.connect() as conn:
        return len(conn.execute(FLOOR_SQL, {"d": as_of}).all())


def time_snapshot(engine: Engine, repeat: int = 3) -> dict:
    per_date, snaps, floors = {}, [], []
    for as_of in DATES:
        s_times, f_times = [], []
        for _ in range(repeat):  # alternating, so a noisy neighbour hurts both the same
            started = time.perf_counter()
            floor(engine, as_of)
            f_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            snapshot(engine, as_of, every_plan=True)
            s_times.append(time.perf_counter() - started)
        s, f = statistics.median(s_times), statistics.median(f_times)
        per_date[as_of.isoformat()] = {"snapshot_s": round(s, 3), "floor_s": round(f, 3), "ratio": round(s / f, 2)}
        snaps.append(s)
        floors.append(f)
    s, f = statistics.median(snaps), statistics.median(floors)
    return {"snapshot_s": round(s, 3), "floor_s": round(f, 3), "ratio": round(s / f, 2), "snapshot_by_date": per_date}


def time_pages() -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tracking.ui.auth import SESSION_KEY

    results, cpu = {}, {}
    for name, (path, query) in PAGES.items():
        for run in ("miss", "cached"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            at.session_state[SESSION_KEY] = READER
            for key, value in {"as_of": PAGE_AS_OF, **query}.items():
                at.query_params[key] = value
            at.run()  # the router (sign-in, navigation, the default page): not part of the page's time
            if run == "miss":
                st.cache_data.clear()  # the router's default page may have read the same data
            cpu_before, started = time.process_time(), time.perf_counter()
            at.switch_page(path).run()
            results[f"{name}_{run}"] = round(time.perf_counter() - started, 3)
            cpu[f"{name}_{run}"] = round(time.process_time() - cpu_before, 3)
            if at.exception:
                results[f"{name}_{run}_error"] = str(at.exception[0].value)[:200]
    return {"pages": results, "pages_cpu_s": cpu}


class _RolledBack(UnitOfWork):
    """Writes are flushed (so the database does the work) and then rolled back: the bench leaves no trace."""

    def commit(self) -> None:
        self.session.flush()


def time_import(engine: Engine, rows: int = 10_000) -> float:
    from tracking.imports.reader import read_rows
    from tracking.imports.sample import sample_rows, xlsx_bytes
    from tracking.services.importing import import_updates

    content = xlsx_bytes(sample_rows(engine, rows))
    started = time.perf_counter()
    parsed = read_rows(content, "bench.xlsx")
    with _RolledBack(engine) as uow:
        import_updates(uow, parsed, "thanhtra")
    return round(time.perf_counter() - started, 2)


def time_deck(engine: Engine) -> float | None:
    from tracking.exports import service

    started = time.perf_counter()
    try:
        service.export_bytes("pptx", service.load(engine, date.fromisoformat(PAGE_AS_OF)))
    except Exception as exc:  # no Chromium: say so instead of a number
        return f"không đo được: {type(exc).__name__}"
    return round(time.perf_counter() - started, 2)


def explain_province(engine: Engine) -> list[str]:
    """How the database reads the facts for one province's snapshot: the lines that touch `updates`."""
    from tracking.views.snapshot import snapshot_statement

    sql = str(snapshot_statement(DATES[-1], dialect=engine.dialect.name)
              .compile(engine, compile_kwargs={"literal_binds": True}))
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as conn:
        lines = [str(row[-1]) for row in conn.exec_driver_sql(prefix + sql)]
    return [line.strip() for line in lines if "updates" in line or "again" in line or "latest" in line]


def run(engine: Engine, pages: bool = True) -> dict:
    with engine.connect() as conn:
        counts = {name: conn.scalar(select(func.count()).select_from(model))
                  for name, model in (("units", UnitRow), ("milestones", MilestoneRow), ("updates", UpdateRow))}
        provinces = conn.scalar(select(func.count(func.distinct(UnitRow.province_code))))
    result = {"backend": engine.dialect.name, "provinces": provinces, **counts, **time_snapshot(engine),
              "explain_province": explain_province(engine)}
    if pages:
        os.environ.setdefault("TRACKING_DATABASE_URL", engine.url.render_as_string(hide_password=False))
        result.update(time_pages())
    result["import_10k_s"] = time_import(engine)
    result["deck_s"] = time_deck(engine)
    result["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result
