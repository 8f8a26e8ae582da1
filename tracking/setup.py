"""Bring a database to a usable state: migrate, load the reference data, optionally the demo history."""
from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from tracking.db.migrate import downgrade, upgrade
from tracking.demo import load_demo
from tracking.demo_accounts import create_demo_accounts
from tracking.plans.seed import load_data, seed
from tracking.units.changes import CHANGES_FILE, apply_changes, load_changes


def reset(engine: Engine) -> None:
    """Drop everything this application created (the history too): only on explicit request."""
    if inspect(engine).has_table("alembic_version"):
        downgrade(engine, "base")
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def initialise(engine: Engine, *, demo: bool = False, reset_first: bool = False) -> dict[str, int]:
    # Validate the data files before touching the database, so a bad file changes nothing.
    units, plans = load_data()
    changes = load_changes(CHANGES_FILE, units)
    if reset_first:
        reset(engine)
    upgrade(engine)
    summary = seed(engine, units, plans)
    summary["unit_changes_added"] = apply_changes(engine, changes, "init")
    summary["demo_updates_added"] = load_demo(engine) if demo else 0
    summary["demo_accounts_added"] = create_demo_accounts(engine) if demo else 0
    return summary
