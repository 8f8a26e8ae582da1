"""A snapshot in a process of its own: what `bench` calls cold (`snapshot_cold_s`). Nothing of the snapshot is
cached in the process (the database may keep the catalogue under its stamp: `unstored` leaves that out too) — not the catalogue, not a statement built or compiled, not a first use of pandas or of the ORM, and
the imports' objects are not yet old to Python's collector — as in a server just started or a CLI command.

Not timed: the imports and the engine's first connection (the floor is timed on a pooled connection too); the
database's own caches are as the floor finds them.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from tracking.db.engine import URL_ENV

ROOT = Path(__file__).resolve().parents[2]


def time_in_fresh_process(engine: Engine, as_of: date, *, stored: bool = True) -> float:
    """Seconds of the first snapshot of every plan at `as_of` in a new Python process on the engine's database.
    `stored=False`: the catalogue the database keeps under its stamp (tracking.views.catalogue_store) is not used,
    as in the first process after a plan or unit load."""
    env = {**os.environ, URL_ENV: engine.url.render_as_string(hide_password=False)}
    done = subprocess.run([sys.executable, "-m", __name__, as_of.isoformat(), *([] if stored else ["unstored"])],
                          env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def main() -> None:
    from tracking.db.engine import make_engine
    from tracking.views import catalogue_store
    from tracking.views.snapshot import snapshot

    as_of = date.fromisoformat(sys.argv[1])
    catalogue_store.ENABLED = sys.argv[2:] != ["unstored"]
    engine = make_engine()
    with engine.connect() as conn:  # the pool's connection, opened with no statement of the snapshot's
        conn.exec_driver_sql("SELECT 1").all()
    started = time.perf_counter()
    snapshot(engine, as_of, every_plan=True)
    print(time.perf_counter() - started)


if __name__ == "__main__":
    main()
