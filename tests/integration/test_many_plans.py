"""Many plans in one database (`generate --plans N`) and the `plans` part of the benchmark (never its timings)."""
from __future__ import annotations

import json

from sqlalchemy import select

from tracking.cli import main
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.models import MilestoneRow, PlanRow, RequirementRow, UnitRow
from tracking.plans.many import add_plans, extra_plan, place_name
from tracking.plans.seed import load_data, seed


def quiet(done, total, label):
    pass


def milestone_rows(engine, plan_code: str) -> set[tuple]:
    """(requirement, unit, period, deadline, source) of every milestone of the plan, and the requirements' dates."""
    m, r, p = MilestoneRow.__table__, RequirementRow.__table__, PlanRow.__table__
    with engine.connect() as conn:
        milestones = conn.execute(
            select(r.c.code, m.c.unit_code, m.c.period, m.c.deadline, m.c.deadline_source)
            .join(r, r.c.id == m.c.requirement_id).join(p, p.c.id == r.c.plan_id).where(p.c.code == plan_code)).all()
        requirements = conn.execute(
            select(r.c.code, r.c.deadline, r.c.deadline_named, r.c.deadline_qualifier, r.c.deadline_as_written, r.c.lead)
            .join(p, p.c.id == r.c.plan_id).where(p.c.code == plan_code)).all()
    return {tuple(row) for row in milestones} | {("requirement", *row) for row in requirements}


def test_generated_plans_have_the_milestones_seeding_the_same_plan_makes(demo_engine, engine):
    counts = add_plans(demo_engine, 3, progress=quiet)
    with demo_engine.connect() as conn:
        codes = list(conn.scalars(select(PlanRow.code).order_by(PlanRow.id)))
        name = conn.scalar(select(UnitRow.name).where(UnitRow.code == "94"))
    assert counts["plans"] == 4 and codes[1:] == ["KH-THU-0001-94", "KH-THU-0002-94", "KH-THU-0003-94"]
    units, (template,) = load_data()
    # The same plan seeded as a plan file is (the `engine` database: the plan file loaded, nothing generated).
    plan, _ = extra_plan(template, "94", place_name({"94": name}, "94"), 2)
    seed(engine, units, [plan])
    generated, seeded = milestone_rows(demo_engine, plan.code), milestone_rows(engine, plan.code)
    assert generated == seeded
    assert len([row for row in generated if row[0] != "requirement"]) == counts["milestones"] // 4
    # Its dates are its own: moved from the default plan's.
    assert generated != {row for row in milestone_rows(demo_engine, codes[0])}


def test_more_plans_go_after_the_ones_there(demo_engine):
    add_plans(demo_engine, 2, progress=quiet)
    add_plans(demo_engine, 1, progress=quiet)
    with demo_engine.connect() as conn:
        assert list(conn.scalars(select(PlanRow.code).order_by(PlanRow.id)))[1:] == [
            "KH-THU-0001-94", "KH-THU-0002-94", "KH-THU-0003-94"]


def test_bench_plans_reports_both_databases_and_the_ratios(db_url, capsys):
    assert main(["bench", "plans", "--plans", "3", "--repeat", "1", "--url", db_url]) == 0
    result = json.loads(capsys.readouterr().out)["plans"]
    assert {"backend", "plan", "alone", "many", "ratio", "ratio_warm", "ratio_floor", "ratio_by_view"} <= set(result)
    assert result["alone"]["plans"] == 1 and result["many"]["plans"] == 3
    assert result["many"]["milestones"] == 3 * result["alone"]["milestones"]
    for side in ("alone", "many"):
        assert {"floor_s", "pages_cold_s", "pages_warm_s", "dashboard_cold_s", "reports_warm_s",
                "plan_picker_cold_s"} <= set(result[side])
    # The throw-away database of the plan alone is gone.
    if db_url.startswith("postgresql"):
        engine = make_engine(db_url)
        with engine.connect() as conn:
            names = set(conn.exec_driver_sql("SELECT datname FROM pg_database").scalars())
        engine.dispose()
        assert not any(n.endswith("_plan_alone") and n.startswith(engine.url.database) for n in names)


def test_generate_plans_from_the_command_line(db_url, monkeypatch, capsys):
    monkeypatch.setenv(URL_ENV, db_url)
    assert main(["generate"]) != 0  # neither --provinces nor --plans: said, nothing written
    assert "--plans" in capsys.readouterr().err
    assert main(["generate", "--plans", "2"]) == 0
    assert capsys.readouterr().out.startswith("3 kế hoạch, 144 đơn vị, 2187 mốc")
