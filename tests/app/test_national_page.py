"""The national overview: provinces ranked, a province's districts, a district's communes, all from the URL."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, sign_in
from tracking.db.engine import URL_ENV, make_engine
from tracking.units.national import generate


@pytest.fixture(scope="session")
def country_db_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('country') / 'tracking.sqlite3'}"
    engine = make_engine(url)
    generate(engine, 3, seed=7, progress=lambda *_: None)
    engine.dispose()
    return url


@pytest.fixture
def country_env(monkeypatch, country_db_url):
    monkeypatch.setenv(URL_ENV, country_db_url)


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


def test_the_provinces_are_ranked_and_compared(country_env):
    at = open_page("pages/national.py", {"as_of": "2011-06-30"})
    assert not at.exception
    ranking, by_area, by_level = (frame.value for frame in at.dataframe[:3])
    assert list(ranking["Hạng"]) == [1, 2, 3]
    assert set(ranking["Tỉnh, thành phố"]) == {"Sóc Trăng", "Hà Nội", "Hà Giang"}  # places, not "thành phố …"
    assert len(by_area) == len(by_level) == 3
    assert len(at.dataframe) == 3  # no province chosen: no drill-down yet
    # Rows by place, Hà Nội under H (a sort on the "Thành phố"/"Tỉnh" prefix would put it last).
    assert list(by_area["Tỉnh, thành phố"]) == list(by_level["Tỉnh, thành phố"]) == ["Hà Giang", "Hà Nội", "Sóc Trăng"]
    assert list(by_area.columns[:3]) == ["Tỉnh, thành phố", "Kiện toàn tổ chức, bộ máy, cán bộ",
                                         "Cơ sở vật chất, trang thiết bị"]  # names in the plan's order, not codes
    assert not {"organisation", "facilities", "training", "ORG", "FAC"} & set(by_area.columns)
    assert list(by_level.columns) == ["Tỉnh, thành phố", "Sở, ban, ngành tỉnh", "Huyện, thành phố",
                                      "Xã, phường, thị trấn"]
    picker = at.selectbox(key="nat_province")
    assert list(picker.options) == ["Hà Giang", "Hà Nội", "Sóc Trăng"]  # the labels, by place


def test_a_province_in_the_url_opens_its_districts_and_a_district_its_communes(country_env):
    at = open_page("pages/national.py", {"as_of": "2011-06-30", "province": "01", "district": "001"})
    assert not at.exception
    districts, communes = at.dataframe[3].value, at.dataframe[4].value
    # Hà Nội's districts under its own kinds of district (its quận are no huyện): tests/app/test_city_pages.py
    assert len(districts) == 30 and "Quận Ba Đình" in set(districts["Quận, huyện, thị xã"])
    assert "Phường Phúc Xá" in set(communes["Xã"]) and len(communes) == 13
    assert any("Thành phố Hà Nội" in b.label or "thành phố Hà Nội" in b.label for b in at.button)


def test_the_provincial_dashboard_shows_the_province_of_the_link(country_env):
    at = open_page("pages/overview.py", {"as_of": "2011-06-30", "province": "01"})
    assert not at.exception
    assert any("thành phố Hà Nội" in c.value for c in at.caption)
    default = open_page("pages/overview.py", {"as_of": "2011-06-30"})
    total = lambda page: sum(int(m.value) for m in page.metric[:4])  # noqa: E731
    assert total(at) != total(default)
