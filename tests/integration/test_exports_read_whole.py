"""The demo's exported pictures and slides, checked from what they will print: every row label and note of a picture
whole (the picture is as tall as its rows need), on a slide no row label cut more than the dashboard already
shortens it, rows told apart, notes shortened only by whole facts; and the deck laid out by LibreOffice keeps its
tables and key figures inside their room."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation

from tracking.charts.fit import ELLIPSIS, FACT, abbreviated, plain
from tracking.charts.registry import charts_for
from tracking.charts.slide import for_image, for_slide
from tracking.charts.timeline import MARK
from tracking.exports import service
from tracking.exports.pptx_deck import build_deck

DEMO_DATES = (date(2010, 11, 1), date(2011, 6, 30), date(2012, 1, 31))
FOOTER = "Thanh tra tỉnh Sóc Trăng · Tình hình đến ngày 30/06/2011 · Dữ liệu minh họa"
TABLE_TOP_PT = 1.45 * 72


@pytest.fixture(params=["sqlite"])
def backend(request):  # the layout does not depend on the engine
    return request.param


def _rows(fig):
    """(row labels as built, their notes as built): what a layout may wrap but should not cut."""
    rows = list(fig.layout.yaxis.categoryarray or [])
    notes = fig.layout["yaxis2"].ticktext if "yaxis2" in fig.layout and fig.layout["yaxis2"].ticktext else []
    return [plain(r) for r in rows], [plain(n.replace("  <br>  ", FACT)).strip() for n in notes]


def _fitted(fig):
    labels = [plain(t) for t in fig.layout.yaxis.ticktext or []]
    notes = fig.layout["yaxis2"].ticktext if "yaxis2" in fig.layout and fig.layout["yaxis2"].ticktext else []
    return labels, [plain(n).strip() for n in notes]  # a fitted note's facts are joined before it is wrapped


@pytest.mark.parametrize("day", DEMO_DATES)
def test_every_exported_picture_shows_its_row_labels_notes_and_deadline_marks_whole(demo_engine, day):
    data = service.load(demo_engine, day)
    for lang in ("vi", "en"):
        footer = service.image_footer(data, lang)
        for spec in charts_for(data):
            built = spec.build(data, lang)
            rows, notes = _rows(built)
            marks = [plain(a.hovertext or a.text) for a in built.layout.annotations if a.name == MARK]
            picture = for_image(built, footer)
            if not rows:
                continue
            labels, fitted_notes = _fitted(picture)
            assert all(shown in (row, abbreviated(row)) for shown, row in zip(labels, rows)), (spec.key, lang, labels)
            assert fitted_notes == notes, (spec.key, lang)
            assert [plain(a.text) for a in picture.layout.annotations if a.name == MARK] == marks, (spec.key, lang)


@pytest.mark.parametrize("day", DEMO_DATES)
def test_no_slide_cuts_a_row_label_more_than_the_dashboard_or_a_note_inside_a_fact(demo_engine, day):
    data = service.load(demo_engine, day)
    for lang in ("vi", "en"):
        for spec in charts_for(data):
            parts = spec.slides(data, lang) if spec.slides else [("", spec.build(data, lang))]
            for suffix, built in parts:
                rows, notes = _rows(built)
                if not rows:
                    continue
                labels, fitted_notes = _fitted(for_slide(built))
                where = (spec.key, suffix, lang)
                # The level, area and unit names were cut ("Huyện, thành…") though the slide had room for them.
                assert all(shown.count(ELLIPSIS) <= row.count(ELLIPSIS) or shown == abbreviated(row)
                           for shown, row in zip(labels, rows)), (where, labels)
                assert len(set(labels)) == len(labels), (where, labels)  # a quarter's row told from the next
                for shown, whole in zip(fitted_notes, notes):
                    facts = whole.split(FACT)
                    assert shown in [FACT.join(facts[:k]) for k in range(1, len(facts) + 1)], (where, shown, whole)


def _words(pdf, page: int) -> list[tuple[float, float, float, float, str]]:
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are needed to lay out the slides")
def test_the_decks_tables_and_key_figures_stay_in_their_room_when_laid_out_by_libreoffice(demo_engine, tmp_path):
    data = service.load(demo_engine, DEMO_DATES[1])
    source = tmp_path / "trinh-chieu.pptx"
    source.write_bytes(build_deck(data, []))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "trinh-chieu.pdf"
    titles = [slide.shapes.title.text for slide in Presentation(io.BytesIO(source.read_bytes())).slides]
    assert "64,9%" in [w for *_, w in _words(pdf, 3)]  # the card's figure on one line (was "64,9" over "%")
    for page, title in enumerate(titles[1:], start=2):
        words = _words(pdf, page)
        number = max(y0 for _, y0, _, _, w in words if w == "/")  # "3 / 33" at the foot
        footer_top = min(y0 for _, y0, _, _, _ in words if y0 >= number - 4)  # the footer line beside it
        foot = {w for _, y0, _, _, w in words if y0 >= footer_top - 1}
        # The key figures' table ran over the footer.
        assert foot <= set(FOOTER.split()) | {"/", str(page), str(len(titles))}, (page, foot)
        assert all(y1 <= footer_top for _, y0, _, y1, _ in words if y0 < footer_top - 1), page
        more = re.search(r"\((\d+)/(\d+)\)$", title)
        if title.startswith("Phụ lục — Đơn vị quá hạn") and more and more[1] != more[2]:
            # A slide followed by more of its area's units is filled: it held two or three of them, 2/3 empty.
            lowest = max(y1 for _, y0, _, y1, _ in words if y0 < footer_top - 1)
            assert lowest >= TABLE_TOP_PT + 0.6 * (footer_top - TABLE_TOP_PT), (page, title)


def test_a_citys_deck_names_its_inspectorate_as_the_citys(demo_engine):
    from dataclasses import replace

    data = service.load(demo_engine, DEMO_DATES[1])
    city = replace(data, plan={**data.plan, "issuer": "Ủy ban nhân dân thành phố Hà Nội"})
    first = Presentation(io.BytesIO(build_deck(city, []))).slides[0]
    text = " ".join(shape.text_frame.text for shape in first.shapes if shape.has_text_frame)
    assert "Thanh tra thành phố" in text and "Thanh tra tỉnh" not in text  # the footer already said "thành phố"


def test_the_english_glossary_explains_the_abbreviations_a_chart_may_use(demo_engine):
    deck = Presentation(io.BytesIO(build_deck(service.load(demo_engine, DEMO_DATES[1]), [], "en")))
    glossary = {shape.table.cell(r, 0).text: shape.table.cell(r, 1).text for slide in deck.slides
                if slide.shapes.title.text.startswith("Glossary") for shape in slide.shapes if shape.has_table
                for r in range(1, len(shape.table.rows))}
    # "Văn phòng Đoàn ĐBQH và HĐND tỉnh" on the heatmap's slide, as the administration writes it.
    assert glossary["HĐND"] == "People's Council" and glossary["ĐBQH"] == "National Assembly deputies"
