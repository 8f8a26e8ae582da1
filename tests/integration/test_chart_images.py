"""kaleido renders figures to 16:9 PNG and SVG through the system Chromium, reusing one browser."""
import io
import threading

import plotly.graph_objects as go
import pytest
from PIL import Image

from tracking.exports import browser, images

needs_chromium = pytest.mark.skipif(
    images.chromium_path() is None, reason="no Chromium for kaleido (apt-get install chromium)")


def figure(title="Tiến độ theo lĩnh vực"):
    fig = go.Figure(go.Bar(x=["Kiện toàn tổ chức", "Bồi dưỡng nghiệp vụ"], y=[3, 5]))
    return fig.update_layout(title=title)


@needs_chromium
def test_a_png_is_16_by_9_and_at_least_1600_by_900():
    width, height = Image.open(io.BytesIO(images.render(figure(), "png"))).size
    assert width >= 1600 and height >= 900 and width * 9 == height * 16


@needs_chromium
def test_an_svg_keeps_the_vietnamese_title_as_text():
    svg = images.render(figure("Bồi dưỡng nghiệp vụ — Đồng"), "svg").decode()
    assert svg.startswith("<svg") and "Bồi dưỡng nghiệp vụ — Đồng" in svg


@needs_chromium
def test_a_batch_comes_back_in_order_each_at_its_own_size_and_as_if_drawn_alone():
    wide, tall = figure().update_layout(width=888, height=396), figure("Đồng").update_layout(width=600, height=500)
    calls = []
    pngs = images.render_many((f for f in (wide, tall, wide)), "png", exact=True,
                              progress=lambda done, total: calls.append((done, total, threading.get_ident())))
    sizes = [Image.open(io.BytesIO(png)).size for png in pngs]
    assert [Image.open(io.BytesIO(png)).format for png in pngs] == ["PNG"] * 3
    assert sizes == [(1920, 856), (1920, 1600), (1920, 856)]
    # The tab is reused without reloading its page: a figure drawn after another comes out byte for byte the same.
    assert pngs[0] == pngs[2]
    assert calls == [(1, 3, threading.get_ident()), (2, 3, threading.get_ident()), (3, 3, threading.get_ident())]


@needs_chromium
def test_a_closed_browser_is_replaced_by_a_new_one_for_the_next_image():
    images.render(figure(), "svg")
    broken = browser.get()
    broken.close()  # as after a failure
    assert images.render(figure(), "svg").startswith(b"<svg")
    assert browser.get() is not broken and not browser.get().closed


def test_an_exported_figure_sets_its_template_whatever_the_default():
    import plotly.io as pio

    previous = pio.templates.default
    pio.templates.default = "plotly_dark"  # what importing streamlit does, with another template
    try:
        prepared = images.prepare(figure())
    finally:
        pio.templates.default = previous
    assert prepared.layout.template.layout.paper_bgcolor == pio.templates["plotly_white"].layout.paper_bgcolor


def test_without_chromium_the_message_says_so_and_points_to_the_other_exports(monkeypatch):
    monkeypatch.setattr(images, "chromium_path", lambda: None)
    with pytest.raises(images.ChromiumMissing) as caught:
        images.render(figure())
    assert "Chromium" in str(caught.value) and "Excel" in str(caught.value)


def test_file_names_are_plain_ascii():
    assert images.safe_filename("tiến độ/đúng hạn.png") == "tien_do_dung_han.png"


@needs_chromium
def test_one_charts_picture_is_its_picture_in_the_exported_folder(demo_engine):
    """What a page's 'Tải hình (PNG)' under an HTML chart gives: the exported PNG of that chart, byte for byte."""
    from datetime import date

    from tracking.exports import service

    data = service.load(demo_engine, date(2011, 3, 31))
    exported = {image.key: image.data for image in service.chart_images(data, "png")}
    assert service.chart_image(data, "area_progress", "png") == exported["area_progress"]
    assert service.chart_image(data, "units_behind", "png", "vi") == exported["units_behind"]


@needs_chromium
def test_the_compliance_page_s_heatmap_picture_is_its_plotly_figure_at_the_page_s_width_with_its_date(demo_engine):
    """What 'Tải hình (PNG)' under the page's HTML heatmap gives: the filtered Plotly heatmap as the chart toolbar
    saved it when the page drew it, with the as-of date and the demo label; the shared figure is left as it was."""
    from datetime import date

    from tracking.analysis import compliance
    from tracking.charts.compliance import heatmap_figure
    from tracking.exports import service

    data = service.load(demo_engine, date(2011, 3, 31))
    matrix = compliance.status_matrix(compliance.filter_snapshot(data.snapshot, levels=("department", "district")))
    fig = heatmap_figure(matrix, "vi", name_width=60)
    before = fig.to_json()
    width, height = Image.open(io.BytesIO(service.page_chart_image(data, fig, "png"))).size
    assert width == 1920 and height == round(fig.layout.height * 1920 / service.PAGE_CHART_WIDTH)
    svg = service.page_chart_image(data, fig, "svg").decode()
    assert "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa" in svg and "Sở Nội vụ" in svg
    assert fig.to_json() == before
