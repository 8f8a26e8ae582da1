"""Figure builders: one palette, Vietnamese labels, a shape a reader can trust, a message instead of empty axes."""
import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tests.status_oracle import snapshot_frame, snapshot_row
from tracking.analysis import compliance, progress, schedule, trend
from tracking.charts import compliance as compliance_charts
from tracking.charts import progress as progress_charts
from tracking.charts import timeline as timeline_charts
from tracking.charts.palette import FONT_FAMILY, STATUS_COLORS, STATUSES, TEMPLATE, base_layout, status_label
from tracking.labels import fmt_date
from tracking.tables import area_table, to_csv_bytes

AREAS = pd.DataFrame([{"code": "organisation", "name": "Kiện toàn tổ chức, bộ máy, cán bộ", "name_en": "Organisation",
                       "deadline": date(2010, 10, 30), "clause": "II.4"}])


def _lightness(hex_colour: str) -> float:
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return 116 * y ** (1 / 3) - 16


def test_the_four_status_colours_stay_distinct_when_printed_in_grey():
    lightness = sorted(_lightness(STATUS_COLORS[s]) for s in STATUSES)
    assert min(b - a for a, b in zip(lightness, lightness[1:])) >= 10


def test_base_layout_sets_an_explicit_template_and_a_font_with_vietnamese_glyphs():
    fig = base_layout(go.Figure(), "Tiến độ")
    assert fig.layout.template == pio.templates[TEMPLATE]
    spec = json.loads(fig.to_json())
    assert spec["layout"]["font"]["family"] == FONT_FAMILY and "DejaVu Sans" in FONT_FAMILY
    assert spec["layout"]["title"]["text"] == "Tiến độ"
    assert spec["layout"]["separators"] == ",."


def test_area_bars_use_the_status_palette_and_say_the_deadline_in_vietnamese():
    snap = snapshot_frame(snapshot_row("941", status="done_on_time", completed=date(2010, 10, 1)),
                          snapshot_row("942", status="overdue"))
    fig = progress_charts.area_progress_figure(progress.area_progress(snap, AREAS, date(2010, 11, 9)), "vi")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.name for b in bars] == [status_label(s, "vi") for s in STATUSES]
    assert [b.marker.color for b in bars] == [STATUS_COLORS[s] for s in STATUSES]
    assert list(bars[0].x) == [50.0] and list(bars[2].x) == [50.0]
    # Two lines fit a phone; the most telling first (a slide with one line per row keeps that).
    assert fig.layout.yaxis2.ticktext == ("  50% · quá hạn 10 ngày  <br>  hạn 30/10/2010  ",)
    assert all(len(line) <= 16 for label in fig.data[0].y for line in label.split("<br>"))


def test_the_same_chart_in_english_has_english_labels():
    snap = snapshot_frame(snapshot_row("941", status="open"))
    fig = progress_charts.area_progress_figure(progress.area_progress(snap, AREAS, date(2010, 10, 20)), "en")
    assert fig.data[0].name == "Done on time" and list(fig.data[0].y) == ["Organisation"]
    assert "10 days left" in fig.layout.yaxis2.ticktext[0]


def test_an_empty_table_gives_a_figure_that_says_so():
    fig = progress_charts.units_behind_figure(progress.units_behind(snapshot_frame()), "vi")
    assert fig.layout.annotations[0].text == "Không có đơn vị nào có mốc quá hạn"


def test_the_heatmap_has_one_coloured_cell_per_unit_and_requirement_and_blanks_elsewhere():
    snap = snapshot_frame(
        snapshot_row("SNV", "ORG-SBN", "done_on_time", level="department", unit_position=1, name="Sở Nội vụ"),
        snapshot_row("941", "ORG-HUYEN", "overdue", unit_position=2, requirement_position=2, name="Thành phố Sóc Trăng"),
    )
    heat = compliance_charts.heatmap_figure(compliance.status_matrix(snap), "vi").data[0]
    titles = list(compliance.status_matrix(snap).drop_duplicates("requirement_code")["requirement_title"])
    assert list(heat.y) == ["Sở Nội vụ", "Thành phố Sóc Trăng"] and list(heat.x) == titles  # short titles, not codes
    assert "ORG-SBN" in heat.customdata[0][0]  # the code stays in the hover
    assert [[None if pd.isna(v) else v for v in row] for row in heat.z] == [[0, None], [None, 2]]
    assert heat.text[0][0] == "✓" and heat.text[1][1] == "✗"


