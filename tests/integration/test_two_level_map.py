"""A province on today's two-level map (units today --province 40): it loads, a plan for "all departments" and
"all communes" publishes against it, and every view, chart and export works with no district anywhere."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import func, select

from tracking.charts import registry
from tracking.db.engine import make_engine
from tracking.db.migrate import upgrade
from tracking.db.models import MilestoneRow, UnitRow
from tracking.exports.docx_report import consolidated_report
from tracking.exports.pptx_deck import build_deck
from tracking.exports.xlsx import compliance_workbook
from tracking.labels import unit_label
from tracking.plans.loader import load_plan, load_units
from tracking.plans.seed import seed
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.units.today import today_units, units_yaml
from tracking.views.dashboard import load_dashboard
from tests.accounts import add_account

PLAN = Path(__file__).resolve().parents[1] / "data" / "plan_two_level_40.yaml"
AS_OF = date(2026, 5, 20)


@pytest.fixture(scope="module")
def units_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("today") / "units_40.yaml"
    path.write_text(units_yaml(today_units("40")), encoding="utf-8")
    return path


@pytest.fixture
def nghe_an(db_url, units_file):
    """Nghệ An on the 2025 map with the test plan, and a few facts (a department and a commune done, one late)."""
    engine = make_engine(db_url)
    upgrade(engine)
    units = load_units(units_file)
    seed(engine, units, [load_plan(PLAN, units)])
    add_account(engine, "thanhtra40", "inspector", province="40")
    commune = next(u.code for u in units if u.level == "commune")
    with UnitOfWork(engine) as uow:
        for unit, req, state, day in (("40-SNV", "ORG-SBN", "done", "2026-03-20"), (commune, "ORG-XA", "done", "2026-04-02"),
                                      ("40-SYT", "ORG-SBN", "in_progress", "2026-02-10")):
            record_update(uow, UpdateCommand(unit, req, state, day, "thanhtra40", percent=50 if state != "done" else None),
                          today=AS_OF)
        uow.commit()
    yield engine
    engine.dispose()


def test_the_written_file_is_the_province_its_agencies_and_every_commune_under_it(units_file):
    units = load_units(units_file)
    assert units[0].code == "40" and units[0].level == "province"
    assert sum(u.level == "department" for u in units) == 12
    communes = [u for u in units if u.level == "commune"]
    assert len(communes) == 130 and {u.parent for u in communes} == {"40"}
    assert not any(u.level == "district" for u in units)
    assert all(len(u.code) == 5 and u.code.isdigit() for u in communes)  # national codes
    assert {u.kind for u in communes} <= {"xã", "phường", "đặc khu"}


def test_a_plan_for_all_departments_and_all_communes_publishes_against_it(nghe_an):
    with nghe_an.connect() as conn:
        per_requirement = dict(conn.execute(
            select(MilestoneRow.requirement_id, func.count()).group_by(MilestoneRow.requirement_id)).all())
        levels = set(conn.scalars(select(UnitRow.level)))
    assert "district" not in levels
    assert sorted(per_requirement.values()) == [11, 130, 141 * 3]  # sbn less TTT; every commune; both, per quarter


def test_the_dashboard_has_no_district_chart_ranking_or_column(nghe_an):
    data = load_dashboard(nghe_an, AS_OF)
    assert not registry.has_districts(data)
    assert data.snapshot["district_code"].isna().all()
    keys = [spec.key for spec in registry.charts_for(data)]
    assert "district_ranking" not in keys and "communes_by_district" not in keys
    for spec, fig in registry.dashboard_figures(data):
        text = fig.to_json()
        assert "huyện" not in text.lower() and "district" not in text.lower(), spec.key
    titles = [title for title, _ in registry.iter_slide_figures(data)]
    assert titles and not any("huyện" in t.lower() for t in titles)
    # A commune is named without a "(district)" suffix: its parent is the province.
    commune_label = unit_label("Xã Anh Sơn", "commune", "Ủy ban nhân dân tỉnh Nghệ An")
    assert commune_label == "Xã Anh Sơn"


def test_every_export_works_without_a_district(nghe_an):
    data = load_dashboard(nghe_an, AS_OF)
    sheet = load_workbook(io.BytesIO(compliance_workbook(data)))["Tuân thủ"]
    header = [c.value for c in sheet[1]]
    assert "Huyện, thành phố" not in header and "Đơn vị" in header
    assert sheet.max_row == len(data.snapshot) + 1
    report = Document(io.BytesIO(consolidated_report(data, issued_on=AS_OF)))
    assert "Nghệ An" in "\n".join(p.text for p in report.paragraphs)
    deck = Presentation(io.BytesIO(build_deck(data, [])))
    words = " ".join([shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
                     + [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
                        for row in shape.table.rows for cell in row.cells])
    assert "huyện" not in words.lower()
    assert "Cấp xã" in words  # overdue communes folded into one row, not by district


def test_the_national_dataset_on_the_2025_map_has_communes_under_their_provinces(db_url):
    from tracking.errors import TrackingError
    from tracking.units.national import generate
    from tracking.views.national import national_counts, provinces

    engine = make_engine(db_url)
    generate(engine, 2, seed=7, progress=lambda *_: None, map_="2025")
    with engine.connect() as conn:
        rows = conn.execute(select(UnitRow.code, UnitRow.level, UnitRow.parent_code, UnitRow.province_code)
                            .where(UnitRow.province_code.in_(("01", "04")))).all()
    assert rows and not any(level == "district" for _, level, _, _ in rows)
    assert all(parent == province for _, level, parent, province in rows if level == "commune")
    ranked = provinces(national_counts(engine, date(2011, 6, 30)))
    assert set(ranked["province_code"]) == {"94", "01", "04"}  # Sóc Trăng's real 2010 plan stays the default
    with pytest.raises(TrackingError, match="bản đồ 2025"):
        generate(engine, 3, seed=7, progress=lambda *_: None, map_="2010")  # one map per database
    engine.dispose()


def test_the_command_line_writes_loads_and_reports_a_two_level_province(db_url, tmp_path, monkeypatch, capsys):
    import json

    from tracking.cli import main
    from tracking.db.engine import URL_ENV

    monkeypatch.setenv(URL_ENV, db_url)
    out = tmp_path / "don_vi_40.yaml"
    assert main(["units", "today", "--province", "40", "--out", str(out)]) == 0
    assert "130 xã, phường, đặc khu" in capsys.readouterr().out
    assert main(["units", "check", str(out)]) == 0
    assert main(["units", "load", str(out), "--plan", str(PLAN)]) == 0
    assert "564 mốc mới" in capsys.readouterr().out
    assert main(["status", "--province", "40", "--as-of", "2026-05-20", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 564 and "district_code" not in rows[0]
    assert main(["units", "today", "--province", "94"]) == 2  # Sóc Trăng is no longer a province: said, not a trace
    assert "không có trong bản đồ hành chính hiện hành" in capsys.readouterr().err
