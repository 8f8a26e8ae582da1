"""One plan's pages in a database of many plans against a database that holds that plan alone (issue 18, Scale).

A plan's pages read, through tracking.ui.data, the plan's dashboard (overview, compliance, timeline, deadlines,
export), the quarterly reporting table (reports) and the list of plans (the plan picker): the same view calls are
timed here, without Streamlit. Cold: after a write (the milestone catalogue read again); warm: a new as-of date with
the catalogue kept. The floor is the least a plan's snapshot must do, read the same way in both databases: one
grouped scan of the plan's facts up to the date. Runs alternate between the databases, so a noisy neighbour hurts
both alike; the figures are the best of the runs (what the reads cost; a busy machine only adds to it), with the
medians beside them; `ratio` is many ÷ alone of the pages' total, cold.
"""
from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Engine, func, select, text

from tracking.benchmarks.snapshot_scale import bench_engine
from tracking.db.engine import make_engine
from tracking.db.models import MilestoneRow, PlanRow, UpdateRow
from tracking.views.dashboard import load_dashboard
from tracking.views.milestone_catalogue import forget_catalogues
from tracking.views.plans import province_plans
from tracking.views.reports import reporting

DATES = (date(2010, 12, 31), date(2011, 6, 30), date(2011, 12, 31))
PLAN_FLOOR_SQL = text(
    "SELECT milestone_id, MAX(fact_date), COUNT(*) FROM updates WHERE fact_date <= :d AND milestone_id IN "
    "(SELECT m.id FROM milestones m JOIN requirements r ON r.id = m.requirement_id "
    " WHERE r.plan_id = (SELECT MIN(id) FROM plans)) GROUP BY milestone_id")
VIEWS = {
    "dashboard": lambda engine, day: load_dashboard(engine, day, None),
    "reports": lambda engine, day: reporting(engine, day, plan_id=None),
    "plan_picker": lambda engine, day: province_plans(engine),
}


def plan_floor(engine: Engine, as_of: date) -> int:
    with engine.connect() as conn:
        return len(conn.execute(PLAN_FLOOR_SQL, {"d": as_of}).all())


def time_once(engine: Engine, as_of: date) -> dict[str, float]:
    """One round of the default plan's reads at a date: the floor, each view cold and each view warm."""
    times = {}
    started = time.perf_counter()
    plan_floor(engine, as_of)
    times["floor_s"] = time.perf_counter() - started
    for warm in (False, True):
        if not warm:
            forget_catalogues()
        for name, view in VIEWS.items():
            started = time.perf_counter()
            view(engine, as_of)
            times[f"{name}_{'warm' if warm else 'cold'}_s"] = time.perf_counter() - started
    times["pages_cold_s"] = sum(times[f"{name}_cold_s"] for name in VIEWS)
    times["pages_warm_s"] = sum(times[f"{name}_warm_s"] for name in VIEWS)
    return times


def sizes(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(model))
                for name, model in (("plans", PlanRow), ("milestones", MilestoneRow), ("updates", UpdateRow))}


def compare(alone: Engine, many: Engine, repeat: int = 3) -> dict:
    """The default plan's reads in both databases, alternating; medians, and many ÷ alone."""
    runs: dict[str, list[dict]] = {"alone": [], "many": []}
    for _ in range(repeat):
        for as_of in DATES:
            for name, engine in (("alone", alone), ("many", many)):
                runs[name].append(time_once(engine, as_of))
    result: dict = {"backend": many.dialect.name, "plan": _default_plan_code(many)}
    for name, engine in (("alone", alone), ("many", many)):
        keys = runs[name][0].keys()
        result[name] = {**sizes(engine), **{k: round(min(r[k] for r in runs[name]), 4) for k in keys},
                        "median": {k: round(statistics.median(r[k] for r in runs[name]), 4) for k in keys}}
    a, m = result["alone"], result["many"]
    result["ratio"] = round(m["pages_cold_s"] / a["pages_cold_s"], 2)
    result["ratio_warm"] = round(m["pages_warm_s"] / a["pages_warm_s"], 2)
    result["ratio_floor"] = round(m["floor_s"] / a["floor_s"], 2)
    result["ratio_median"] = round(m["median"]["pages_cold_s"] / a["median"]["pages_cold_s"], 2)
    result["ratio_by_view"] = {f"{view}_{kind}": round(m[f"{view}_{kind}_s"] / a[f"{view}_{kind}_s"], 2)
                               for view in VIEWS for kind in ("cold", "warm")}
    return result


def _default_plan_code(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.scalar(select(PlanRow.code).order_by(PlanRow.id).limit(1))


@contextmanager
def throwaway_database(like: Engine):
    """An empty database of the same engine: a temporary SQLite file, or a PostgreSQL database created and dropped."""
    if like.dialect.name == "sqlite":
        with bench_engine(None, "alone.sqlite3") as engine:
            yield engine
        return
    name = f"{like.url.database}_plan_alone"
    admin = like.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(like.url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def measure_configured(engine: Engine, repeat: int = 3) -> dict:
    """`bench --format json`'s `plans`: the default plan here against a fresh database holding it alone (the plan
    file and its demo history, as `generate` loads them)."""
    from tracking.setup import initialise

    with throwaway_database(engine) as alone:
        initialise(alone, demo=True)
        return compare(alone, engine, repeat)


def run_scenario(plans: int, url: str | None, repeat: int = 3) -> dict:
    """`bench plans`: the plan alone in a throw-away database, then a copy with `plans` plans added by the generator."""
    from tracking.plans.many import add_plans
    from tracking.setup import initialise

    with bench_engine(url, "many.sqlite3") as many, throwaway_database(many) as alone:
        initialise(alone, demo=True)
        started = time.perf_counter()
        add_plans(many, plans - 1)  # the default plan and plans − 1 more
        generate_s = round(time.perf_counter() - started, 1)
        return {"plans": {**compare(alone, many, repeat), "generate_s": generate_s}}
