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
    return {str(v) for v in frame.to_numpy().ravel()}


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
