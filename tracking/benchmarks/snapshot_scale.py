"""National scale: ≈9,000 units, ≈130,000 milestones, ≈650,000 updates; time and memory of the as-of snapshot."""
from __future__ import annotations

import random
import resource
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text

from tracking.db.bulk import insert_rows
from tracking.db.migrate import upgrade
from tracking.db.models import MilestoneRow, PlanRow, RequirementRow, UnitRow, UpdateRow
from tracking.db.engine import make_engine
from tracking.views.snapshot import snapshot

START = date(2010, 6, 14)
STAMP = datetime(2012, 1, 1, tzinfo=timezone.utc)
CHUNK = 20_000


def build(engine: Engine, units: int, milestones_per_unit: int, updates_per_milestone: float, seed: int = 42) -> dict:
    """Fill an empty, migrated database with a synthetic national dataset (deterministic)."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        conn.execute(insert(PlanRow), [{"id": 1, "code": "BENCH", "title": "Bench", "title_en": "Bench", "issuer": "-",
                                        "legal_basis": "", "province_code": "00", "starts_on": START,
                                        "ends_on": date(2011, 12, 31)}])
        conn.execute(insert(RequirementRow), [{
            "id": i + 1, "plan_id": 1, "code": f"R{i + 1:02d}", "area_code": "organisation", "clause": "II.1",
            "title": f"Yêu cầu {i + 1}", "title_en": f"Requirement {i + 1}", "deadline": None, "kind": "assignment",
            "lead": "self", "coordinating": [], "applies_to": {}, "norms": {}, "position": i,
        } for i in range(milestones_per_unit)])
        rows = [{"code": "VN", "name": "Việt Nam", "level": "province", "parent_code": None, "verified": True,
                 "position": 0, "province_code": "00"}]
        districts = max(1, units // 13)
        for d in range(districts):
            rows.append({"code": f"D{d}", "name": f"Huyện {d}", "level": "district", "parent_code": "VN",
                         "verified": True, "position": len(rows), "province_code": "00"})
        while len(rows) < units:
            rows.append({"code": f"C{len(rows)}", "name": f"Xã {len(rows)}", "level": "commune",
                         "parent_code": f"D{len(rows) % districts}", "verified": True, "position": len(rows),
                         "province_code": "00"})
        _chunked(conn, UnitRow, rows)
        deadlines = [date(2010, 10, 30), date(2010, 12, 31), date(2011, 5, 31), None]
        milestones = []
        for unit in rows[1:]:
            for r in range(milestones_per_unit):
                deadline = deadlines[r % len(deadlines)]
                milestones.append({"id": len(milestones) + 1, "requirement_id": r + 1, "unit_code": unit["code"],
                                   "period": "", "deadline": deadline,
                                   "deadline_source": "plan" if deadline else "set"})
        _chunked(conn, MilestoneRow, milestones)
        states = ("not_started", "in_progress", "done")
        insert_rows(conn, UpdateRow.__table__, ("milestone_id", "state", "fact_date", "recorded_by", "recorded_at", "source"), (
            (m["id"], rng.choice(states), START + timedelta(days=rng.randint(0, 560)), "bench", STAMP, "bench")
            for m in milestones for _ in range(max(0, round(rng.gauss(updates_per_milestone, 2))))))
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(model))
                for name, model in (("units", UnitRow), ("milestones", MilestoneRow), ("updates", UpdateRow))}


def _chunked(conn, model, rows):
    for i in range(0, len(rows), CHUNK):
        conn.execute(insert(model), rows[i:i + CHUNK])


def measure(engine: Engine, dates: list[date], repeat: int = 3) -> list[dict]:
    results = []
    for as_of in dates:
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            frame = snapshot(engine, as_of)
            timings.append(time.perf_counter() - started)
        # Memory in a run of its own: tracemalloc slows Python down several times and would spoil the timings.
        tracemalloc.start()
        snapshot(engine, as_of)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        started = time.perf_counter()
        snapshot(engine, as_of, unit_codes=["D1"])
        one_unit = time.perf_counter() - started
        results.append({"as_of": as_of.isoformat(), "rows": len(frame), "best_s": round(min(timings), 3),
                        "median_s": round(sorted(timings)[len(timings) // 2], 3),
                        "python_peak_mb": round(peak / 2**20, 1), "one_unit_s": round(one_unit, 3),
                        "statuses": frame["status"].value_counts().to_dict()})
    return results


@contextmanager
def bench_engine(url: str | None, filename: str = "bench.sqlite3"):
    """The engine of the given (empty, dedicated) database, or of a temporary SQLite file removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(url or f"sqlite:///{Path(tmp) / filename}")
        try:
            yield engine
        finally:
            engine.dispose()


def run(url: str | None, units: int, milestones_per_unit: int, updates_per_milestone: float) -> dict:
    """Build the dataset in a throw-away database (a temp SQLite file unless --url is given) and measure."""
    with bench_engine(url) as engine:
        upgrade(engine)
        started = time.perf_counter()
        counts = build(engine, units, milestones_per_unit, updates_per_milestone)
        load_s = time.perf_counter() - started
        dates = [date(2010, 9, 1), date(2010, 12, 31), date(2011, 12, 31)]
        return {"backend": engine.dialect.name, **counts, "load_s": round(load_s, 1),
                "snapshots": measure(engine, dates),
                "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