def test_the_gantt_keeps_requirements_without_a_deadline_and_marks_deadlines_set_later():
    snap = snapshot_frame(
        snapshot_row("941", "ORG-HUYEN", "done_on_time", completed=date(2010, 10, 1)),
        snapshot_row("941", "RUL-SBN", "open", deadline=None, requirement_position=2),
        snapshot_row("941", "REP-QUY", "open", period="2010Q4", deadline=date(2011, 1, 10), source="set",
                     requirement_position=3),
    )
    fig = timeline_charts.gantt_figure(schedule.requirement_schedule(snap), snap, date(2010, 6, 14), date(2010, 12, 1))
    rows = list(fig.layout.yaxis.categoryarray)
    assert len(rows) == 3 and rows[2].endswith("Quý IV/2010")
    notes = fig.layout.yaxis2.ticktext
    assert "chưa có hạn" in notes[1] and "1/1 xong" in notes[0]
    hollow = next(t for t in fig.data if t.name == "Thời hạn đặt sau")
    assert list(hollow.y) == [rows[2]] and hollow.marker.symbol == "diamond-open"


def test_the_gantt_x_range_has_both_ends_so_the_browser_draws_it():
    # Streamlit's plotly.js drew the plan-wide Gantt empty (axis over 2000) with a half-open range [start, None].
    snap = snapshot_frame(
        snapshot_row("941", "ORG-HUYEN", "done_late", completed=date(2011, 2, 1)),
        snapshot_row("941", "REP-QUY", "open", period="2011Q4", deadline=date(2012, 1, 10), source="set",
                     requirement_position=3),
    )
    fig = timeline_charts.gantt_figure(schedule.requirement_schedule(snap), snap, date(2010, 6, 14), date(2010, 12, 1))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert start < pd.Timestamp(2010, 6, 14) and end > pd.Timestamp(2012, 1, 10)


def test_the_burn_up_names_its_projection_as_a_projection():
    changes = pd.DataFrame({"fact_date": [date(2010, 10, 1)], "area": ["organisation"],
                            "requirement_code": ["ORG-HUYEN"], "change": [1]})
    snap = snapshot_frame(snapshot_row("941", status="done_on_time", completed=date(2010, 10, 1)), snapshot_row("942"))
    as_of = date(2010, 11, 1)
    projection = trend.overall_projection(changes, snap, as_of)
    fig = timeline_charts.burnup_figure(trend.burnup(changes, snap, date(2010, 6, 14), date(2011, 12, 31), as_of),
                                        projection, as_of)
    dashed = [t for t in fig.data if t.line.dash == "dash"]
    assert len(dashed) == 1 and dashed[0].name.startswith("Dự báo") and fmt_date(projection.projected_on) in dashed[0].name


def test_csv_downloads_have_vietnamese_headers_dates_as_dd_mm_yyyy_and_a_bom_for_excel():
    snap = snapshot_frame(snapshot_row("941", status="open"))
    data = to_csv_bytes(area_table(progress.area_progress(snap, AREAS, date(2010, 10, 20)), "vi"))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Lĩnh vực,Hoàn thành (%),Tổng số mốc,Thời hạn chung,Điều khoản,Tình hình thời hạn")
    assert "30/10/2010" in text and "còn 10 ngày" in text


def test_the_gantt_draws_one_tick_per_day_of_completions_and_its_hover_names_the_units():
    snap = snapshot_frame(*(
        snapshot_row(f"94{i}", "ORG-HUYEN", "done_on_time", completed=date(2010, 10, 1), name=f"Huyện {i}",
                     unit_position=i) for i in range(1, 6)),
        snapshot_row("951", "ORG-HUYEN", "done_on_time", completed=date(2010, 10, 5), name="Huyện Vĩnh Châu"),
    )
    fig = timeline_charts.gantt_figure(schedule.requirement_schedule(snap), snap, date(2010, 6, 14), date(2010, 12, 1))
    ticks = next(t for t in fig.data if t.name == "Hoàn thành đúng hạn")
    assert len(ticks.x) == 2  # 1 October (five units) and 5 October (one)
    first, second = ticks.customdata
    assert first.startswith("Huyện 1<br>Huyện 2<br>Huyện 3") and first.endswith("và 2 đơn vị khác")
    assert second == "Huyện Vĩnh Châu"
    assert "6/6 xong" in fig.layout.yaxis2.ticktext[0]  # the row's note still counts units, not days
