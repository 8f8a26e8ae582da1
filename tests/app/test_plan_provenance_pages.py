"""Pages say where a deadline comes from, that the reporting schedule is the project's choice, which units are unverified."""
from __future__ import annotations

from tests.app.test_workflow_pages import db, seeded_file, signed_in  # noqa: F401 (fixtures)


def test_the_reports_page_says_the_schedule_is_the_projects_choice(db):
    at = signed_in("lanhdao")
    at.switch_page("pages/reports.py").run()
    assert not at.exception
    text = " ".join(i.value for i in at.info)
    assert "lựa chọn của dự án, không phải của Kế hoạch" in text and "Quý III/2010" in text and "31/01/2012" in text
    assert "Lịch do hệ thống đề xuất, chưa ai xác nhận" in text


def test_only_the_administrator_sees_the_schedule_form_on_the_deadlines_page(db):
    inspector = signed_in("thanhtra")
    inspector.switch_page("pages/deadlines.py").run()
    assert not inspector.exception and not [b for b in inspector.button if b.key == "sch_submit"]
    admin = signed_in("quantri")
    admin.switch_page("pages/deadlines.py").run()
    assert not admin.exception
    assert admin.selectbox(key="sch_first").value == "2010Q3" and admin.number_input(key="sch_days_REP-QUY").value == 10


def test_the_unit_page_says_a_date_is_inferred_and_marks_an_unverified_unit(db):
    at = signed_in("lanhdao")
    at.query_params["unit"] = "VPUB"
    at.switch_page("pages/unit.py").run()
    assert not at.exception
    milestones = at.dataframe[0].value.set_index("Yêu cầu")
    assert milestones.loc["BUD-VPUB", "Nguồn thời hạn"] == "Suy ra từ mục III.4"
    assert milestones.loc["BUD-VPUB", "Thời hạn"] == "trước ngày 15/11/2010"  # the plan's words, not a computed day
    assert milestones.loc["ORG-SBN", "Nguồn thời hạn"] == "Theo kế hoạch (mục II.4)"
    assert milestones.loc["ORG-SBN", "Thời hạn"] == "trước ngày 30/10/2010"
    assert milestones.loc["RUL-SBN", "Nguồn thời hạn"] == "Chưa có hạn"
    assert milestones.loc["DIR-VPUB", "Nguồn thời hạn"].startswith("Nhiệm vụ thường xuyên")
    quarterly = milestones.loc["REP-QUY"]
    assert set(quarterly["Nguồn thời hạn"]) == {"Lịch do hệ thống đề xuất"}
    assert "11/10/2010" in set(quarterly["Thời hạn"])  # 10/10/2010 was a Sunday
    picker = at.selectbox(key="unit_pick")
    assert any("Sở Ngoại vụ" in o and "(chưa kiểm chứng)" in o for o in picker.options)  # shown as formatted


def test_the_compliance_table_marks_unverified_units(db):
    at = signed_in("lanhdao")
    at.switch_page("pages/compliance.py").run()
    assert not at.exception
    names = set(at.dataframe[0].value["Đơn vị"])
    assert "Sở Ngoại vụ (chưa kiểm chứng)" in names and "Sở Nội vụ" in names


def test_the_administrator_changes_the_due_days_through_the_form(db):
    from tracking.db.engine import make_engine
    from tracking.views.catalog import reporting_schedule

    admin = signed_in("quantri")
    admin.switch_page("pages/deadlines.py").run()
    admin.number_input(key="sch_days_REP-QUY").set_value(12)
    admin.button(key="sch_submit").click().run()
    assert not admin.exception and not admin.error
    assert any("Đã lưu lịch báo cáo quý" in s.value for s in admin.success)
    assert reporting_schedule(make_engine(db)).due_days["REP-QUY"] == 12


def test_the_administrator_chooses_the_on_time_rule_on_the_deadlines_page(db):
    from tracking.db.engine import make_engine
    from tracking.views.catalog import setting

    inspector = signed_in("thanhtra")
    inspector.switch_page("pages/deadlines.py").run()
    assert not inspector.exception and not [b for b in inspector.button if b.key == "rd_submit"]
    assert any("vẫn tính là đúng hạn" in c.value for c in inspector.caption)
    admin = signed_in("quantri")
    admin.switch_page("pages/deadlines.py").run()
    admin.radio(key="rd_reading").set_value("literal")
    admin.button(key="rd_submit").click().run()
    assert not admin.exception and not admin.error
    assert setting(make_engine(db), "deadline_reading") == "literal"
    assert any("Điều 153" in c.value for c in admin.caption)
