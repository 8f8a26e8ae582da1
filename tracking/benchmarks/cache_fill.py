"""`bench cache`: does one server process keep every province's dashboards for a few dates, and within what memory?

A national deployment's leaders read all the provinces at a handful of dates. Each (plan, date) dashboard is one
shared cache entry (tracking.ui.data, SHARED_ENTRIES); if the cache holds fewer, leaders evict each other's
dashboards and every view becomes a miss. This visits the dashboard pages of every province at every date twice
(AppTest, one process, as one server) and counts the dashboards built on each pass: the second pass must build
none. The resident memory after each pass is what a server holding them all needs.
"""
from __future__ import annotations

import time
from datetime import date

from sqlalchemy import Engine, select

from tracking.benchmarks.national_bench import READER, ROOT, forget_reads, reader_session, resident_mb
from tracking.db.models import PlanRow

DASHBOARD_PAGES = ("pages/overview.py", "pages/compliance.py", "pages/timeline.py")
DATES = (date(2010, 12, 31), date(2011, 6, 30), date(2012, 1, 31))


def _counting_builds():
    """Count the dashboards the shared cache builds (a miss), by wrapping what it calls."""
    from tracking.ui import data

    built = [0]
    original = data.load_dashboard

    def counted(*args, **kwargs):
        built[0] += 1
        return original(*args, **kwargs)

    data.load_dashboard = counted
    return built, lambda: setattr(data, "load_dashboard", original)


def run(engine: Engine, dates: tuple[date, ...] = DATES, provinces: int | None = None) -> dict:
    from streamlit.testing.v1 import AppTest

    from tracking.ui import data
    from tracking.ui.auth import SESSION_KEY

    with engine.connect() as conn:
        codes = sorted(set(conn.scalars(select(PlanRow.province_code))))[:provinces]
    session = reader_session(engine, READER)
    forget_reads()
    built, restore = _counting_builds()
    passes, errors = [], []
    rss_before = resident_mb()
    try:
        for _ in range(2):
            built[0], started = 0, time.perf_counter()
            for code in codes:
                for as_of in dates:
                    for page in DASHBOARD_PAGES:
                        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
                        at.session_state[SESSION_KEY] = session
                        at.query_params.update({"province": code, "as_of": as_of.isoformat()})
                        at.run()
                        at.switch_page(page).run()
                        if at.exception or not at.title:
                            errors.append(f"{page} {code} {as_of}: "
                                          f"{at.exception[0].value if at.exception else 'không có tiêu đề'}"[:200])
            passes.append({"dashboards_built": built[0], "seconds": round(time.perf_counter() - started, 1),
                           "rss_mb": resident_mb()})
    finally:
        restore()
    return {"provinces": len(codes), "dates": [d.isoformat() for d in dates], "pages": list(DASHBOARD_PAGES),
            "entries_needed": len(codes) * len(dates), "shared_entries": data.SHARED_ENTRIES,
            "rss_before_mb": rss_before, "first_pass": passes[0], "second_pass": passes[1],
            "errors": errors[:20], "error_count": len(errors)}
