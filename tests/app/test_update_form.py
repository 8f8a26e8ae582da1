"""The inspector's update form: starts from the milestone's current state, confirms setting a done one back, warns
about facts after the tracking window, shows a blank for a missing percent; the choice lives in the URL."""
from datetime import date

from tests.app.test_workflow_pages import db, milestone_id, seeded_file, signed_in  # noqa: F401 (fixtures)
from tracking.db.engine import make_engine
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.views.history import milestone_history

DONE = ("SNV", "RUL-SBN")  # the demo history completes it on 17/03/2011


def open_form(db, unit, requirement, username="thanhtra"):
    at = signed_in(username)
    at.switch_page("pages/update.py").run()
    at.selectbox(key="upd_unit").set_value(unit).run()
    return at.selectbox(key="upd_milestone").set_value(milestone_id(db, unit, requirement)).run()


def test_the_form_starts_from_the_current_state_and_the_url_names_unit_and_requirement(db):
    at = open_form(db, *DONE)
    assert at.selectbox(key="upd_state").value == "done"
    assert at.query_params["unit"] == "SNV" and at.query_params["req"] == "RUL-SBN"
    assert any("Hiện tại: Hoàn thành, 100%" in c.value for c in at.caption)


def test_a_link_with_unit_and_requirement_opens_that_milestone(db):
    at = signed_in("thanhtra")
    at.query_params["unit"], at.query_params["req"] = "SNV", "RUL-SBN"
    at.switch_page("pages/update.py").run()
    assert at.selectbox(key="upd_unit").value == "SNV"
    assert at.selectbox(key="upd_milestone").value == milestone_id(db, *DONE)


def test_setting_a_done_milestone_back_needs_a_confirmation(db):
    at = open_form(db, *DONE)
    before = len(milestone_history(make_engine(db), *DONE))
    at.selectbox(key="upd_state").set_value("in_progress")
    at.date_input(key="upd_date").set_value(date(2011, 6, 1))
    at.button(key="upd_submit").click().run()
    assert "đánh dấu ô xác nhận" in at.error[0].value
    assert len(milestone_history(make_engine(db), *DONE)) == before
    at.selectbox(key="upd_state").set_value("in_progress")
    at.date_input(key="upd_date").set_value(date(2011, 6, 1))
    at.checkbox(key="upd_confirm_back").check()
    at.button(key="upd_submit").click().run()
    assert not at.error and any("Đã lưu cập nhật" in s.value for s in at.success)
    assert milestone_history(make_engine(db), *DONE)[-1]["state"] == "in_progress"


def test_a_fact_after_the_tracking_window_is_saved_with_a_warning(db):
    at = open_form(db, "941", "ORG-HUYEN")
    at.selectbox(key="upd_state").set_value("in_progress")
    at.date_input(key="upd_date").set_value(date(2012, 6, 1))
    at.button(key="upd_submit").click().run()
    assert not at.error and any("Đã lưu cập nhật" in s.value for s in at.success)
    assert any("sau ngày cuối của kỳ theo dõi" in w.value for w in at.warning)
    assert milestone_history(make_engine(db), "941", "ORG-HUYEN")[-1]["fact_date"] == date(2012, 6, 1)


def test_the_history_shows_a_blank_not_none_for_a_missing_percent(db):
    with UnitOfWork(make_engine(db)) as uow:
        record_update(uow, UpdateCommand("941", "ORG-HUYEN", "in_progress", "2010-09-01", "thanhtra"))
    at = open_form(db, "941", "ORG-HUYEN")
    shown = at.dataframe[0].value
    assert list(shown["%"]) == [""]


def test_the_form_opens_on_the_as_of_date_and_the_current_percent(db):
    at = signed_in("thanhtra")
    at.query_params["as_of"] = "2011-06-30"
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/update.py").run()
    at.selectbox(key="upd_unit").set_value(DONE[0]).run()
    at.selectbox(key="upd_milestone").set_value(milestone_id(db, *DONE)).run()
    assert at.date_input(key="upd_date").value == date(2011, 6, 30)  # in the plan's window, not today
    assert any("Hiện tại: Hoàn thành, 100%" in c.value for c in at.caption)
    assert at.number_input(key="upd_percent").value == 100  # what the caption says


def test_an_officer_sent_to_another_unit_is_told_why_they_see_their_own(db):
    at = signed_in("canbo941")
    at.query_params["unit"] = "SNV"
    at.switch_page("pages/update.py").run()
    assert at.selectbox(key="upd_unit").value == "941"
    assert any("Đường dẫn mở đơn vị SNV — Sở Nội vụ" in i.value and "đang mở 941" in i.value for i in at.info)
