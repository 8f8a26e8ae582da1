"""`bench --format json` on the configured database (e.g. after `generate --provinces N`): the numbers of issues 12 and 20.

Snapshot and floor alternate at three as-of dates; every page runs in AppTest on a cache miss, then cached; the
10,000-row import runs on this database in a transaction that is rolled back; the deck is the default plan's.
"""
from __future__ import annotations

import os
import resource
import statistics
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select, text

from tracking.benchmarks.fresh_process import time_in_fresh_process
from tracking.benchmarks.plans_bench import measure_configured
from tracking.db.models import DeadlineChangeRow, MilestoneRow, PlanRow, UnitRow, UpdateRow, utcnow
from tracking.uow import UnitOfWork
from tracking.views import catalogue_store
from tracking.views.milestone_catalogue import forget_catalogues
from tracking.views.snapshot import columns_from_cursor, snapshot

DATES = (date(2010, 9, 1), date(2010, 12, 31), date(2011, 12, 31))
PAGE_AS_OF = "2011-06-30"
ROOT = Path(__file__).resolve().parents[2]
READER = "lanhdao"  # demo accounts: `generate` loads Sóc Trăng with its demo history and accounts
WRITER, ADMIN = "thanhtra", "quantri"  # the pages a leader may not open are measured as the inspector, the admin
# page name → (page file, URL query, account); the provincial pages at the default plan and at the largest generated
# one; every page of tracking.ui.navigation.PAGES is here (tests/integration/test_bench_floor.py checks).
PAGES = {
    "national": ("pages/national.py", {}, READER),
    "national_drill": ("pages/national.py", {"province": "01", "district": "001"}, READER),
    "overview": ("pages/overview.py", {}, READER),
    "overview_01": ("pages/overview.py", {"province": "01"}, READER),
    "compliance": ("pages/compliance.py", {}, READER),
    "compliance_01": ("pages/compliance.py", {"province": "01"}, READER),
    "unit": ("pages/unit.py", {}, READER),
    "timeline": ("pages/timeline.py", {}, READER),
    "timeline_01": ("pages/timeline.py", {"province": "01"}, READER),
    "reports": ("pages/reports.py", {}, READER),
    "audit": ("pages/audit.py", {}, READER),
    "audit_01": ("pages/audit.py", {"province": "01"}, READER),
    "export": ("pages/export.py", {}, READER),
    "update": ("pages/update.py", {}, WRITER),
    "import": ("pages/import_excel.py", {}, WRITER),
    "deadlines": ("pages/deadlines.py", {}, WRITER),
    "users": ("pages/users.py", {}, ADMIN),
    "plans": ("pages/plans.py", {}, WRITER),  # the plan workspace: the province's plans and drafts
}
# The floor: each milestone's latest fact as of the date (its state and percent, which is more than a status needs),
# by the cheapest plan each engine has — PostgreSQL walks the (milestone_id, fact_date, id) index backwards with
# DISTINCT ON. Every key descending: with `milestone_id` ascending and the others descending (the form first proposed)
# the order matches no index, and PostgreSQL scans and sorts the table instead (measured on 63 provinces: 155 ms
# against 32 ms; the rows are the same, one per milestone).
# SQLite has no DISTINCT ON; of its equivalents (measured on 63 provinces), one seek per milestone into the same
# covering index, then the row by its id, beats row_number() over the index order by 1.5–3× (the window sorts).
# Since migration 0016 the index also carries state and percent: PostgreSQL's walk reads no row (Index Only Scan).
FLOOR_SQL = {
    "postgresql": ("SELECT DISTINCT ON (milestone_id) milestone_id, fact_date, state, percent FROM updates "
                   "WHERE fact_date <= :d ORDER BY milestone_id DESC, fact_date DESC, id DESC"),
    "sqlite": ("SELECT u.milestone_id, u.fact_date, u.state, u.percent FROM milestones m JOIN updates u ON u.id = "
               "(SELECT id FROM updates WHERE milestone_id = m.id AND fact_date <= :d "
               "ORDER BY fact_date DESC, id DESC LIMIT 1)"),
}
# What the bench called its floor before issue 20 (a full scan and a hash, fetched as row objects): kept to compare.
GROUP_BY_SQL = "SELECT milestone_id, MAX(fact_date), COUNT(*) FROM updates WHERE fact_date <= :d GROUP BY milestone_id"


def floor_sql(engine: Engine) -> str:
    return FLOOR_SQL[engine.dialect.name]


def floor(engine: Engine, as_of: date) -> dict:
    """The least any snapshot must do, read through the raw cursor as the snapshot reads its facts: the driver's
    rows, then one array per column (the snapshot's `integer_columns` does the same with its integers)."""
    with engine.connect() as conn:
        return columns_from_cursor(conn.execute(text(floor_sql(engine)), {"d": as_of}), ("fact_date",))


