"""What officials read on the workflow pages: Vietnamese words, dd/mm/yyyy, names instead of codes, no 'None'."""
from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.app.test_workflow_pages import APP, db, seeded_file, signed_in  # noqa: F401 (fixtures)
from tracking.demo_accounts import DEMO_PASSWORD

ENGLISH_HEADERS = {"unit_code", "unit_name", "period", "deadline", "unit_level", "district_code", "expected"}


def frames(at):
    return [d.value for d in at.dataframe]


def cells(frame) -> set[str]:
    """The words in a table. A real null is drawn as the table's placeholder '—'; the text 'None' is a bug."""
    return {str(v) for v in frame.to_numpy().ravel() if not (v is None or (isinstance(v, float) and v != v))}


def test_the_reports_page_follows_the_shared_as_of_date_and_speaks_vietnamese(db):
    at = signed_in("lanhdao")
    at.switch_page("pages/overview.py").run()
    at.date_input(key="as_of").set_value(date(2011, 2, 1)).run()
    at.switch_page("pages/reports.py").run()
    assert not at.exception
    assert at.date_input(key="as_of").value == date(2011, 2, 1)  # the same date, not today
    assert any("Dữ liệu minh họa" in w.value for w in at.warning)
    matrix, missing, by_level, by_district = frames(at)
    assert list(matrix.columns) == ["Mã", "Đơn vị", "Quý III/2010", "Quý IV/2010", "Quý I/2011", "Quý II/2011",
                                    "Quý III/2011", "Quý IV/2011"]
    assert cells(matrix[["Quý III/2010", "Quý IV/2010"]]) <= {"Đúng hạn", "Trễ hạn", "Quá hạn", "Chưa đến hạn"}
    assert set(matrix["Quý IV/2011"]) == {"Chưa đến hạn"}
    assert list(missing.columns) == ["Quý", "Mã", "Đơn vị", "Hạn nộp", "Tình trạng"]
    assert set(missing["Quý"]) <= {"Quý III/2010", "Quý IV/2010"}
    assert set(by_level["Cấp"]) == {"Sở, ban, ngành tỉnh", "Huyện, thành phố"}
    assert "Châu Thành" in set(by_district["Huyện, thành phố"]) and "None" not in cells(by_district)
    for frame in (matrix, missing, by_level, by_district):
        assert not ENGLISH_HEADERS & set(frame.columns)
    assert "," in at.metric[1].value  # 67,2%: a Vietnamese decimal comma


def english(username: str):
    """Signed in from a link with ?lang=en (AppTest does not carry the sidebar toggle across reruns; a browser does)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(DEMO_PASSWORD)
    return at.button(key="login_submit").click().run()


def test_the_reports_page_reads_in_english_with_the_toggle(db):
    at = english("lanhdao")
    at.switch_page("pages/reports.py").run()
    assert not at.exception
    matrix, missing, by_level, _ = frames(at)
    assert at.title[0].value == "Quarterly reports to the inspectorate"
    assert list(matrix.columns)[:3] == ["Code", "Unit", "Q3/2010"]
    assert set(by_level["Level"]) == {"Provincial departments", "Districts"}
    assert list(missing.columns) == ["Quarter", "Code", "Unit", "Due", "Status"]


RAW_CODES = {"None", "nan", "NaT", "unit_officer", "inspector", "leader", "admin", "in_progress", "not_started",
             "done", "app", "demo", "du_lieu_minh_hoa", "department", "district"}


def test_the_audit_log_says_who_did_what_in_words_not_codes(db):
    at = signed_in("thanhtra")
    at.switch_page("pages/audit.py").run()
    assert not at.exception
    log = frames(at)[0]
    assert list(log.columns) == ["Lúc ghi", "Người ghi", "Việc", "Đơn vị", "Nội dung", "Chi tiết", "Nguồn"]
    assert not RAW_CODES & cells(log)
    assert {"Cập nhật tiến độ", "Thêm người dùng"} <= set(log["Việc"]) and "Dữ liệu minh họa" in set(log["Người ghi"])
    report = log[log["Nội dung"].str.startswith("REP-QUY")]["Nội dung"]
    assert report.str.contains("Quý ").all()  # 'REP-QUY · Quý IV/2011', not '2011Q4'
    details = " ".join(log["Chi tiết"])
    assert "Đang thực hiện · " in details and "Cán bộ đơn vị (cập nhật đơn vị mình)" in details
    assert "-11-" not in details  # fact dates as dd/mm/yyyy


def test_deadlines_users_and_the_update_form_show_no_none_or_codes(db):
    at = signed_in("thanhtra")
    at.switch_page("pages/deadlines.py").run()
    deadlines = frames(at)[0]
    assert not at.exception and not {"None", "nan"} & cells(deadlines)
    assert "Quý III/2010" in set(deadlines["Kỳ báo cáo"])
    at.switch_page("pages/update.py").run()
    history = frames(at)[0]
    assert not at.exception and not RAW_CODES & cells(history)
    assert not history.select_dtypes(exclude="number").isna().any().any()  # plain st.dataframe: no placeholder
    assert set(history["Trạng thái"]) <= {"Chưa bắt đầu", "Đang thực hiện", "Hoàn thành"}
    admin = signed_in("quantri")
    admin.switch_page("pages/users.py").run()
    users = frames(admin)[0].set_index("Tên đăng nhập")
    assert not admin.exception and not {"None", "nan", "unit_officer"} & cells(users)
    assert users.loc["canbo941", "Đơn vị"] == "941 — Thành phố Sóc Trăng" and users.loc["lanhdao", "Đơn vị"] == ""
    assert users.loc["lanhdao", "Vai trò"] == "Lãnh đạo (chỉ xem)"


def test_the_account_box_and_the_audit_log_read_in_english(db):
    at = english("canbo941")
    assert any("Unit officer (records for own unit)" in c.value for c in at.sidebar.caption)
    inspector = english("thanhtra")
    inspector.switch_page("pages/audit.py").run()
    log = frames(inspector)[0]
    assert list(log.columns)[:3] == ["Recorded at", "Recorded by", "Action"]
    assert {"Progress update", "User added"} <= set(log["Action"]) and "Demo data" in set(log["Source"])


def test_a_unit_officer_opens_the_unit_page_on_their_own_unit(db):
    at = signed_in("canbo941")
    at.switch_page("pages/unit.py").run()
    assert not at.exception and at.selectbox(key="unit_pick").value == "941"
    leader = signed_in("lanhdao")
    leader.switch_page("pages/unit.py").run()
    assert leader.selectbox(key="unit_pick").value == "VPUB"  # no unit of their own: the first in the list
