"""Every page, run by Streamlit's AppTest through app.py's navigation, against a seeded SQLite file."""
from __future__ import annotations

import json
import re
from datetime import date
from html import unescape

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import READER, ROOT, sign_in
from tests.status_oracle import expected_counts
from tracking.charts.palette import STATUSES
from tracking.db.engine import make_engine
from tracking.views.snapshot import snapshot

PAGES = {
    "pages/overview.py": ("Tổng quan tiến độ thực hiện kế hoạch", 3),
    "pages/compliance.py": ("Tuân thủ của các đơn vị", 3),
    "pages/unit.py": ("Chi tiết đơn vị", 1),
    "pages/timeline.py": ("Tiến độ theo thời gian", 3),
}


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    sign_in(at, READER)  # signed in as a leader: these pages only read
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()  # the router runs once (st.navigation), then the page is opened as a user would
    return at.switch_page(page).run()


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")]


def html_charts(at: AppTest) -> list[str]:
    """The status bar charts drawn as HTML (tracking.charts.bars_html)."""
    return [h.value for h in at.html if 'class="tkb"' in h.value]


def heatmap_grid(at: AppTest) -> str:
    """The compliance heatmap drawn as HTML (tracking.charts.heatmap_html)."""
    [body] = [h.value for h in at.html if 'class="tkg"' in h.value]
    return body


def grid_rows(body: str) -> list[str]:
    return [unescape(row) for row in re.findall(r'<div class="tkg-row">(.*?)</div>', body)]


def grid_cells(body: str) -> list[str]:
    """Each cell's status, row by row (the legend's keys have no title)."""
    return [STATUSES[int(i)] for i in re.findall(r'<i class="tkg-c tkg-s(\d)" title=', body)]


def html_chart_titles(at: AppTest) -> list[str]:
    return [re.search(r'<p class="tkb-title">(.*?)</p>', body).group(1) for body in html_charts(at)]


def kpi_values(at: AppTest) -> list[int]:
    return [int(metric.value) for metric in at.metric[:len(STATUSES)]]


@pytest.mark.parametrize("page", PAGES)
def test_each_page_renders_its_title_and_charts_without_an_exception(demo_app_env, page):
    at = open_page(page)
    title, charts = PAGES[page]
    assert not at.exception
    assert [t.value for t in at.title] == [title]
    grids = [h for h in at.html if 'class="tkg"' in h.value]
    assert len(at.get("plotly_chart")) + len(html_charts(at)) + len(grids) >= charts
    assert all(json.loads(c.proto.spec)["data"] for c in at.get("plotly_chart"))
    assert all('class="tkb-seg' in body for body in html_charts(at))
    assert any("Dữ liệu minh họa" in w.value for w in at.warning)


def test_the_overview_kpis_follow_the_as_of_date_exactly_as_the_status_engine_says(demo_app_env):
    engine = make_engine(demo_app_env)
    at = open_page("pages/overview.py")
    for as_of in (date(2010, 10, 30), date(2010, 10, 31), date(2011, 6, 30)):
        at.date_input(key="as_of").set_value(as_of).run()
        assert not at.exception
        expected = expected_counts(engine, as_of)
        assert kpi_values(at) == [expected[s] for s in STATUSES], as_of
    engine.dispose()


def test_a_shared_link_with_a_date_reproduces_that_date(demo_app_env):
    at = open_page("pages/overview.py", {"as_of": "2010-11-15"})
    assert at.date_input(key="as_of").value == date(2010, 11, 15)
    expected = expected_counts(make_engine(demo_app_env), date(2010, 11, 15))
    assert kpi_values(at) == [expected[s] for s in STATUSES]


def test_the_default_date_is_today_clamped_into_the_plan_period(demo_app_env):
    at = open_page("pages/overview.py")
    assert at.date_input(key="as_of").value == min(max(date.today(), date(2010, 6, 14)), date(2012, 1, 31))


def test_the_overview_charts_are_the_area_level_and_most_behind_charts_drawn_without_plotly(demo_app_env):
    at = open_page("pages/overview.py")
    assert html_chart_titles(at) == ["Tiến độ theo lĩnh vực", "Tiến độ theo cấp",
                                     "Các đơn vị chậm nhất (nhiều mốc quá hạn nhất)"]
    assert not at.get("plotly_chart")  # the landing page loads no plotly.js


def test_the_overview_bars_say_the_numbers_of_the_area_table(demo_app_env):
    at = open_page("pages/overview.py", {"as_of": "2011-03-31"})
    areas = at.dataframe[0].value
    body = html_charts(at)[0]
    for row in areas.itertuples(index=False):
        overdue = int(row[areas.columns.get_loc("Quá hạn")])
        if overdue:
            assert f"{row[0]} — Quá hạn: {overdue} (" in body, row[0]
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in body


