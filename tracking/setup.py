"""Bring a database to a usable state: migrate, load the reference data, optionally the demo history."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from tracking.db.migrate import downgrade, upgrade
from tracking.demo import load_demo
from tracking.demo_accounts import create_demo_accounts
from tracking.errors import TrackingError
from tracking.plans.loader import UNITS_FILE, load_plan, load_units, plan_files
from tracking.plans.seed import seed
from tracking.units.changes import CHANGES_FILE, apply_changes, load_changes


def reset(engine: Engine) -> None:
    """Drop everything this application created (the history too): only on explicit request."""
    if inspect(engine).has_table("alembic_version"):
        downgrade(engine, "base")
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


# Which data files `init` and the app load (README, "Cấu hình"): by default Sóc Trăng's 2010 plan in data/; a
# province on today's map points these at its own files (`units today`, its plan).
UNITS_ENV, PLANS_ENV, CHANGES_ENV = "TRACKING_UNITS_FILE", "TRACKING_PLANS_DIR", "TRACKING_UNIT_CHANGES_FILE"


def data_files() -> tuple[Path, list[Path], Path | None]:
    units = Path(os.environ.get(UNITS_ENV) or UNITS_FILE)
    plans = plan_files(Path(os.environ[PLANS_ENV])) if os.environ.get(PLANS_ENV) else plan_files()
    changes = os.environ.get(CHANGES_ENV) or (CHANGES_FILE if units == UNITS_FILE else None)
    return units, plans, Path(changes) if changes else None


def initialise(engine: Engine, *, demo: bool = False, reset_first: bool = False) -> dict[str, int]:
    # Validate the data files before touching the database, so a bad file changes nothing.
    units_file, plan_paths, changes_file = data_files()
    if demo and units_file != UNITS_FILE:
        raise TrackingError(f"dữ liệu minh họa chỉ dành cho kế hoạch Sóc Trăng 2010 (data/), không cho {units_file}")
    units = load_units(units_file)
    plans = [load_plan(path, units) for path in plan_paths]
    changes = load_changes(changes_file, units) if changes_file else []
    if reset_first:
        reset(engine)
    upgrade(engine)
    summary = seed(engine, units, plans)
    summary["unit_changes_added"] = apply_changes(engine, changes, "init")
    summary["demo_updates_added"] = load_demo(engine) if demo else 0
    summary["demo_accounts_added"] = create_demo_accounts(engine) if demo else 0
    return summary
