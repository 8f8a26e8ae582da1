"""The heatmap's unit names never overlap: plotly spaces rows evenly, so the tallest wrapped name sets every row."""
from __future__ import annotations

import pandas as pd

from tracking.charts.compliance import heatmap_figure


def _matrix(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{
        "unit_code": f"U{i}", "unit_position": i, "unit_name": name, "unit_level": "department", "parent_name": None,
        "requirement_code": "ORG", "requirement_position": 0, "requirement_title": "Kiện toàn tổ chức",
        "status": "done_on_time", "periods": 1, "periods_done": 1,
    } for i, name in enumerate(names)])


def test_a_wrapped_name_makes_every_row_tall_enough_for_it():
    names = ["Sở Y tế", "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "Sở Tư pháp"]
    wrapped = heatmap_figure(_matrix(names), name_width=30)
    lines = max(label.count("<br>") + 1 for label in wrapped.data[0].y)
    assert lines >= 2
    assert wrapped.layout.height >= 230 + 26 * lines * len(names)


def test_the_page_keeps_unit_names_on_one_line():
    names = ["Sở Y tế", "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh"]
    assert not any("<br>" in label for label in heatmap_figure(_matrix(names), name_width=60).data[0].y)
