"""What every export counts is said where it is shown: 'no deadline' is its own bucket, never 'not yet due'; a
ranking says what it ranks, and a district's two figures (with its communes, the office alone) are labelled as two;
the English exports say they are an unofficial translation and gloss the unit names."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tracking.analysis import compliance
from tracking.analysis.progress import tally
from tracking.charts.registry import CHARTS, figure, slide_figures
from tracking.exports import images, service
from tracking.exports.glossary import gloss
from tracking.exports.pptx_deck import build_deck
from tracking.exports.xlsx import compliance_workbook

END = date(2012, 1, 31)


@pytest.fixture
def data(demo_engine):
    return service.load(demo_engine, END)


def test_milestones_without_a_deadline_are_their_own_bucket_in_every_export(data):
    snap = data.snapshot
    undated_open = int((snap["deadline"].isna() & ~snap["status"].isin(("done_on_time", "done_late"))).sum())
    assert undated_open > 0  # the demo has such milestones at the end of monitoring
    assert int((snap["status"] == "no_deadline").sum()) == undated_open
    assert not (snap["deadline"].isna() & (snap["status"] == "open")).any()  # never "not yet due"
    sheet = load_workbook(io.BytesIO(compliance_workbook(data)))["Tổng hợp"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Lĩnh vực")
    total = next(r for r in rows if r[0] == "Tổng cộng")
    assert total[header.index("Chưa có hạn")] == undated_open
    assert total[header.index("Chưa đến hạn")] == int((snap["status"] == "open").sum())
    prs = Presentation(io.BytesIO(build_deck(data, [])))
    cards = " ".join(sh.text_frame.text for sh in prs.slides[2].shapes if sh.has_text_frame)
    assert f"{undated_open}\nChưa có hạn" in cards


def test_each_ranking_says_what_it_ranks_and_a_districts_own_figure_is_labelled_beside_it(data):
    titles = {spec.key: spec.title_vi for spec in CHARTS}
    assert "tính cả các xã" in titles["district_ranking"] and "không gồm cấp xã" in titles["compliance_heatmap"]
    assert "mỗi đơn vị tính riêng" in titles["units_behind"]
    ranking = compliance.ranking(data.snapshot, "district")
    offices = tally(data.snapshot[data.snapshot["unit_level"] == "district"], ["unit_code"]).set_index("unit_code")
    for row in ranking.itertuples(index=False):
        assert row.own_on_time_rate == offices.loc[row.unit_code, "on_time_rate"]
    notes = list(figure("district_ranking", data).layout.yaxis2.ticktext)
    assert all("riêng UBND huyện" in n for n in notes)
    heat_titles = [t for t, _ in slide_figures(data) if t.startswith(titles["compliance_heatmap"])]
    assert heat_titles and all("không gồm cấp xã" in t for t in heat_titles)


def test_the_english_deck_and_pictures_say_they_are_an_unofficial_translation_and_gloss_unit_names(data, monkeypatch):
    prs = Presentation(io.BytesIO(build_deck(data, [], "en")))
    slides = list(prs.slides)
    first = " ".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
    assert "Unofficial translation" in first
    for slide in slides[1:]:
        assert any("Unofficial translation" in sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    glossary = [s for s in slides if s.shapes.title.text.startswith("Glossary")]
    text = " ".join(cell.text for s in glossary for sh in s.shapes if sh.has_table
                    for row in sh.table.rows for cell in row.cells)
    for name in data.units.loc[data.units["level"].isin(("department", "district")), "name"]:
        if gloss(name):
            assert name in text and gloss(name) in text
    # Vĩnh Châu became a town (thị xã) on 25/8/2011: the deck of 31/01/2012 names it as it then was
    assert "Department of Home Affairs" in text and "Vĩnh Châu Town" in text
    drawn = []
    monkeypatch.setattr(images, "render_many", lambda figs, fmt="png", exact=False, progress=None:
                        [drawn.append(fig) or b"" for fig in figs])
    service.chart_images(data, "png", "en")
    assert len(drawn) == len(CHARTS)
    assert all(any("Unofficial translation" in (a.text or "") for a in fig.layout.annotations) for fig in drawn)
