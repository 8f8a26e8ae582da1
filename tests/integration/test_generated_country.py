"""Generated provinces a leader would recognise: each named for what it is, with the agencies of its kind, progress
that differs from province to province, and Sóc Trăng — the real customer's plan — left exactly as it was."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from tracking.db.engine import make_engine
from tracking.db.models import MilestoneRow, PlanRow, RequirementRow, UnitRow, UpdateRow
from tracking.plans.seed import load_data
from tracking.units.national import generate
from tracking.units.pace import province_pace
from tracking.views.national import national_counts, provinces

END = date(2012, 1, 31)  # the end of monitoring
SPREAD = 25  # percentage points between the generated provinces furthest apart at the end, at least (37 with seed 7;
# 8 when every province has the same pace and only its units vary)
PROVINCES = 9  # Sóc Trăng, then Hà Nội (a city), Hà Giang, Cao Bằng, Bắc Kạn, Tuyên Quang, Lào Cai, Điện Biên, Lai Châu


def _soc_trang(engine):
    with engine.connect() as conn:
        units = conn.execute(select(UnitRow.code, UnitRow.name, UnitRow.short_name, UnitRow.level, UnitRow.parent_code,
                                    UnitRow.group, UnitRow.verified, UnitRow.note)
                             .where(UnitRow.province_code == "94").order_by(UnitRow.position)).all()
        history = conn.execute(select(MilestoneRow.unit_code, RequirementRow.code, UpdateRow.fact_date, UpdateRow.state,
                                      UpdateRow.percent).join(MilestoneRow, MilestoneRow.id == UpdateRow.milestone_id)
                               .join(RequirementRow, RequirementRow.id == MilestoneRow.requirement_id)
                               .join(PlanRow, PlanRow.id == RequirementRow.plan_id)
                               .where(PlanRow.province_code == "94").order_by(UpdateRow.id)).all()
    return units, history


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def country(request, templates, tmp_path_factory):
    """Nine provinces on a copy of the demo database; Sóc Trăng's rows as they were before any was generated."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_server_url")
    url, drop = templates.clone(request.param, True, tmp_path_factory.mktemp("country9"))
    engine = make_engine(url)
    before = _soc_trang(engine)
    generate(engine, PROVINCES, seed=7, progress=lambda *_: None)
    yield engine, before
    engine.dispose()
    drop()


def _agencies(engine, province: str) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(select(UnitRow.code, UnitRow.name)
                            .where(UnitRow.province_code == province, UnitRow.level == "department")).all()
    return {code.split("-", 1)[1]: name for code, name in rows}


def test_each_province_has_the_agencies_of_its_kind_named_for_it(country):
    engine, _ = country
    hanoi, ha_giang, bac_kan = (_agencies(engine, code) for code in ("01", "02", "06"))
    assert hanoi["VPUB"] == "Văn phòng Ủy ban nhân dân thành phố" and hanoi["TTT"] == "Thanh tra thành phố"
    assert "SQHKT" in hanoi and "SNGV" in hanoi and "BDT" not in hanoi
    assert not any("tỉnh" in name.lower() for name in hanoi.values())  # no "Văn phòng UBND tỉnh" in Hà Nội
    assert ha_giang["VPUB"] == "Văn phòng Ủy ban nhân dân tỉnh" and ha_giang["VPTU"] == "Văn phòng Tỉnh ủy"
    assert {"BDT", "SNGV"} <= set(ha_giang) and "SQHKT" not in ha_giang  # a border province with many minorities
    assert "BDT" in bac_kan and "SNGV" not in bac_kan  # mountains, no border
    assert "BQLKCN" not in hanoi | ha_giang | bac_kan  # Sóc Trăng's unverified board is its own, not copied
    with engine.connect() as conn:
        leads = dict(conn.execute(select(PlanRow.province_code, RequirementRow.lead).join(PlanRow)
                                  .where(RequirementRow.code == "ORG-TSTCD")).all())
    assert leads["01"] == "01" and leads["94"] == "94"  # the People's Committee leads, not a unit "01-94"


def test_soc_trang_stays_exactly_the_real_plans_own(country):
    engine, before = country
    units, history = _soc_trang(engine)
    assert (units, history) == before and history
    template_units, _ = load_data()
    assert [(u[0], u[1], u[2]) for u in units] == [(u.code, u.name, u.short_name) for u in template_units]
    assert ("BDT", "Ban Dân tộc", "Ban Dân tộc") in [(u[0], u[1], u[2]) for u in units]


def test_progress_differs_between_provinces_as_it_would(country):
    engine, _ = country
    ranked = provinces(national_counts(engine, END)).set_index("province_code")
    generated = ranked.drop(index="94")
    assert len(generated) == PROVINCES - 1
    done = generated["percent_done"]
    assert done.max() - done.min() >= SPREAD, done.to_dict()
    assert generated["on_time_rate"].max() - generated["on_time_rate"].min() >= SPREAD  # some early, some late
    # The ranking follows each province's pace, not the noise of its communes.
    pace = pd.Series({code: province_pace(7, code) for code in generated.index})
    assert done.rank().corr(pace.rank()) >= 0.8
