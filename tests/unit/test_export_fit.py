"""Exported figures are laid out from their measured text: a name or a note that fits the picture's width is shown
whole (wrapped where its words allow), never cut short with "…"; what must be shortened keeps what tells it apart."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from tracking.charts import progress as progress_charts
from tracking.charts import registry
from tracking.charts.fit import ELLIPSIS, fit, fit_facts, fit_label, plain, text_width, whole_width
from tracking.charts.palette import STATUSES
from tracking.charts.slide import for_image, for_slide
from tracking.labels import COMMUNE_LEVEL_BY_MAP, LEVEL_LABELS

FOOTER = "Tình hình đến ngày 30/06/2011 · Dữ liệu minh họa"


def _tally(keys: dict[str, list], shares=(130, 33, 25, 60, 10)) -> pd.DataFrame:
    rows = len(next(iter(keys.values())))
    table = pd.DataFrame(keys)
    for status, count in zip(STATUSES, shares):
        table[status] = [count] * rows
    table["total"] = sum(shares)
    table["percent_done"] = 100 * (shares[0] + shares[1]) / sum(shares)
    return table


def _labels(fig: go.Figure) -> list[str]:
    return [plain(t) for t in fig.layout.yaxis.ticktext]


def _notes(fig: go.Figure) -> list[str]:
    return [plain(t).strip() for t in fig.layout["yaxis2"].ticktext]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("two_level", [False, True, None])  # 2010 map, today's map, the two mixed (longest names)
def test_the_level_chart_shows_every_level_name_and_note_whole_in_the_picture_and_on_the_slide(lang, two_level):
    levels = ["department", "commune"] if two_level else ["department", "district", "commune"]
    table = _tally({"unit_level": levels})
    names = [LEVEL_LABELS[level][lang == "en"] if level != "commune" else COMMUNE_LEVEL_BY_MAP[two_level][lang == "en"]
             for level in levels]
    note = "63% hoàn thành" if lang == "vi" else "63% done"
    for laid_out in (for_image(progress_charts.level_progress_figure(table, lang, two_level), FOOTER),
                     for_slide(progress_charts.level_progress_figure(table, lang, two_level))):
        assert _labels(laid_out) == names  # was "Huyện, thành…"
        assert _notes(laid_out) == [note] * len(levels)  # was "63% hoàn thành…"


def test_the_width_a_label_needs_is_measured_not_the_one_line_width_shared_out():
    # "Huyện, | thành phố" breaks in one place: a third of its width left "thành phố" no room.
    size = 16
    need = whole_width("Huyện, thành phố", 3, size)
    assert need >= text_width("thành phố", size)
    assert fit("Huyện, thành phố", need, 3, size) == "Huyện,<br>thành phố"
    assert text_width("Huyện, thành phố", size) / 3 < text_width("thành phố", size)


def test_a_number_or_a_rank_goes_with_its_words_not_into_them():
    size = 16
    # "hoàn thành" is one word: "63% hoàn | thành" split it.
    assert fit("63% hoàn thành", text_width("hoàn thành", size) + 1, 2, size) == "63%<br>hoàn thành"
    assert fit("0% đúng hạn", text_width("đúng hạn", size) + 1, 2, size) == "0%<br>đúng hạn"
    room = text_width("7. Huyện Cù Lao", size) + 1
    assert fit("7. Huyện Cù Lao Dung", room, 2, size).startswith("7. Huyện")  # "7." not alone on its line


def test_a_note_too_long_for_its_room_leaves_out_its_last_facts_whole():
    size = 14
    two = "80% on time · district office alone 73%"  # on two lines, broken between its facts
    assert fit_facts(two, text_width("district office alone 73%", size) + 1, 2, size) == (
        "80% on time ·<br>district office alone 73%")
    note = "78% · quá hạn 243 ngày · trước ngày 30/10/2010"
    room = text_width("78% · quá hạn 243 ngày", size) + 10
    assert fit_facts(note, room, 1, size) == "78% · quá hạn 243 ngày"
    assert fit_facts(note, 2 * room, 1, size) == note
    assert ELLIPSIS in fit_facts("không dự báo được (0 mốc xong/90 ngày, 6 quá hạn)", 60, 1, size)  # first fact cut


def test_a_row_label_on_two_lines_keeps_the_period_that_tells_the_rows_apart():
    size = 14
    labels = [f"IV · Thanh tra tỉnh tổng hợp báo cáo định kỳ… · Quý {q}/2011" for q in ("I", "II", "III", "IV")]
    fitted = [plain(fit_label(label, 190, 2, size)) for label in labels]
    assert len(set(fitted)) == len(labels), fitted  # were four times "… báo cáo định kỳ……"
    assert all(f.endswith(f"Quý {q}/2011") for f, q in zip(fitted, ("I", "II", "III", "IV")))


def test_a_unit_name_too_long_for_its_room_is_abbreviated_as_the_administration_does():
    name = "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh"
    size = 14
    assert fit_label(name, 320, 1, size) == "Văn phòng Đoàn ĐBQH và HĐND tỉnh"  # was "… Quốc hội…"
    assert fit_label(name, text_width(name, size) + 1, 1, size) == name  # whole where it fits


def test_a_tall_pictures_legend_stays_at_its_foot_under_the_footnotes():
    rows = [f"Sở {i}" for i in range(60)]  # a province's whole heatmap is 3,600 px tall
    fig = progress_charts.figure(progress_charts.StatusBars("Tuân thủ", tuple(rows), _tally({"name": rows}), "vi"))
    picture = for_image(fig, FOOTER)
    assert picture.layout.height > 2000
    assert picture.layout.legend.y * picture.layout.height <= 3  # 0.5% of the height lifted it into the footnotes


def test_the_communes_by_district_slides_hold_at_most_a_slides_rows(monkeypatch):
    from tracking.charts.slide import ROWS_PER_SLIDE

    districts = [f"Huyện Số {i}" for i in range(29)]  # Hà Nội: 29 districts were printed over each other
    table = _tally({"district_code": [str(i) for i in range(29)], "district_name": districts})
    monkeypatch.setattr(registry.compliance, "communes_by_district", lambda snapshot: table)
    data = type("Data", (), {"snapshot": None, "plan": {}, "units": pd.DataFrame(columns=["level", "name"])})()
    parts = registry.CHART_BY_KEY["communes_by_district"].slides(data, "vi")
    rows = [list(fig.layout.yaxis.categoryarray) for _, fig in parts]
    assert len(parts) == 3 and max(map(len, rows)) <= ROWS_PER_SLIDE and sum(rows, []) == districts
    assert [title for title, _ in parts] == ["(1/3)", "(2/3)", "(3/3)"]