def group_by_floor(engine: Engine, as_of: date) -> int:
    with engine.connect() as conn:
        return len(conn.execute(text(GROUP_BY_SQL), {"d": as_of}).all())


def time_snapshot(engine: Engine, repeat: int = 5, dates: tuple[date, ...] = DATES) -> dict:
    """Snapshot and floor alternating at each date. `snapshot_s` is what a page pays for a new date (the catalogue
    of milestones already read for the current data stamp); `snapshot_cold_s` is a process's first snapshot, in a
    new process (tracking.benchmarks.fresh_process), every statement built and compiled for the first time and the
    catalogue taken from the row the database keeps under its stamp (tracking.views.catalogue_store);
    `snapshot_cold_unstored_s` the same without that row (the first process after a plan or unit load reads and
    labels every milestone); `snapshot_reload_s` is the whole catalogue read again in this warm process, nothing
    stored (as after a plan or unit reload, its statements already compiled); `snapshot_after_change_s` is
    the first snapshot after an inspector sets a deadline (in a transaction then rolled back), which reads only that
    requirement's milestones again. `ratio` is snapshot ÷ the true floor (FLOOR_SQL); `ratio_group_by` is against
    the grouped scan the bench used before, for comparison with older numbers."""
    per_date, snaps, floors, colds, groups, changes, reloads, unstored = {}, [], [], [], [], [], [], []
    for as_of in dates:
        s_times, f_times, c_times, g_times, a_times, r_times, u_times = [], [], [], [], [], [], []
        for _ in range(repeat):  # alternating, so a noisy neighbour hurts both the same
            started = time.perf_counter()
            floor(engine, as_of)
            f_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            group_by_floor(engine, as_of)
            g_times.append(time.perf_counter() - started)
            c_times.append(time_in_fresh_process(engine, as_of))
            u_times.append(time_in_fresh_process(engine, as_of, stored=False))
            forget_catalogues()
            started = time.perf_counter()
            with catalogue_store.left_out():  # as after a plan or unit load: nothing stored under the new stamp
                snapshot(engine, as_of, every_plan=True)
            r_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            snapshot(engine, as_of, every_plan=True)
            s_times.append(time.perf_counter() - started)
            a_times.append(time_after_deadline_set(engine, as_of))
        s, f, c, g, a, r, u = (statistics.median(x) for x in (s_times, f_times, c_times, g_times, a_times, r_times,
                                                               u_times))
        per_date[as_of.isoformat()] = {"snapshot_s": round(s, 3), "snapshot_cold_s": round(c, 3),
                                       "snapshot_cold_unstored_s": round(u, 3), "ratio_cold_unstored": _ratio(u, f),
                                       "snapshot_reload_s": round(r, 3),
                                       "snapshot_after_change_s": round(a, 3), "floor_s": round(f, 3),
                                       "ratio": _ratio(s, f), "ratio_cold": _ratio(c, f), "ratio_reload": _ratio(r, f),
                                       "ratio_after_change": _ratio(a, f)}
        snaps.append(s)
        floors.append(f)
        colds.append(c)
        groups.append(g)
        changes.append(a)
        reloads.append(r)
        unstored.append(u)
    s, f, c, g, a, r, u = (statistics.median(x) for x in (snaps, floors, colds, groups, changes, reloads, unstored))
    return {"snapshot_s": round(s, 3), "floor_s": round(f, 3), "floor_sql": floor_sql(engine), "ratio": _ratio(s, f),
            "snapshot_cold_s": round(c, 3), "ratio_cold": _ratio(c, f), "snapshot_cold_unstored_s": round(u, 3),
            "ratio_cold_unstored": _ratio(u, f), "snapshot_reload_s": round(r, 3),
            "ratio_reload": _ratio(r, f), "snapshot_after_change_s": round(a, 3),
            "ratio_after_change": _ratio(a, f), "group_by_floor_s": round(g, 3), "ratio_group_by": _ratio(s, g),
            "snapshot_by_date": per_date}


def time_after_deadline_set(engine: Engine, as_of: date) -> float:
    """The first snapshot after an inspector sets a deadline, the catalogue read for the stamp before it: the
    change (as tracking.services.deadlines.set_deadline writes it) and the snapshot run in one transaction, which is
    then rolled back, so the database is left as it was."""
    m, d = MilestoneRow.__table__, DeadlineChangeRow.__table__
    with engine.connect() as conn:
        # A deadline the plan leaves open (the service refuses to reset the plan's own).
        target = conn.execute(select(m.c.requirement_id, m.c.period).where(m.c.deadline_source != "plan")
                              .order_by(m.c.id).limit(1)).first()
        if target is None:
            return float("nan")
        try:  # in the transaction the read above began
            day = date(2011, 3, 31)
            conn.execute(m.update().where(m.c.requirement_id == target.requirement_id, m.c.period == target.period)
                         .values(deadline=day, deadline_source="set"))
            conn.execute(d.insert().values(requirement_id=target.requirement_id, period=target.period or None,
                                           deadline=day, set_by="bench", set_at=utcnow()))
            started = time.perf_counter()
            snapshot(_InTransaction(conn), as_of, every_plan=True)
            elapsed = time.perf_counter() - started
        finally:
            conn.rollback()
    forget_catalogues()  # the one refreshed for a change that never was
    return elapsed


