"""Every slide chart and every standalone picture, at the three demo dates in both languages, rendered by Chromium
and measured: no text printed over another, none leaving the picture (tests/text_boxes.py)."""
from datetime import date

import plotly.graph_objects as go
import pytest

from tests.text_boxes import Measurer, defects
from tracking.charts.registry import dashboard_figures, slide_figures
from tracking.charts.slide import for_image, for_slide
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
        for lang in ("vi", "en"):
            slides = [(f"{day} {lang} slide {title}", fig) for title, fig in slide_figures(data, lang)]
            footer = service.image_footer(data, lang)
            pictures = [(f"{day} {lang} image {spec.key}", for_image(fig, footer))
                        for spec, fig in dashboard_figures(data, lang)]
            problems += _problems(measurer, slides + pictures)
    assert not problems, "\n".join(problems[:20])


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
