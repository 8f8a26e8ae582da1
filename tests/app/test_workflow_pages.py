"""The workflow as a new user meets it, through AppTest against a seeded SQLite file."""
import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tracking.db.engine import make_engine
from tracking.demo_accounts import DEMO_PASSWORD
from tracking.setup import initialise
from tracking.ui.auth import SESSION_KEY
from tracking.ui.navigation import pages_for
from tracking.views.history import milestone_history
from tracking.views.snapshot import snapshot
from tracking.views.workflow import unit_milestones

APP = str(Path(__file__).resolve().parents[2] / "app.py")
WRITING_PAGES = {"pages/update.py", "pages/import_excel.py", "pages/deadlines.py", "pages/users.py", "pages/plans.py"}


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "demo.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    initialise(engine, demo=True)
    engine.dispose()  # closes the WAL so the file alone holds everything
    return path


@pytest.fixture
def db(seeded_file, tmp_path, monkeypatch):
    """A fresh copy of the seeded file per test, so writes of one test never reach another."""
    path = tmp_path / "app.sqlite3"
    shutil.copy(seeded_file, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("TRACKING_DATABASE_URL", url)
    return url


def signed_in(username, password=DEMO_PASSWORD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return at.button(key="login_submit").click().run()


def milestone_id(db, unit, requirement):
    frame = unit_milestones(make_engine(db), unit)
    return int(frame[frame["requirement_code"] == requirement]["milestone_id"].iloc[0])


def test_the_app_asks_for_sign_in_and_shows_the_demo_accounts_only_with_demo_data(db):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.text_input(key="login_username") and at.text_input(key="login_password")
    assert any(DEMO_PASSWORD in i.value and "dữ liệu minh họa" in i.value for i in at.info)


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(db):
    at = signed_in("thanhtra", "sai-mat-khau")
    assert SESSION_KEY not in at.session_state
    assert "Sai tên đăng nhập hoặc mật khẩu" in at.error[0].value


def test_an_inspector_signs_in_records_an_update_and_the_dashboard_shows_it_at_once(db):
    at = signed_in("thanhtra")
    assert not at.exception and SESSION_KEY in at.session_state and "Thanh tra tỉnh" in at.sidebar.caption[0].value
    at.switch_page("pages/overview.py").run()
    at.date_input(key="as_of").set_value(date(2011, 12, 31)).run()
    done_on_time, done_late = (int(m.value) for m in at.metric[:2])
    before = snapshot(make_engine(db), date(2011, 12, 31), unit_codes=["SNV"])
    open_rows = before[before["completed_on"].isna() & before["period"].isna()]
    requirement = open_rows["requirement_code"].iloc[0]  # a milestone the demo history left unfinished
    deadline = open_rows["deadline"].iloc[0]
    at.switch_page("pages/update.py").run()
    at.selectbox(key="upd_unit").set_value("SNV").run()
    at.selectbox(key="upd_milestone").set_value(milestone_id(db, "SNV", requirement)).run()
    at.selectbox(key="upd_state").set_value("done")
    at.date_input(key="upd_date").set_value(date(2011, 12, 31))  # after any demo fact, so it decides
    at.text_input(key="upd_evidence").input("Quyết định số 99/QĐ-UBND")
    at.button(key="upd_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Đã lưu cập nhật" in s.value for s in at.success)
    at.switch_page("pages/overview.py").run()
    late = deadline is not None and deadline == deadline and deadline < date(2011, 12, 31)
    assert [int(m.value) for m in at.metric[:2]] == [done_on_time + (not late), done_late + late]


def test_two_sessions_editing_the_same_milestone_the_second_gets_a_conflict(db):
    first, second = signed_in("thanhtra"), signed_in("thanhtra")
    for at in (first, second):
        at.switch_page("pages/update.py").run()
        at.selectbox(key="upd_unit").set_value("941").run()
        at.selectbox(key="upd_milestone").set_value(milestone_id(db, "941", "ORG-HUYEN")).run()
    first.selectbox(key="upd_state").set_value("in_progress")
    first.date_input(key="upd_date").set_value(date(2010, 9, 1))
    first.button(key="upd_submit").click().run()
    assert not first.error
    second.selectbox(key="upd_state").set_value("done")
    second.date_input(key="upd_date").set_value(date(2010, 10, 1))
    second.button(key="upd_submit").click().run()
    assert "vừa có cập nhật mới" in second.error[0].value and "đang thực hiện ngày 01/09/2010" in second.error[0].value
    history = milestone_history(make_engine(db), "941", "ORG-HUYEN")
    assert [h["state"] for h in history] == ["in_progress"]  # the second save overwrote nothing and added nothing


def test_a_leader_finds_no_page_and_no_button_that_changes_anything(db):
    assert not WRITING_PAGES & {p.path for p in pages_for("leader")}
    at = signed_in("lanhdao")
    for spec in pages_for("leader"):
        at.switch_page(spec.path).run()
        assert not at.exception, spec.path
        labels = [b.label for b in at.button]
        # Navigation, sign-out and making export files: none of them changes the data.
        assert set(labels) <= {"Đăng xuất", "Mở trang đơn vị", "Tạo tệp"}, (spec.path, labels)
    for path in WRITING_PAGES:  # even opened directly, a writing page refuses
        at.switch_page(path).run()
        assert at.error and "không dành cho vai trò" in at.error[0].value and not at.get("form")


def test_a_unit_officer_can_pick_only_its_unit_and_communes_in_the_form(db):
    at = signed_in("canbo941")
    at.switch_page("pages/update.py").run()
    options = at.selectbox(key="upd_unit").options
    assert options[0].startswith("941 ") and not any(o.startswith("942") for o in options)
    assert len(options) > 1  # its communes


def test_every_workflow_page_opens_for_its_roles(db):
    for username, role in (("thanhtra", "inspector"), ("quantri", "admin"), ("canbosnv", "unit_officer")):
        at = signed_in(username)
        for spec in pages_for(role):
            at.switch_page(spec.path).run()
            assert not at.exception and not at.error, (username, spec.path, [e.value for e in at.error])
