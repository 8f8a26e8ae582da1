"""A plan's stamp moves with an update of that plan's milestones, not with another province's (both engines)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import func, select

from tests.integration.test_many_provinces import country  # noqa: F401 (fixture)
from tracking.db.bulk import insert_rows
from tracking.db.data_stamp import data_stamp, plan_stamp
from tracking.db.models import MilestoneRow, RequirementRow, UpdateRow
from tracking.views.plans import province_plans


def _update(engine, plan_id: int) -> None:
    with engine.begin() as conn:
        milestone = conn.scalar(select(func.min(MilestoneRow.id)).join(RequirementRow)
                                .where(RequirementRow.plan_id == plan_id))
        insert_rows(conn, UpdateRow.__table__, ("milestone_id", "state", "fact_date", "recorded_by", "recorded_at",
                                                "source"),
                    [(milestone, "done", date(2011, 6, 1), "test", datetime.now(timezone.utc), "cli")])


def test_an_update_moves_its_own_plans_stamp_only(country):
    plans = province_plans(country).set_index("province_code")["plan_id"]
    hanoi, ha_giang = int(plans["01"]), int(plans["02"])

    def stamps():
        with country.connect() as conn:
            return plan_stamp(conn, hanoi), plan_stamp(conn, ha_giang), plan_stamp(conn, None), data_stamp(conn)

    before = stamps()
    _update(country, hanoi)
    after = stamps()
    assert after[0] != before[0] and after[3] != before[3]  # Hà Nội's and the whole database's move
    assert after[1] == before[1] and after[2] == before[2]  # Hà Giang's and Sóc Trăng's (the default) do not
