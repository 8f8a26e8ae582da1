"""The chart toolbar's picture is named after the chart and its date; its tooltips are Vietnamese."""
from __future__ import annotations

from datetime import date

from tracking.charts.toolbar import config, file_stem


def test_the_saved_picture_is_named_after_the_chart_and_its_date_in_plain_ascii():
    assert file_stem("Tiến độ theo lĩnh vực", date(2011, 6, 30)) == "tien-do-theo-linh-vuc-2011-06-30"
    assert file_stem("Các đơn vị chậm nhất (nhiều mốc quá hạn nhất)", date(2010, 11, 15)) == \
        "cac-don-vi-cham-nhat-nhieu-moc-qua-han-nhat-2010-11-15"
    assert file_stem("Đánh giá", None) == "danh-gia"


def test_the_toolbar_speaks_vietnamese_unless_the_page_is_english():
    vi = config("Tiến độ theo cấp", date(2011, 6, 30))
    assert vi["locale"] == "vi"
    assert vi["locales"]["vi"]["dictionary"]["Download plot as a PNG"] == "Tải biểu đồ (ảnh PNG)"
    assert vi["toImageButtonOptions"]["filename"] == "tien-do-theo-cap-2011-06-30"
    assert "locale" not in config("Progress by level", date(2011, 6, 30), "en")
