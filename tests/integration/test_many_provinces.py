"""Many provinces in one database: the schema, the generator, the default plan and the national summaries."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from tests.accounts import add_account
from tests.status_oracle import expected_counts
from tracking.cli import main
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.migrate import downgrade, upgrade
from tracking.db.models import MilestoneRow, PlanRow, RequirementRow, UnitRow, UpdateRow
from tracking.units.national import generate
from tracking.services.updates import UpdateCommand, record_update
from tracking.setup import initialise
from tracking.uow import UnitOfWork
from tracking.views import national
from tracking.views.snapshot import snapshot

AS_OF = date(2011, 3, 31)
NATIONAL = "ttcp"  # an inspector of the Government Inspectorate: every province


def quiet(done, total, label):
    pass


@pytest.fixture
def country(db_url):
    """Sóc Trăng (with the demo history) and two generated provinces, Hà Nội (01) and Hà Giang (02)."""
    engine = make_engine(db_url)
    generate(engine, 3, seed=7, progress=quiet)
    add_account(engine, NATIONAL, "inspector")  # the demo's thanhtra is Sóc Trăng's
    yield engine
    engine.dispose()


def test_an_existing_soc_trang_database_is_upgraded_in_place(db_url):
    engine = make_engine(db_url)
    initialise(engine, demo=True)
    downgrade(engine, "0003")  # the schema before many provinces, with its history
    with engine.connect() as conn:
        updates_before = conn.scalar(text("SELECT count(*) FROM updates"))
    upgrade(engine)
    with engine.connect() as conn:
        provinces = set(conn.scalars(select(UnitRow.province_code)))
        assert conn.scalar(text("SELECT count(*) FROM updates")) == updates_before > 0
    assert provinces == {"94"}
    engine.dispose()


def test_requirement_codes_are_unique_per_plan_not_globally(engine):
    with engine.begin() as conn:
        plan_id = conn.execute(insert(PlanRow).returning(PlanRow.id), [dict(
            code="OTHER", title="-", title_en="-", issuer="-", province_code="01",
            starts_on=date(2010, 6, 14), ends_on=date(2012, 1, 31))]).scalar_one()
        conn.execute(insert(RequirementRow), [dict(plan_id=plan_id, code="ORG-HUYEN", area_code="organisation",
                                                   clause="II.1", title="-", title_en="-", lead="self")])
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(RequirementRow), [dict(plan_id=plan_id, code="ORG-HUYEN", area_code="organisation",
                                                   clause="II.1", title="-", title_en="-", lead="self")])


def test_generated_provinces_are_real_with_their_own_plan(country):
    with country.connect() as conn:
        plans = dict(conn.execute(select(PlanRow.province_code, PlanRow.code)).all())
        hanoi = conn.scalar(select(UnitRow.name).where(UnitRow.code == "01"))
        districts = conn.scalar(select(func.count()).select_from(UnitRow)
                                .where(UnitRow.province_code == "01", UnitRow.level == "district"))
        per_plan = conn.execute(select(RequirementRow.plan_id, func.count()).where(RequirementRow.code == "ORG-HUYEN")
                                .group_by(RequirementRow.plan_id)).all()
        updates = conn.scalar(select(func.count()).select_from(UpdateRow).where(UpdateRow.source == "generated"))
        milestones = conn.scalar(select(func.count()).select_from(MilestoneRow)
                                 .join(UnitRow, UnitRow.code == MilestoneRow.unit_code).where(UnitRow.province_code != "94"))
    assert set(plans) == {"94", "01", "02"} and plans["94"] == "ST-TCD-2010"
    assert hanoi == "Ủy ban nhân dân thành phố Hà Nội" and districts == 30
    assert len(per_plan) == 3
    assert 3 * milestones <= updates <= 7 * milestones


def test_generating_again_adds_nothing_and_the_same_seed_gives_the_same_history(country, tmp_path):
    def history(engine):
        with engine.connect() as conn:
            return conn.execute(select(MilestoneRow.unit_code, UpdateRow.fact_date, UpdateRow.state)
                                .join(MilestoneRow, MilestoneRow.id == UpdateRow.milestone_id)
                                .where(UpdateRow.source == "generated").order_by(UpdateRow.id)).all()

    before = history(country)
    generate(country, 3, seed=7, progress=quiet)
    assert history(country) == before
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    generate(other, 3, seed=7, progress=quiet)
    assert history(other) == before
    other.dispose()


def test_soc_trang_stays_the_default_plan(country, monkeypatch, capsys):
    default = snapshot(country, AS_OF)
    assert default["unit_code"].isin(["01", "001", "01-TTT"]).sum() == 0 and "941" in set(default["unit_code"])
    monkeypatch.setenv(URL_ENV, country.url.render_as_string(hide_password=False))
    assert main(["status", "--as-of", "2011-03-31", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(default)
    assert main(["status", "--as-of", "2011-03-31", "--province", "01", "--format", "json"]) == 0
    hanoi = json.loads(capsys.readouterr().out)
    assert {row["unit_code"] for row in hanoi} >= {"001", "01-TTT"} and "941" not in {r["unit_code"] for r in hanoi}
    assert main(["status", "--province", "99"]) == 2


def test_an_update_goes_to_the_plan_of_the_units_province(country):
    with UnitOfWork(country) as uow:
        update_id = record_update(uow, UpdateCommand("001", "ORG-HUYEN", "done", "2010-10-01", NATIONAL),
                                  today=date(2026, 11, 26))
    with country.connect() as conn:
        province = conn.scalar(select(PlanRow.province_code).join(RequirementRow, RequirementRow.plan_id == PlanRow.id)
                               .join(MilestoneRow, MilestoneRow.requirement_id == RequirementRow.id)
                               .join(UpdateRow, UpdateRow.milestone_id == MilestoneRow.id).where(UpdateRow.id == update_id))
    assert province == "01"


def test_the_national_snapshot_follows_the_status_rules(country):
    frame = snapshot(country, AS_OF, every_plan=True)
    assert frame["status"].value_counts().to_dict() == {k: v for k, v in expected_counts(country, AS_OF).items() if v}


def test_national_summaries_add_up_and_stay_small(country):
    counts = national.national_counts(country, AS_OF)
    ranked = national.provinces(counts)
    assert list(ranked["rank"]) == [1, 2, 3]
    assert ranked["total"].sum() == len(snapshot(country, AS_OF, every_plan=True))
    assert national.status_totals(counts) == expected_counts(country, AS_OF)
    assert set(national.provinces_by(counts, "level")["level"]) == {"department", "district", "commune"}
    districts = national.districts(country, AS_OF)  # the default plan: Sóc Trăng
    assert set(districts["district_code"]) == {str(c) for c in range(941, 952)}
    page, total = national.communes(country, AS_OF, "001", limit=5)
    assert len(page) == 5 and total == 13
    found, total = national.communes(country, AS_OF, "001", search="phúc xá")
    assert list(found["unit_name"]) == ["Phường Phúc Xá"] and total == 1


def test_the_provincial_snapshot_can_be_explained_on_both_engines(engine):
    """The benchmark's EXPLAIN renders the statement with its values inline: dates must stay dates."""
    from tracking.benchmarks.national_bench import explain_province

    assert any("ix_updates_milestone_fact" in line or "updates" in line for line in explain_province(engine))


