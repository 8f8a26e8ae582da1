"""The as-of date is part of every page's state: kept in the URL of the write pages too, never replaced silently."""
from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, sign_in

def open_page(page: str, query: dict | None = None, username: str = "thanhtra") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    sign_in(at, username)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()  # the overview is the default page: what a link to the site's root opens
    return at if page == "pages/overview.py" else at.switch_page(page).run()


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_the_date_chosen_on_a_dashboard_follows_to_a_write_page_and_to_export(demo_app_env):
    at = open_page("pages/overview.py", {"as_of": "2011-03-31"})
    at.date_input(key="as_of").set_value(date(2010, 12, 20)).run()
    at.query_params.clear()  # a click in the sidebar's menu drops the query (F5 on a write page: test_browser_day.py)
    at.switch_page("pages/update.py").run()
    at.query_params.clear()
    at.switch_page("pages/export.py").run()
    assert at.date_input(key="export_as_of").value == date(2010, 12, 20)


@pytest.mark.parametrize("param, reason", [
    ("2009-01-01", "ngày 01/01/2009 nằm ngoài thời gian theo dõi của kế hoạch"),
    ("2011-02-30", "“2011-02-30” không phải là một ngày có thật"),
    ("abc", "“abc” không phải là một ngày có thật"),
])
def test_a_link_with_a_date_that_cannot_be_shown_says_so_and_which_date_is_shown(demo_app_env, param, reason):
    at = open_page("pages/overview.py", {"as_of": param})
    shown = at.date_input(key="as_of").value
    assert [w for w in warnings(at) if reason in w and f"đang hiển thị tình hình đến ngày {shown:%d/%m/%Y}" in w]
    assert at.query_params["as_of"] == shown.isoformat()  # the URL now says what is on screen


def test_a_date_outside_the_plan_typed_in_the_picker_keeps_the_last_valid_one(demo_app_env):
    """(What the page then says is checked in the browser: test_browser_day.py.)"""
    at = open_page("pages/overview.py", {"as_of": "2011-06-30"})
    at.date_input(key="as_of").set_value(date(2013, 5, 1)).run()
    assert at.date_input(key="as_of").value == date(2011, 6, 30)
    assert at.query_params["as_of"] == "2011-06-30"


def test_a_dashboard_chart_says_its_date_and_demo_label_and_saves_under_a_meaningful_name(demo_app_env):
    import json

    at = open_page("pages/timeline.py", {"as_of": "2011-03-31"})
    chart = at.get("plotly_chart")[0].proto
    spec, config = json.loads(chart.spec), json.loads(chart.config)
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in spec["layout"]["title"]["subtitle"]["text"]
    assert config["toImageButtonOptions"]["filename"] == "thoi-han-va-thuc-te-hoan-thanh-theo-yeu-cau-2011-03-31"
    assert config["locale"] == "vi"


def test_an_html_chart_says_its_date_and_demo_label_and_offers_its_picture_under_a_meaningful_name(demo_app_env):
    from tracking.exports.images import images_available

    at = open_page("pages/overview.py", {"as_of": "2011-03-31"})
    charts = [h.value for h in at.html if 'class="tkb"' in h.value]
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in charts[0]
    if images_available():  # the picture is rendered by kaleido's Chromium, made on the server when asked for
        names = [b.proto.label for b in at.get("download_button") if "ov_area_chart_png" in b.proto.id]
        assert names == ["Tải hình (PNG)"]  # AppTest shows no file: the picture is tests/integration's