def test_compliance_filters_come_from_the_link_and_narrow_the_heatmap(demo_app_env):
    at = open_page("pages/compliance.py", {"level": "district", "district": "941", "as_of": "2011-01-15"})
    assert at.multiselect(key="cmp_district").value == ["941"]
    assert grid_rows(heatmap_grid(at)) == ["Thành phố Sóc Trăng"]


def test_compliance_status_filter_keeps_only_overdue_cells(demo_app_env):
    at = open_page("pages/compliance.py", {"as_of": "2011-01-15"})
    at.multiselect(key="cmp_status").set_value(["overdue"]).run()
    cells = grid_cells(heatmap_grid(at))
    assert cells and set(cells) == {"overdue"}


def test_the_compliance_page_draws_its_heatmap_as_html_with_the_figure_s_cells_and_loads_no_plotly(demo_app_env):
    """The heatmap was the page's last Plotly chart: without it the page loads no plotly.js. Its rows and cells are
    those of the Plotly heatmap the page drew before (which its picture still is)."""
    from tracking.analysis import compliance
    from tracking.charts.compliance import heatmap_figure
    from tracking.exports.images import images_available
    from tracking.views.dashboard import load_dashboard

    at = open_page("pages/compliance.py", {"as_of": "2011-03-31"})
    assert not at.exception
    assert not at.get("plotly_chart")
    body = heatmap_grid(at)
    assert '<p class="tkg-title">Tuân thủ theo đơn vị và yêu cầu</p>' in body
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in body
    board = load_dashboard(make_engine(demo_app_env), date(2011, 3, 31))
    matrix = compliance.status_matrix(compliance.filter_snapshot(board.snapshot, levels=("department", "district")))
    heat = heatmap_figure(matrix, "vi", name_width=60).data[0]
    assert grid_rows(body) == [" ".join(name.split("<br>")) for name in heat.y]
    assert grid_cells(body) == [STATUSES[int(z)] for row in heat.z for z in row if z is not None and z == z]
    if images_available():  # the picture is rendered by kaleido's Chromium when asked for: tests/integration's
        assert [b.proto.label for b in at.get("download_button") if "cmp_heatmap_png" in b.proto.id] == [
            "Tải hình (PNG)"]


def test_choosing_a_unit_on_the_compliance_page_opens_its_page(demo_app_env):
    at = open_page("pages/compliance.py", {"level": "district"})
    at.selectbox(key="cmp_open").set_value("945").run()
    at.button(key="cmp_open_go").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Chi tiết đơn vị"]
    assert at.selectbox(key="unit_pick").value == "945"


def test_a_district_page_shows_its_quantities_against_norms_and_its_communes(demo_app_env):
    at = open_page("pages/unit.py", {"unit": "941"})
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "Số liệu so với định mức của kế hoạch" in subheaders
    assert "Tổng hợp các xã, phường, thị trấn trực thuộc" in subheaders
    norms = next(d.value for d in at.dataframe if "Định mức của kế hoạch" in d.value.columns)
    assert "1–2" in norms["Định mức của kế hoạch"].tolist()


def test_a_commune_page_has_no_roll_up(demo_app_env):
    at = open_page("pages/unit.py", {"unit": "31507"})
    assert not at.exception
    assert "Tổng hợp các xã, phường, thị trấn trực thuộc" not in [s.value for s in at.subheader]


def test_the_timeline_marks_its_projection_as_a_projection(demo_app_env):
    at = open_page("pages/timeline.py", {"as_of": "2011-03-31"})
    assert any("dự báo" in title.lower() and "ngoại suy" in title for title in chart_titles(at))
    assert any("Đây là dự báo" in i.value for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_works_on_an_empty_database_with_a_helpful_message(empty_app_env, page):
    at = open_page(page)
    assert not at.exception and not at.error
    assert any("Chưa có cập nhật nào" in i.value for i in at.info)
    assert not any("Dữ liệu minh họa" in w.value for w in at.warning)
    assert at.get("plotly_chart") or html_charts(at)


@pytest.mark.parametrize("page", PAGES)
def test_a_date_before_any_update_shows_the_empty_state_not_an_error(demo_app_env, page):
    at = open_page(page, {"as_of": "2010-06-20"})
    assert not at.exception and not at.error
    assert any("Chưa có cập nhật nào đến ngày 20/06/2010" in i.value for i in at.info)


def test_the_english_toggle_translates_titles_and_charts(demo_app_env):
    at = open_page("pages/overview.py", {"lang": "en"})
    assert [t.value for t in at.title] == ["Plan progress overview"]
    assert html_chart_titles(at)[0] == "Progress by area"
    assert "Done on time" in html_charts(at)[0] and "Hoàn thành" not in html_charts(at)[0]


def test_the_overview_says_how_many_milestones_are_due_within_two_weeks(demo_app_env):
    at = open_page("pages/overview.py", {"as_of": "2010-10-20"})
    expected = int(snapshot(make_engine(demo_app_env), date(2010, 10, 20))["due_soon"].sum())
    assert expected > 0
    assert any(f"Sắp đến hạn (trong 14 ngày): {expected} mốc" in c.value for c in at.caption)