def _import_counting_statements(engine, rows, by=NATIONAL):
    """Import (dry run) these rows and count the SQL statements it sent."""
    from sqlalchemy import event

    from tracking.imports.reader import read_rows
    from tracking.imports.sample import xlsx_bytes
    from tracking.services.importing import import_updates

    parsed = read_rows(xlsx_bytes(rows), "f.xlsx")
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with UnitOfWork(engine) as uow:
            result = import_updates(uow, parsed, by, dry_run=True, today=date(2026, 11, 26))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return result, len(statements)


def test_an_import_across_provinces_reads_each_table_once_not_once_per_row(country):
    """The check resolves every row to its unit's province plan with a fixed number of queries, whatever the rows."""
    every = snapshot(country, AS_OF, every_plan=True)
    every = every[every["period"].isna() | (every["period"] == "")].sample(600, random_state=3)
    rows = [{"unit_code": r.unit_code, "requirement_code": r.requirement_code, "period": "", "state": "in_progress",
             "date": date(2010, 11, 1), "percent": 40, "evidence": f"CV {i}", "note": ""}
            for i, r in enumerate(every.itertuples())]
    with country.connect() as conn:
        province_of = dict(conn.execute(select(UnitRow.code, UnitRow.province_code)).all())
    assert len({province_of[r["unit_code"]] for r in rows}) == 3
    few, few_statements = _import_counting_statements(country, rows[:20])
    many, many_statements = _import_counting_statements(country, rows)
    assert few.new == 20 and many.new == 600 and many.problems == []
    assert few_statements < 20 and many_statements < 20  # IN lists of 500: a chunk more, not 4 queries a row
    # Each planned row names the milestone of its own province's plan.
    with country.connect() as conn:
        plan_of = dict(conn.execute(
            select(UnitRow.code, PlanRow.province_code).join(MilestoneRow, MilestoneRow.unit_code == UnitRow.code)
            .join(RequirementRow, RequirementRow.id == MilestoneRow.requirement_id)
            .join(PlanRow, PlanRow.id == RequirementRow.plan_id)).all())
    assert all(plan_of[p["unit_code"]] == province_of[p["unit_code"]] for p in many.planned)
