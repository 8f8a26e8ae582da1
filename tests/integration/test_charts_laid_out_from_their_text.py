"""Every slide chart and every standalone picture, at the three demo dates in both languages, rendered by Chromium
and measured: no text printed over another, none leaving the picture (tests/text_boxes.py)."""
from datetime import date

import plotly.graph_objects as go
import pytest

from tests.text_boxes import Measurer, defects
from tracking.charts.registry import dashboard_figures, slide_figures
from tracking.charts.slide import LABEL_GAP_PX, for_image, for_slide
from tracking.exports import images, service

DEMO_DATES = (date(2010, 11, 1), date(2011, 6, 30), date(2012, 1, 31))
needs_chromium = pytest.mark.skipif(images.chromium_path() is None, reason="no Chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def measurer():
    m = Measurer()
    yield m
    m.close()


@pytest.fixture(params=["sqlite"])
def backend(request):  # the layout does not depend on the engine: one is enough for this slow test
    return request.param


def _problems(measurer, figures) -> list[str]:
    svgs = images.render_many([fig for _, fig in figures], "svg", exact=True)
    found = []
    for (title, _), svg in zip(figures, svgs):
        found += [f"{title}: {d}" for d in defects(*measurer.boxes(svg))]
    return found


@needs_chromium
def test_no_slide_chart_and_no_picture_prints_text_over_text_at_any_demo_date(demo_engine, measurer):
    problems = []
    for day in DEMO_DATES:
        data = service.load(demo_engine, day)
        # English at the earliest date only, where the fewest completions leave the most room for labels to clash;
        # the later dates change the numbers, which the Vietnamese run covers (CI time: each pass costs ~20 s).
        for lang in ("vi", "en") if day == DEMO_DATES[0] else ("vi",):
            slides = [(f"{day} {lang} slide {title}", fig) for title, fig in slide_figures(data, lang)]
            footer = service.image_footer(data, lang)
            pictures = [(f"{day} {lang} image {spec.key}", for_image(fig, footer))
                        for spec, fig in dashboard_figures(data, lang)]
            problems += _problems(measurer, slides + pictures)
    assert not problems, "\n".join(problems[:20])


@needs_chromium
def test_row_labels_stand_clear_of_their_bars_in_every_picture_and_slide(demo_engine, measurer):
    # Fitted labels are the axis's ticktext, which plotly draws without the ticksuffix that kept them off the bars:
    # the labels touched the bars (≈2 px, 3 px in the 1920 px PNG).
    data = service.load(demo_engine, date(2011, 6, 30))
    footer = service.image_footer(data, "vi")
    figures = [(f"slide {title}", fig) for title, fig in slide_figures(data, "vi")]
    figures += [(f"image {spec.key}", for_image(fig, footer)) for spec, fig in dashboard_figures(data, "vi")]
    figures = [(title, fig) for title, fig in figures if fig.layout.yaxis.tickmode == "array"]  # rows, not values
    svgs = images.render_many([fig for _, fig in figures], "svg", exact=True)
    gaps = {title: measurer.row_label_gap(svg) for (title, _), svg in zip(figures, svgs)}
    assert len(gaps) >= 6 and None not in gaps.values(), gaps  # the bar charts, the Gantt chart, the heatmap
    assert all(gap >= LABEL_GAP_PX - 1 for gap in gaps.values()), "\n".join(f"{t}: {g}" for t, g in gaps.items())


@needs_chromium
def test_the_check_bites_on_labels_that_do_not_fit(measurer):
    # Today's screen figure put on a slide as it was: three-line area names in rows of one line.
    rows = ["Kiện toàn tổ<br>chức, bộ máy,<br>cán bộ", "Cơ sở vật chất,<br>trang thiết bị", "Bồi dưỡng nghiệp<br>vụ"] * 3
    fig = go.Figure(go.Bar(y=[f"{r}{'&#8203;' * i}" for i, r in enumerate(rows)], x=[1] * 9, orientation="h"))
    fig.update_layout(width=888, height=300, template="plotly_white", font={"size": 14})
    assert _problems(measurer, [("crowded", fig)])
    # The same rows laid out by for_slide: fitted to one line each, nothing overlaps.
    fig.update_yaxes(categoryorder="array", categoryarray=list(fig.data[0].y))
    assert not _problems(measurer, [("fitted", for_slide(fig))])


@needs_chromium
def test_the_heatmap_keeps_rows_of_18_px_or_more_whatever_the_filter(demo_engine, measurer):
    from tracking.analysis import compliance
    from tracking.charts.compliance import COLUMN_LABEL_PX, heatmap_figure
    from tracking.charts.fit import block_width

    data = service.load(demo_engine, date(2011, 6, 30))
    snap = data.snapshot
    filters = {"one unit": snap[snap["unit_code"] == "SNV"],
               "three districts' offices": compliance.filter_snapshot(snap, levels=("district",)).iloc[:60],
               "departments": compliance.filter_snapshot(snap, levels=("department",)),
               "one area, every level": compliance.filter_snapshot(snap, areas=("reporting",))}
    for name, rows in filters.items():
        matrix = compliance.status_matrix(rows)
        fig = heatmap_figure(matrix, "vi")
        assert "xấu nhất trong các kỳ" in fig.layout.title.subtitle.text.replace("<br>", " "), name
        assert all(block_width(x, 13) <= COLUMN_LABEL_PX + 20 for x in fig.data[0].x), name  # short names
        boxes, _, _ = measurer.boxes(images.render(fig, "svg", exact=True))
        units = {label.replace("<br>", "") for label in fig.data[0].y}
        centres = sorted((b.y0 + b.y1) / 2 for b in boxes if b.text in units)
        assert len(centres) == len(units), name
        pitch = min((b - a for a, b in zip(centres, centres[1:])), default=99)
        assert pitch >= 18, (name, pitch)
