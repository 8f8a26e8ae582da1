"""Pages for an account of one province: the update page offers only its units, the dashboard opens on its plan."""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from tests.accounts import add_account
from tests.app.conftest import ROOT, sign_in
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.models import UnitRow, UserRow
from tracking.units.national import generate


@pytest.fixture(scope="session")
def two_provinces_db_url(tmp_path_factory) -> str:
    """Sóc Trăng (the demo; its thanhtra and lanhdao are Sóc Trăng's) and a generated Hà Nội (01)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('two') / 'tracking.sqlite3'}"
    engine = make_engine(url)
    generate(engine, 2, seed=7, progress=lambda *_: None)
    add_account(engine, "thanhtra01", "inspector", province="01")
    add_account(engine, "lanhdao01", "leader", province="01")
    add_account(engine, "ttcp", "inspector")
    engine.dispose()  # checkpoints the WAL: the file alone holds everything
    return url


class Provinces(dict):
    """Unit code → province code, and the database's URL."""

    url: str


@pytest.fixture
def provinces_of(monkeypatch, two_provinces_db_url, tmp_path) -> Provinces:
    """A copy of the two-province file per test, so one test's writes never reach another."""
    path = tmp_path / "two.sqlite3"
    shutil.copy(make_url(two_provinces_db_url).database, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv(URL_ENV, url)
    engine = make_engine(url)
    with engine.connect() as conn:
        found = Provinces(conn.execute(select(UnitRow.code, UnitRow.province_code)).all())
    engine.dispose()
    found.url = url
    return found


def open_page(page: str, username: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, username)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


@pytest.mark.parametrize("username, provinces", [("thanhtra", {"94"}), ("thanhtra01", {"01"})])
def test_the_update_page_offers_only_the_units_of_the_accounts_province(provinces_of, username, provinces):
    at = open_page("pages/update.py", username)
    assert not at.exception and not at.error
    offered = at.selectbox(key="upd_unit").options
    assert {provinces_of[option.split(" — ")[0]] for option in offered} == provinces
    assert "upd_unit_province" not in [box.key for box in at.selectbox]


def test_a_national_inspector_chooses_the_province_then_one_of_its_units(provinces_of):
    at = open_page("pages/update.py", "ttcp")
    assert not at.exception and not at.error
    assert set(at.selectbox(key="upd_unit_province").options) == {"Tỉnh Sóc Trăng", "Thành phố Hà Nội"}
    offered = at.selectbox(key="upd_unit").options
    assert {provinces_of[option.split(" — ")[0]] for option in offered} == {"94"}  # the default plan's, not all
    at.selectbox(key="upd_unit_province").set_value("01").run()
    offered = at.selectbox(key="upd_unit").options
    assert not at.exception and at.query_params["province"] == "01"
    assert {provinces_of[option.split(" — ")[0]] for option in offered} == {"01"}
    assert all(option.endswith("(Thành phố Hà Nội)") for option in offered)


def test_a_link_to_a_unit_of_another_province_falls_back_to_the_accounts_own(provinces_of):
    at = open_page("pages/update.py", "thanhtra", {"unit": "001"})
    assert not at.exception
    assert provinces_of[at.selectbox(key="upd_unit").value] == "94"


def test_a_leader_of_a_province_opens_its_dashboard_and_may_still_read_another(provinces_of):
    own = open_page("pages/overview.py", "lanhdao01", {"as_of": "2011-06-30"})
    assert not own.exception
    assert own.query_params["province"] == "01"
    assert any("thành phố Hà Nội" in c.value for c in own.caption)
    other = open_page("pages/overview.py", "lanhdao01", {"as_of": "2011-06-30", "province": "94"})
    assert not other.exception and not any("thành phố Hà Nội" in c.value for c in other.caption)
    national = open_page("pages/overview.py", "lanhdao", {"as_of": "2011-06-30"})  # Sóc Trăng's: the default plan
    assert "province" not in national.query_params


def test_the_import_page_offers_a_template_of_the_accounts_province(provinces_of):
    at = open_page("pages/import_excel.py", "thanhtra01")
    assert not at.exception and not at.error
    assert len(at.get("download_button")) == 1


def test_the_quarterly_reports_page_reads_the_accounts_province(provinces_of):
    own = open_page("pages/reports.py", "lanhdao01", {"as_of": "2011-06-30"})
    assert not own.exception and any("thành phố Hà Nội" in c.value for c in own.caption)
    matrix = own.dataframe[0].value
    assert set(matrix["Mã"]).issubset(set(code for code, province in provinces_of.items() if province == "01"))


def test_the_deadlines_page_sets_the_deadlines_of_the_accounts_plan(provinces_of):
    at = open_page("pages/deadlines.py", "thanhtra01")
    assert not at.exception and not at.error
    assert at.query_params["province"] == "01"
    assert at.selectbox(key="dl_choice").options  # the form is there, for Hà Nội's plan
    foreign = open_page("pages/deadlines.py", "thanhtra01", {"province": "94"})
    assert not foreign.exception and len(foreign.dataframe) == 1  # Sóc Trăng's: shown, not its own to set
    assert "dl_choice" not in [box.key for box in foreign.selectbox]


def test_an_administrator_changes_an_accounts_province_on_the_users_page(provinces_of):
    at = open_page("pages/users.py", "quantri")
    assert not at.exception
    at.selectbox(key="usr_province_name").set_value("ttcp")
    at.selectbox(key="usr_province_code").set_value("01")
    at.button(key="usr_province_submit").click().run()
    assert not at.error and any("Đã đổi phạm vi của 'ttcp'" in s.value for s in at.success)
    engine = make_engine(provinces_of.url)
    with engine.connect() as conn:
        assert conn.scalar(select(UserRow.province_code).where(UserRow.username == "ttcp")) == "01"
    engine.dispose()


@pytest.mark.parametrize("username, scope", [("thanhtra", "Tỉnh Sóc Trăng"), ("thanhtra01", "Thành phố Hà Nội"),
                                             ("ttcp", "toàn quốc")])
def test_the_sidebar_says_where_the_account_may_write(provinces_of, username, scope):
    at = sign_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), username)
    at.run()
    captions = [caption.value for caption in at.sidebar.caption]
    assert not at.exception
    assert any(value.endswith(f"· {scope}") for value in captions), captions
