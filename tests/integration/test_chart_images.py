"""kaleido renders figures to 16:9 PNG and SVG through the system Chromium, reusing one browser."""
import io

import plotly.graph_objects as go
import pytest
from PIL import Image

from tracking.exports import images

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
