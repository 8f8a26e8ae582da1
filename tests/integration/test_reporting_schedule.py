"""The quarterly reporting schedule is the project's choice, an administrator's setting, on SQLite and PostgreSQL."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.accounts import add_account
from tracking.db.models import MilestoneRow, PlanRow, RequirementRow, SettingRow
from tracking.domain.reporting import SETTING_KEY, ReportingSchedule
from tracking.errors import InvalidInput
from tracking.plans.seed import load_data, seed
from tracking.services.deadlines import set_deadline
from tracking.services.permissions import PermissionDenied
from tracking.services.reporting_schedule import set_reporting_schedule
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.catalog import reporting_schedule

DEFAULT = ReportingSchedule("2010Q3", "2011Q4", {"REP-QUY": 10, "REP-TONGHOP": 20})


@pytest.fixture(autouse=True)
def accounts(engine):
    add_account(engine, "quantri", role="admin")
    add_account(engine, "thanh_tra")


def change(engine, first, last, due_days=None, by="quantri"):
    with UnitOfWork(engine) as uow:
        return set_reporting_schedule(uow, first, last, due_days or {}, by=by)


def deadlines(engine, code, period):
    with engine.connect() as conn:
        return set(conn.scalars(select(MilestoneRow.deadline).join(RequirementRow)
                                .where(RequirementRow.code == code, MilestoneRow.period == period)))


def count(engine, code, period):
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(MilestoneRow).join(RequirementRow)
                           .where(RequirementRow.code == code, MilestoneRow.period == period))


def ends_on(engine):
    with engine.connect() as conn:
        return conn.scalar(select(PlanRow.ends_on))


def test_the_default_schedule_is_the_plan_files_and_the_window_ends_with_the_last_due_month(engine):
    schedule = reporting_schedule(engine)
    assert schedule == DEFAULT
    assert schedule.window_ends_on() == date(2012, 1, 31) == ends_on(engine)


def test_an_administrator_extends_the_quarters_and_moves_the_due_dates(engine):
    change(engine, "2010Q3", "2012Q1", {"REP-QUY": 15})
    assert count(engine, "REP-QUY", "2012Q1") == count(engine, "REP-QUY", "2011Q4") == 30
    assert deadlines(engine, "REP-QUY", "2010Q4") == {date(2011, 1, 17)}  # 15/01/2011 is a Saturday: Monday
    assert deadlines(engine, "REP-TONGHOP", "2012Q1") == {date(2012, 4, 20)}
    assert ends_on(engine) == date(2012, 4, 30)
    with engine.connect() as conn:
        setting = conn.execute(select(SettingRow).where(SettingRow.key == SETTING_KEY)).one()
    assert setting.updated_by == "quantri"
    assert reporting_schedule(engine) == ReportingSchedule("2010Q3", "2012Q1", {"REP-QUY": 15, "REP-TONGHOP": 20})


def test_reloading_the_plan_file_keeps_the_administrators_schedule(engine):
    change(engine, "2010Q4", "2012Q1", {"REP-QUY": 15})
    assert count(engine, "REP-QUY", "2010Q3") == 0  # nothing recorded for it: the quarter is dropped
    seed(engine, *load_data())
    assert count(engine, "REP-QUY", "2010Q3") == 0 and count(engine, "REP-QUY", "2012Q1") == 30
    assert deadlines(engine, "REP-QUY", "2011Q1") == {date(2011, 4, 15)}
    assert ends_on(engine) == date(2012, 4, 30)


def test_only_an_administrator_changes_the_schedule(engine):
    with pytest.raises(PermissionDenied):
        change(engine, "2010Q3", "2012Q1", by="thanh_tra")
    assert reporting_schedule(engine) == DEFAULT


def test_a_quarter_with_a_recorded_report_cannot_be_dropped(engine):
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand("941", "REP-QUY", "done", "2010-10-05", "thanh_tra", period="2010Q3"),
                      today=date(2026, 11, 26))
    with pytest.raises(InvalidInput, match="Quý III/2010 của REP-QUY đã có báo cáo"):
        change(engine, "2010Q4", "2011Q4")
    assert count(engine, "REP-QUY", "2010Q3") == 30 and reporting_schedule(engine) == DEFAULT


@pytest.mark.parametrize("first, last, due, field", [
    ("2011Q4", "2010Q3", {}, "last"), ("2010Q5", "2011Q4", {}, "first"), ("2010Q3", "2011Q4", {"REP-QUY": 400}, "due_days"),
    ("2010Q3", "2011Q4", {"ORG-SBN": 10}, "due_days"), ("2009Q4", "2011Q4", {}, "first"),
])
def test_an_impossible_schedule_is_refused_naming_the_field(engine, first, last, due, field):
    with pytest.raises(InvalidInput) as err:
        change(engine, first, last, due)
    assert err.value.field == field


def test_a_due_date_set_by_hand_for_one_quarter_is_not_moved(engine):
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "REP-QUY", "2011-01-12", by="thanh_tra", period="2010Q4")
    change(engine, "2010Q3", "2011Q4", {"REP-QUY": 15})
    assert deadlines(engine, "REP-QUY", "2010Q4") == {date(2011, 1, 12)}
    assert deadlines(engine, "REP-QUY", "2011Q1") == {date(2011, 4, 15)}
