"""Caches scoped to what changed: an update in one province (written by another process, straight to the database)
makes that province's dashboard be read again and leaves another province's cached dashboard as it was."""
from __future__ import annotations

import shutil
from datetime import date, datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.app.test_national_page import country_db_url  # noqa: F401 (fixture)
from tracking.db.bulk import insert_rows
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.models import MilestoneRow, RequirementRow, UpdateRow
from tracking.ui import data
from tracking.views.plans import province_plans

AS_OF = date(2011, 6, 30)


def test_an_update_in_one_province_leaves_anothers_dashboard_cached(country_db_url, tmp_path, monkeypatch):
    copy = tmp_path / "country.sqlite3"
    shutil.copy(make_url(country_db_url).database, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv(URL_ENV, url)
    monkeypatch.setattr(data, "STAMP_FRESH_SECONDS", 0)  # the next view, not within the second
    engine = make_engine(url)
    plans = province_plans(engine).set_index("province_code")["plan_id"]
    hanoi, ha_giang = int(plans["01"]), int(plans["02"])
    hanoi_board, ha_giang_board = data.dashboard(AS_OF, hanoi), data.dashboard(AS_OF, ha_giang)
    assert data.dashboard(AS_OF, ha_giang) is ha_giang_board  # cached: one shared object
    with engine.begin() as conn:  # as the CLI or another app process would: no cache of this process cleared
        milestone = conn.scalar(select(func.min(MilestoneRow.id)).join(RequirementRow)
                                .where(RequirementRow.plan_id == hanoi))
        insert_rows(conn, UpdateRow.__table__, ("milestone_id", "state", "fact_date", "recorded_by", "recorded_at",
                                                "source"),
                    [(milestone, "done", date(2011, 6, 1), "thanhtra01", datetime.now(timezone.utc), "cli")])
    assert data.dashboard(AS_OF, ha_giang) is ha_giang_board  # another province: still warm
    fresh = data.dashboard(AS_OF, hanoi)
    assert fresh is not hanoi_board
    row = fresh.snapshot.set_index("milestone_id").loc[milestone]
    assert row["state"] == "done" and row["last_fact_date"] == date(2011, 6, 1)
    data.clear_after_write()  # a write in this process: the stamps are read again, the other province stays warm
    assert data.dashboard(AS_OF, ha_giang) is ha_giang_board
    engine.dispose()
