"""A cold snapshot — the catalogue read whole, on a connection of its own while the facts are read (PostgreSQL), or in
a process of its own — is the warm one, row for row, on SQLite and PostgreSQL."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from concurrent.futures import Future
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import update

from tracking.benchmarks.national_bench import _InTransaction
from tracking.db.engine import URL_ENV
from tracking.db.models import UnitRow
from tracking.views import catalogue_store
from tracking.views import milestone_catalogue as catalogues
from tracking.views import snapshot as module
from tracking.views.snapshot import snapshot
from tests.spies import calls_of

ROOT = Path(__file__).resolve().parents[2]
DATES = (date(2010, 9, 1), date(2011, 3, 31), date(2011, 12, 31))
SCOPES = ({"every_plan": True}, {}, {"unit_codes": ["941", "942"]}, {"requirement_codes": ["ORG-HUYEN"]})


@pytest.fixture
def read_apart(monkeypatch):
    """How many catalogues were read on a connection of their own (a process's first: its stamp too)."""
    return calls_of(monkeypatch, catalogues, "_first_read_apart")


@pytest.mark.parametrize("scope", SCOPES, ids=["every_plan", "plan", "units", "requirements"])
def test_a_cold_snapshot_is_the_warm_one(demo_engine, read_apart, scope, monkeypatch):
    # Waited for even when the facts come first (a small database), which would otherwise read it on their own
    # connection.
    monkeypatch.setattr(module, "catalogue_arrived", lambda coming, *args: coming.result())
    for as_of in DATES:
        catalogues.forget_catalogues()
        cold = snapshot(demo_engine, as_of, **scope)
        warm = snapshot(demo_engine, as_of, **scope)
        assert len(cold) > 0
        pd.testing.assert_frame_equal(cold, warm)
    # PostgreSQL: each cold one read its catalogue beside the facts; SQLite: on the snapshot's own connection (a
    # reader thread there only contends for the interpreter's lock).
    assert len(read_apart) == (len(DATES) if demo_engine.dialect.name == "postgresql" else 0)


def test_a_snapshot_in_a_fresh_process_is_the_warm_one(demo_engine, tmp_path):
    """Nothing cached at all: no catalogue, no statement built or compiled."""
    as_of, out = date(2011, 3, 31), tmp_path / "snapshot.pickle"
    code = ("import pickle, sys; from datetime import date; from tracking.db.engine import make_engine; "
            "from tracking.views.snapshot import snapshot; "
            f"pickle.dump(snapshot(make_engine(), date.fromisoformat('{as_of}'), every_plan=True), "
            f"open(sys.argv[1], 'wb'))")
    subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, check=True,
                   env={**os.environ, URL_ENV: demo_engine.url.render_as_string(hide_password=False)})
    with out.open("rb") as file:
        fresh = pickle.load(file)
    pd.testing.assert_frame_equal(fresh, snapshot(demo_engine, as_of, every_plan=True))


def test_a_catalogue_still_being_read_that_misses_a_milestone_is_read_again(engine, monkeypatch):
    """The facts are asked for the milestones with a fact only while the catalogue is still being read; a catalogue
    that then holds fewer milestones than its stamp counted (one added between the two reads) is not trusted."""
    as_of = date(2011, 6, 30)
    full = snapshot(engine, as_of)
    real = module.catalogue_coming

    class StillComing(Future):
        def done(self):
            return False

    def stale_catalogue(conn, plan_id, every_plan, apart=None, storable=False):
        coming = StillComing()
        coming.set_result(real(conn, plan_id, every_plan).result().iloc[1:])
        return coming

    monkeypatch.setattr(module, "catalogue_coming", stale_catalogue)
    pd.testing.assert_frame_equal(snapshot(engine, as_of), full)


def test_inside_a_transaction_the_catalogue_is_read_on_that_connection(engine, read_apart):
    """A snapshot given a connection in a transaction (the bench's deadline change) reads what that transaction
    wrote: no other connection would see it."""
    with engine.connect() as conn:
        conn.execute(update(UnitRow).where(UnitRow.code == "941").values(name="Tên chưa lưu"))
        catalogues.forget_catalogues()
        rows = snapshot(_InTransaction(conn), date(2011, 1, 1)).set_index("unit_code")
        conn.rollback()
    assert set(rows.loc["941", "unit_name"]) == {"Tên chưa lưu"}
    assert read_apart == []
    # Rolled back, the name was never the database's: no catalogue holding it was stored for other processes.
    catalogue_store.wait_for_saves()
    catalogues.forget_catalogues()
    assert "Tên chưa lưu" not in set(snapshot(engine, date(2011, 1, 1))["unit_name"])
    catalogues.forget_catalogues()


def test_a_catalogue_whose_reader_has_not_begun_is_read_on_the_snapshots_connection(engine, monkeypatch):
    """Every reader busy: the snapshot does not hold its connection waiting for one (which might wait for a free
    connection in turn), it reads the catalogue itself."""
    as_of = date(2011, 6, 30)
    full = snapshot(engine, as_of)
    catalogues.forget_catalogues()
    monkeypatch.setattr(module, "catalogue_coming", lambda conn, plan_id, every_plan, apart=None, storable=False: Future())
    pd.testing.assert_frame_equal(snapshot(engine, as_of), full)
