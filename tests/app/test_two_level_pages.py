"""Every page for a province on today's two-level map (Nghệ An from `units today`): it renders, and no heading,
label, column, filter or chart speaks of districts."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.accounts import add_account
from tests.app.test_province_pages import open_page
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.migrate import upgrade
from tracking.plans.loader import load_plan, load_units
from tracking.plans.seed import seed
from tracking.setup import PLANS_ENV, UNITS_ENV
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.units.today import today_units, units_yaml

PLAN = Path(__file__).resolve().parents[1] / "data" / "plan_two_level_40.yaml"
PAGES = ("overview", "compliance", "timeline", "unit", "reports", "deadlines", "update", "import_excel", "export",
         "national", "audit", "users")
DISTRICT_WORDS = ("huyện", "district", "quận", "thị trấn")  # no township either: "xã, phường, đặc khu" today


@pytest.fixture(scope="module")
def two_level_db(tmp_path_factory) -> dict[str, str]:
    """The environment of an app serving only Nghệ An: its database and the data files `init` and the app load."""
    folder = tmp_path_factory.mktemp("two_level")
    units_file = folder / "units_40.yaml"
    units_file.write_text(units_yaml(today_units("40")), encoding="utf-8")
    (folder / "plans").mkdir()
    shutil.copy(PLAN, folder / "plans" / PLAN.name)
    url = f"sqlite:///{folder / 'tracking.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    units = load_units(units_file)
    seed(engine, units, [load_plan(PLAN, units)])
    add_account(engine, "thanhtra40", "inspector", province="40")
    add_account(engine, "lanhdao40", "leader", province="40")
    add_account(engine, "quantri", "admin")
    communes = [u.code for u in units if u.level == "commune"]
    with UnitOfWork(engine) as uow:
        for unit, req, state, day in (("40-SNV", "ORG-SBN", "done", "2026-03-20"), (communes[0], "ORG-XA", "done", "2026-04-02"),
                                      (communes[1], "ORG-XA", "in_progress", "2026-02-10"),
                                      ("40-SYT", "REP-QUY", "done", "2026-04-05")):
            record_update(uow, UpdateCommand(unit, req, state, day, "thanhtra40", period="2026Q1" if req == "REP-QUY" else None,
                                             percent=50 if state != "done" else None), today=date(2026, 5, 20))
        uow.commit()
    engine.dispose()
    return {URL_ENV: url, UNITS_ENV: str(units_file), PLANS_ENV: str(folder / "plans")}


def _serve(monkeypatch, env: dict[str, str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def _words(at) -> str:
    """What a reader sees: headings, captions, texts, labels, table headers and cells, chart JSON."""
    parts = [e.value for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "success")
             for e in getattr(at, kind)]
    parts += [e.label for kind in ("selectbox", "multiselect", "date_input", "text_input", "metric", "tabs", "button")
              for e in getattr(at, kind) if getattr(e, "label", None)]
    for frame in at.dataframe:
        parts += [str(c) for c in frame.value.columns] + [str(v) for v in frame.value.astype(str).to_numpy().ravel()]
    parts += [chart.proto.spec for chart in at.get("plotly_chart")]
    parts += [h.value for h in at.html if 'class="tkb"' in h.value or 'class="tkg"' in h.value]  # charts as HTML
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_a_two_level_province_without_district_wording(monkeypatch, two_level_db, page):
    _serve(monkeypatch, two_level_db)
    user = {"users": "quantri", "audit": "quantri", "update": "thanhtra40", "import_excel": "thanhtra40",
            "deadlines": "thanhtra40"}.get(page, "lanhdao40")
    at = open_page(f"pages/{page}.py", user, {"as_of": "2026-05-20"})
    assert not at.exception, at.exception
    words = _words(at).lower()
    assert words.strip()
    found = [w for w in DISTRICT_WORDS if w in words]
    assert not found, (found, words[max(0, words.find(found[0]) - 200):words.find(found[0]) + 60])


def test_the_compliance_page_filters_by_level_area_and_status_only(monkeypatch, two_level_db):
    _serve(monkeypatch, two_level_db)
    at = open_page("pages/compliance.py", "lanhdao40", {"as_of": "2026-05-20"})
    assert [m.key for m in at.multiselect] == ["cmp_level", "cmp_area", "cmp_status"]
    assert set(at.multiselect(key="cmp_level").options) == {"Sở, ban, ngành tỉnh", "Xã, phường, đặc khu"}


def test_the_national_page_opens_the_provinces_communes_directly(monkeypatch, two_level_db):
    _serve(monkeypatch, two_level_db)
    at = open_page("pages/national.py", "lanhdao40", {"as_of": "2026-05-20"})
    at = at.selectbox(key="nat_province").set_value("40").run()
    assert not at.exception
    assert any("hai cấp" in c.value for c in at.caption)
    assert "nat_district" not in [box.key for box in at.selectbox]  # no district to choose
    communes = at.dataframe[-1].value
    assert list(communes.columns)[0] == "Xã" and communes.iloc[:, 0].str.startswith(("Xã", "Phường", "Đặc khu")).all()


def test_the_unit_picker_names_the_commune_level_of_todays_map(monkeypatch, two_level_db):
    _serve(monkeypatch, two_level_db)
    at = open_page("pages/unit.py", "lanhdao40", {"as_of": "2026-05-20"})
    picker = at.selectbox(key="unit_pick")
    shown = picker.options  # as the reader sees them: "name — level"
    assert any(label.endswith("— Xã, phường, đặc khu") for label in shown)
    assert not any("thị trấn" in label for label in shown)
