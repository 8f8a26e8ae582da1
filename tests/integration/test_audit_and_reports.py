"""The audit log shows every change with who and when; quarterly reporting rates follow DHIS2's definitions."""
from datetime import date, datetime

from tests.accounts import add_account
from tracking.services.deadlines import set_deadline
from tracking.services.quantities import QuantityCommand, record_quantities
from tracking.services.updates import UpdateCommand, record_update
from tracking.services.users import disable_user
from tracking.labels import VIETNAM_TIME
from tracking.uow import UnitOfWork
from tracking.views.audit import audit_log, csv_bytes
from tracking.tables import report_matrix_table
from tracking.views.reports import missing, rates, reporting

TODAY = date(2026, 11, 26)


def record(engine, unit, requirement, day, period=None, by="thanhtra"):
    with UnitOfWork(engine) as uow:
        record_update(uow, UpdateCommand(unit, requirement, "done", day, by, period=period), today=TODAY)


def test_the_audit_log_lists_updates_figures_deadlines_and_accounts_with_filters(engine):
    add_account(engine, "thanhtra")
    add_account(engine, "canbo941", "unit_officer", "941")
    record(engine, "941", "ORG-HUYEN", "2010-10-15", by="canbo941")
    record(engine, "942", "ORG-HUYEN", "2010-10-16")
    with UnitOfWork(engine) as uow:
        record_quantities(uow, QuantityCommand("941", {"dedicated_staff": 2}, "2010-10-01", "canbo941"), today=TODAY)
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanhtra")
    with UnitOfWork(engine) as uow:
        disable_user(uow, "canbo941", by="thanhtra")
    log = audit_log(engine)
    assert set(log["action"]) == {"update", "quantity", "deadline", "user_added", "user_disabled"}
    assert log["recorded_at"].notna().all() and log["recorded_by"].ne("").all()
    mine = audit_log(engine, unit_code="941")
    assert set(mine["action"]) >= {"update", "quantity"} and set(mine["subject"]) >= {"ORG-HUYEN", "dedicated_staff"}
    assert set(audit_log(engine, user="canbo941")["action"]) == {"update", "quantity"}
    assert audit_log(engine, start=date(2000, 1, 1), end=date(2000, 12, 31)).empty
    today_in_vietnam = datetime.now(VIETNAM_TIME).date()  # audit days are Vietnam days, whatever the clock's zone
    assert len(audit_log(engine, start=today_in_vietnam, end=today_in_vietnam)) == len(log)
    assert csv_bytes(log).startswith(b"\xef\xbb\xbfrecorded_at,")


def test_quarterly_reports_count_expected_received_and_on_time(engine):
    add_account(engine, "thanhtra")
    record(engine, "941", "REP-QUY", "2011-01-08", period="2010Q4")  # due 10/01/2011: on time
    record(engine, "942", "REP-QUY", "2011-01-25", period="2010Q4")  # late
    report = reporting(engine, date(2011, 2, 1))
    q4 = report[report["period"] == "2010Q4"]
    # every Sở/Ban ngành but Thanh tra tỉnh (19), which receives the reports, and every district (11)
    assert q4["expected"].sum() == len(q4) == 30 and "TTT" not in set(q4["unit_code"])
    assert q4["received"].sum() == 2 and q4["on_time"].sum() == 1
    assert report[report["period"] == "2011Q1"]["expected"].sum() == 0  # the quarter has not ended
    table = report_matrix_table(report).set_index("Mã")
    assert table.loc["941", "Quý IV/2010"] == "Đúng hạn" and table.loc["941", "Đơn vị"] == "Thành phố Sóc Trăng"
    assert table.loc["942", "Quý IV/2010"] == "Trễ hạn"
    assert table.loc["943", "Quý IV/2010"] == "Quá hạn" and table.loc["943", "Quý I/2011"] == "Chưa đến hạn"
    assert "941" not in set(missing(report)[lambda f: f["period"] == "2010Q4"]["unit_code"])
    by_level = rates(report, "unit_level").set_index("unit_level")
    district = by_level.loc["district"]
    assert district["expected"] == 22 and district["received"] == 2
    assert district["reporting_rate"] == round(100 * 2 / 22, 1) and district["timeliness"] == round(100 / 22, 1)


def test_the_due_date_of_a_quarter_is_a_setting_that_changes_timeliness(engine):
    add_account(engine, "thanhtra")
    record(engine, "942", "REP-QUY", "2011-01-25", period="2010Q4")
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "REP-QUY", "2011-01-31", by="thanhtra", period="2010Q4", note="gia hạn")
    report = reporting(engine, date(2011, 2, 1))
    row = report[(report["unit_code"] == "942") & (report["period"] == "2010Q4")].iloc[0]
    assert row["on_time"] == 1 and row["deadline"] == date(2011, 1, 31)


def test_the_audit_date_filter_uses_vietnam_days(engine):
    from datetime import datetime, timezone

    from sqlalchemy import insert, select

    from tracking.db.models import MilestoneRow, UpdateRow
    with engine.begin() as conn:
        milestone = conn.scalar(select(MilestoneRow.id).where(MilestoneRow.unit_code == "941"))
        conn.execute(insert(UpdateRow), [{
            "milestone_id": milestone, "fact_date": date(2010, 10, 1), "state": "done", "recorded_by": "thanhtra",
            "source": "app", "recorded_at": datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc),  # 01:30 on 26/11 in Vietnam
        }])
    updates = lambda day: audit_log(engine, start=day, end=day).query("action == 'update'")
    assert len(updates(date(2026, 11, 26))) == 1
    assert len(updates(date(2026, 11, 25))) == 0
