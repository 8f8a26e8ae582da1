"""The write service refuses bad input with a message naming the field, and then writes nothing."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tracking.db.models import UpdateRow
from tracking.errors import InvalidInput
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.history import milestone_history
from tests.accounts import add_account

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def inspector(request):
    """The writer these tests record as; only tests on a database get one."""
    for name in ("engine", "demo_engine"):
        if name in request.fixturenames:
            add_account(request.getfixturevalue(name), "thanh_tra")


def count_updates(engine):
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(UpdateRow))


def record(engine, **fields):
    command = dict(unit_code="941", requirement_code="ORG-HUYEN", state="done", fact_date="2010-10-01", by="thanh_tra")
    command.update(fields)
    with UnitOfWork(engine) as uow:
        return record_update(uow, UpdateCommand(**command), today=TODAY)


def test_a_valid_update_is_appended_with_who_and_evidence(engine):
    record(engine, evidence="Quyết định số 12/QĐ-UBND", evidence_date="2010-10-01", percent="100", note="đủ 2 cán bộ")
    (row,) = milestone_history(engine, "941", "ORG-HUYEN")
    assert row["recorded_by"] == "thanh_tra" and row["evidence"] == "Quyết định số 12/QĐ-UBND"
    assert row["fact_date"] == date(2010, 10, 1) and row["percent"] == 100 and row["recorded_at"] is not None


def test_history_keeps_every_update_in_recording_order(engine):
    record(engine, state="done", fact_date="2010-11-05")
    record(engine, state="done", fact_date="2010-10-20", note="đính chính ngày ký")
    rows = milestone_history(engine, "941", "ORG-HUYEN")
    assert [r["fact_date"] for r in rows] == [date(2010, 11, 5), date(2010, 10, 20)]


@pytest.mark.parametrize(
    "fields, field, words",
    [
        ({"unit_code": "999"}, "unit_code", "không có đơn vị"),
        ({"requirement_code": "NOPE"}, "requirement_code", "không có yêu cầu"),
        ({"requirement_code": "ORG-XA"}, "unit_code", "không áp dụng"),
        ({"state": "finished"}, "state", "không hợp lệ"),
        ({"fact_date": "2010-02-30"}, "date", "không tồn tại"),
        ({"fact_date": "2027-01-01"}, "date", "tương lai"),
        ({"fact_date": "2009-12-31"}, "date", "trước khi kế hoạch bắt đầu"),
        ({"percent": "150"}, "percent", "từ 0 đến 100"),
        ({"percent": "abc"}, "percent", "không phải là số"),
        ({"percent": "nan"}, "percent", "không phải là số"),
        ({"percent": "inf"}, "percent", "không phải là số"),
        ({"percent": "1e400"}, "percent", "không phải là số"),
        ({"state": "done", "percent": "50"}, "percent", "100"),
        ({"by": "  "}, "by", "người cập nhật"),
        ({"period": "2010Q4"}, "period", "không theo kỳ"),
        ({"requirement_code": "REP-QUY"}, "period", "phải ghi kỳ"),
        ({"requirement_code": "REP-QUY", "period": "2009Q1"}, "period", "không thuộc"),
        ({"evidence": "x" * 501}, "evidence", "500"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(engine, fields, field, words):
    before = count_updates(engine)
    with pytest.raises(InvalidInput) as err:
        record(engine, **fields)
    assert err.value.field == field
    assert words in str(err.value)
    assert count_updates(engine) == before


def test_the_demo_history_is_deterministic_and_labelled(demo_engine):
    from tracking.views.catalog import is_demo
    from tracking.views.snapshot import snapshot
    assert is_demo(demo_engine)
    counts = snapshot(demo_engine, date(2011, 12, 31))["status"].value_counts().to_dict()
    assert set(counts) == {"done_on_time", "done_late", "overdue", "open"} or len(counts) >= 3
    with demo_engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(UpdateRow).where(UpdateRow.source == "demo")) > 500


def test_init_is_idempotent(demo_engine):
    from tracking.setup import initialise
    before = count_updates(demo_engine)
    summary = initialise(demo_engine, demo=True)
    assert summary["milestones_created"] == 0 and summary["demo_updates_added"] == 0
    assert count_updates(demo_engine) == before
