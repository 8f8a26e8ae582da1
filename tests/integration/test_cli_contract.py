"""python -m tracking, driven exactly as other tools drive it: a subprocess, the documented flags."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.accounts import add_account
from tracking.db.engine import make_engine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(seeded_db_url):
    env = {**os.environ, "TRACKING_DATABASE_URL": seeded_db_url}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tracking", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    # The database is already as `init` leaves it (see test_init_*); the writers are added in-process
    # because every CLI call pays the interpreter's start-up.
    engine = make_engine(seeded_db_url)
    for name in ("thanh_tra", "t"):
        add_account(engine, name)
    engine.dispose()
    return run


def test_init_on_an_empty_database_then_again_is_idempotent(db_url):
    env = {**os.environ, "TRACKING_DATABASE_URL": db_url}
    first, second = (subprocess.run([sys.executable, "-m", "tracking", "init"], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=120) for _ in range(2))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert ", 0 mốc mới" in second.stdout and ", 729 mốc mới" in first.stdout


def test_status_json_has_the_contract_fields(cli):
    result = cli("status", "--as-of", "2010-11-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) > 700
    required = {"unit_code", "unit_name", "unit_level", "parent_code", "requirement_code", "area", "period",
                "deadline", "deadline_as_written", "deadline_reading", "deadline_source", "deadline_clause", "status",
                "completed_on"}
    assert required <= set(rows[0])
    org = next(r for r in rows if r["unit_code"] == "941" and r["requirement_code"] == "ORG-HUYEN")
    # "trước ngày 30/10/2010", II.4 names the districts' organisation; by default the named day is still on time
    assert org["deadline"] == "2010-10-30" and org["deadline_source"] == "plan" and org["status"] == "overdue"
    assert (org["deadline_as_written"], org["deadline_reading"]) == ("trước ngày 30/10/2010", "named_day_on_time")
    assert org["deadline_clause"] == "II.4"
    budget = next(r for r in rows if r["unit_code"] == "VPUB" and r["requirement_code"] == "BUD-VPUB")
    assert (budget["deadline"], budget["deadline_source"], budget["deadline_clause"]) == ("2010-11-15", "inferred", "III.4")
    staffing = next(r for r in rows if r["unit_code"] == "VPUB" and r["requirement_code"] == "ORG-VPUB")
    assert (staffing["deadline"], staffing["deadline_source"]) == (None, "set")  # follows the founding: no date
    founding = next(r for r in rows if r["requirement_code"] == "ORG-TSTCD")
    assert (founding["deadline"], founding["deadline_source"], founding["deadline_clause"]) == (None, "set", None)
    assert org["period"] is None and org["completed_on"] is None
    rep = [r for r in rows if r["unit_code"] == "941" and r["requirement_code"] == "REP-QUY"]
    assert [r["period"] for r in rep][:2] == ["2010Q3", "2010Q4"] and rep[0]["deadline_source"] == "proposed"
    assert rep[0]["deadline_clause"] is None and rep[0]["deadline_as_written"] is None
    assert rep[0]["deadline"] == "2010-10-11"  # 10/10/2010 was a Sunday: the next working day


def test_update_then_status_and_history(cli):
    result = cli("update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-10-15", "--by", "thanh_tra",
                 "--evidence", "Quyết định số 45/QĐ-UBND", "--percent", "100")
    assert result.returncode == 0, result.stderr
    rows = json.loads(cli("status", "--as-of", "2010-12-01", "--format", "json").stdout)
    org = next(r for r in rows if r["unit_code"] == "941" and r["requirement_code"] == "ORG-HUYEN")
    assert org["status"] == "done_on_time" and org["completed_on"] == "2010-10-15"
    history = json.loads(cli("history", "941", "ORG-HUYEN", "--format", "json").stdout)
    assert history[0]["recorded_by"] == "thanh_tra" and history[0]["recorded_at"]


def test_recurring_update_needs_its_period(cli):
    assert cli("update", "941", "REP-QUY", "--state", "done", "--date", "2011-01-05", "--by", "t",
               "--period", "2010Q4").returncode == 0
    assert json.loads(cli("history", "941", "REP-QUY", "--period", "2010Q4", "--format", "json").stdout)


@pytest.mark.parametrize("args", [
    ["update", "000", "ORG-HUYEN", "--state", "done", "--date", "2010-10-01", "--by", "t"],
    ["update", "941", "NOPE", "--state", "done", "--date", "2010-10-01", "--by", "t"],
    ["update", "941", "ORG-HUYEN", "--state", "finished", "--date", "2010-10-01", "--by", "t"],
    ["update", "941", "ORG-HUYEN", "--state", "done", "--date", "2010-13-01", "--by", "t"],
    ["update", "941", "ORG-HUYEN", "--state", "done", "--date", "2999-01-01", "--by", "t"],
    ["status", "--as-of", "2010-02-31"],
    ["history", "000", "ORG-HUYEN"],
])
def test_bad_input_gives_one_line_and_a_nonzero_exit_and_writes_nothing(cli, args):
    result = cli(*args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Lỗi")
    assert json.loads(cli("history", "941", "ORG-HUYEN", "--format", "json").stdout) == []


def test_csv_and_table_formats(cli):
    csv_out = cli("status", "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("unit_code,unit_name") and len(csv_out) > 700
    assert "requirement_code" in cli("status").stdout.splitlines()[0]
