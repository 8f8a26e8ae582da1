"""The audit page at national scale (a history the size of 63 provinces') stays within the server's memory target:
before issue 20 it loaded all 274,476 rows into one styled table, 894–1,087 MB, then failed."""
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from tracking.db.bulk import insert_rows
from tracking.db.models import MilestoneRow, UpdateRow

ROOT = Path(__file__).resolve().parents[2]
HISTORY = 280_000  # the generated country's history (268,591 updates at 63 provinces)
RSS_TARGET_MB = 600  # README, "Quy mô cả nước": a server process's target
FIRST = datetime(2010, 9, 1, 1, 0, tzinfo=timezone.utc)

# A fresh process (a pytest worker's own peak would hide the page's) opens the audit page as a leader, the way the
# bench does, and reports its peak resident memory (VmHWM).
OPEN_AUDIT = """
import json
from tracking.benchmarks.national_bench import time_pages
from tracking.db.engine import make_engine
result = time_pages(make_engine(), only=("audit", "audit_01"))
peak_kb = int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1])
print(json.dumps({**result, "peak_mb": peak_kb / 1024}))
"""


def test_the_audit_page_over_a_national_history_stays_under_the_memory_target(demo_engine):
    with demo_engine.begin() as conn:
        milestones = conn.scalars(select(MilestoneRow.id).order_by(MilestoneRow.id)).all()
        insert_rows(conn, UpdateRow.__table__,
                    ("milestone_id", "state", "fact_date", "percent", "recorded_by", "recorded_at", "source"),
                    ((milestones[i % len(milestones)], "in_progress", date(2010, 10, 1), i % 100, f"canbo{i % 40}",
                      FIRST + timedelta(seconds=97 * i), "import") for i in range(HISTORY)))
    url = demo_engine.url.render_as_string(hide_password=False)
    done = subprocess.run([sys.executable, "-c", OPEN_AUDIT], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "TRACKING_DATABASE_URL": url}, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not [key for key in result["pages"] if key.endswith("_error")], result["pages"]
    assert result["peak_mb"] < RSS_TARGET_MB, result
    assert result["pages_payload_kb"]["audit"] < 200  # one page of 50 changes, not the history
