"""Reloading a corrected plan file fixes the dates and their provenance in an existing database; set dates stay."""
from datetime import date

from sqlalchemy import select, update

from tests.accounts import add_account
from tracking.db.models import MilestoneRow, RequirementRow
from tracking.plans.seed import load_data, seed
from tracking.services.deadlines import set_deadline
from tracking.uow import UnitOfWork


def milestone(engine, code):
    with engine.connect() as conn:
        return conn.execute(select(MilestoneRow.deadline, MilestoneRow.deadline_source).join(RequirementRow)
                            .where(RequirementRow.code == code)).first()


def as_before(engine, code, deadline, source):
    """Put a milestone back the way an older plan file had loaded it."""
    with engine.begin() as conn:
        ids = select(RequirementRow.id).where(RequirementRow.code == code).scalar_subquery()
        conn.execute(update(MilestoneRow).where(MilestoneRow.requirement_id == ids)
                     .values(deadline=deadline, deadline_source=source))


def test_reloading_the_plan_file_corrects_dates_wrongly_shown_as_the_plans(engine):
    as_before(engine, "TRN-TTT", date(2011, 5, 31), "plan")   # the date came from II.4, not III.2
    as_before(engine, "ORG-VPUB", date(2010, 10, 29), "inferred")  # a date the plan's order of steps contradicts
    as_before(engine, "ORG-TSTCD", date(2010, 10, 30), "plan")  # the founding decision has no date in the text
    add_account(engine, "thanh_tra")
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanh_tra")
    seed(engine, *load_data())
    assert tuple(milestone(engine, "TRN-TTT")) == (date(2011, 5, 31), "inferred")
    assert tuple(milestone(engine, "ORG-VPUB")) == (None, "set")  # now left for the inspectorate to set
    assert tuple(milestone(engine, "ORG-TSTCD")) == (None, "set")
    assert tuple(milestone(engine, "ORG-SBN")) == (date(2010, 10, 30), "plan")
    assert tuple(milestone(engine, "RUL-SBN")) == (date(2011, 3, 31), "set")  # the inspectorate's date stays