class _InTransaction:
    """An engine for snapshot() whose connection is one already in a transaction (left open)."""

    def __init__(self, conn) -> None:
        self.conn, self.dialect, self.url = conn, conn.dialect, conn.engine.url

    @contextmanager
    def connect(self):
        yield self.conn


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator > 0 else None


def forget_reads() -> None:
    """Every cached read of the app (not the engine: connecting and migrating is not part of a page view)."""
    import streamlit as st

    from tracking.ui import data

    st.cache_data.clear()
    data._dashboard.clear()
    data._stamps.clear()
    forget_catalogues()


def reader_session(engine: Engine, username: str = READER) -> int:
    """A signed-in session of a demo account, as the sign-in form leaves one (its password is not needed here)."""
    from datetime import timedelta

    from tracking.db.models import SessionRow, UserRow, utcnow

    with UnitOfWork(engine) as uow:
        user_id = uow.session.scalar(select(UserRow.id).where(UserRow.username == username))
        row = SessionRow(user_id=user_id, expires_at=utcnow() + timedelta(hours=2), client_address="bench")
        uow.session.add(row)
        uow.session.flush()
        session_id = row.id
        uow.commit()
    return session_id


def time_pages(engine: Engine, only: tuple[str, ...] | None = None) -> dict:
    """Every page on a cache miss, then cached; the payload of each; the process's resident memory after them all
    (what a server holds once every page has been visited, not its peak)."""
    from streamlit.testing.v1 import AppTest

    from tracking.ui.auth import SESSION_KEY

    sessions = {user: reader_session(engine, user) for user in {page[2] for page in PAGES.values()}}
    results, cpu, payload = {}, {}, {}
    for name, (path, query, user) in PAGES.items():
        if only is not None and name not in only:
            continue
        for run in ("miss", "cached"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            at.session_state[SESSION_KEY] = sessions[user]
            for key, value in {"as_of": PAGE_AS_OF, **query}.items():
                at.query_params[key] = value
            at.run()  # the router (sign-in, navigation, the default page): not part of the page's time
            if run == "miss":  # the router's default page may have read the same data
                forget_reads()
            cpu_before, started = time.process_time(), time.perf_counter()
            at.switch_page(path).run()
            results[f"{name}_{run}"] = round(time.perf_counter() - started, 3)
            cpu[f"{name}_{run}"] = round(time.process_time() - cpu_before, 3)
            if run == "miss":
                payload[name] = round(page_payload(at) / 1024, 1)
            if at.exception:
                results[f"{name}_{run}_error"] = str(at.exception[0].value)[:200]
            elif not at.title:  # e.g. the sign-in form instead of the page: a time that measured nothing
                results[f"{name}_{run}_error"] = "trang không hiển thị (chưa đăng nhập?)"
    return {"pages": results, "pages_cpu_s": cpu, "pages_payload_kb": payload, "rss_mb": resident_mb()}


def resident_mb() -> float:
    """The process's resident memory now (Linux VmRSS), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def page_payload(at) -> int:
    """Bytes the page sends the browser for its charts and tables (the bulk of a page; text is a few kB), charts drawn
    as HTML included."""
    return sum(element.proto.ByteSize() for kind in ("plotly_chart", "dataframe", "table", "html")
               for element in at.get(kind))


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
        today = conn.scalar(select(func.count()).select_from(PlanRow).where(PlanRow.code.like("TCD-2025-%")))
        districts = conn.scalar(select(func.count()).select_from(UnitRow).where(UnitRow.level == "district"))
    # Which map the generated provinces are on (`generate --map`): one database per map, one bench per database.
    result = {"backend": engine.dialect.name, "map": "2025" if today else "2010", "provinces": provinces,
              "districts": districts, **counts, **time_snapshot(engine),
              "explain_province": explain_province(engine)}
    # One plan's pages here against a database that holds it alone (issue 18: within 1.3× at 1,000 plans).
    result["plans"] = measure_configured(engine)
    if pages:
        os.environ.setdefault("TRACKING_DATABASE_URL", engine.url.render_as_string(hide_password=False))
        result.update(time_pages(engine))
    result["import_10k_s"] = time_import(engine)
    result["deck_s"] = time_deck(engine)
    result.setdefault("rss_mb", resident_mb())
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result
