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


def test_slanted_column_names_have_room_fixed_at_the_right_so_the_grid_never_chases_its_last_name():
    """A right margin grown to fit the last slanted name narrows the columns, which moves the name back: plotly then
    redrew Hà Nội's heatmap 24 times at the dashboard's 980 px. The room is fixed instead, and enough for the name."""
    from tracking.charts.compliance import SLANT_OVERHANG_PX
    from tracking.charts.fit import block_width

    matrix = _matrix(["Sở Y tế", "Sở Tư pháp"]).assign(
        requirement_title="Tổ chức thực hiện việc tiếp công dân thường xuyên tại trụ sở và báo cáo kết quả")
    fig = heatmap_figure(matrix, name_width=60)
    assert fig.layout.xaxis.tickangle == -60
    assert fig.layout.xaxis.automargin is not True and "right" not in fig.layout.xaxis.automargin
    assert "width" not in fig.layout.xaxis.automargin
    reach = max(block_width(name, 13) for name in fig.data[0].x) / 2 + 13  # cos 60° = ½, and a line's height
    assert fig.layout.margin.r == SLANT_OVERHANG_PX >= reach


def test_upright_area_names_as_exported_keep_plotly_s_own_margins():
    fig = heatmap_figure(_matrix(["Sở Y tế"]), column_names={"ORG": "Kiện toàn tổ chức"})
    assert fig.layout.xaxis.automargin is True and fig.layout.margin.r == 20


def test_a_plan_with_many_requirements_names_each_column_by_one_vertical_line_that_fits_beside_the_next():
    """Sóc Trăng's 29 requirements on the page's ≈600 px of grid: two slanted lines per name ran over one another."""
    from tracking.charts.compliance import COLUMN_LABEL_PX, SLANT_COLUMNS_MAX
    from tracking.charts.fit import block_width

    titles = [f"Tổ chức thực hiện nhiệm vụ số {i} về tiếp công dân tại trụ sở" for i in range(SLANT_COLUMNS_MAX + 1)]
    matrix = pd.concat([_matrix(["Sở Y tế"]).assign(requirement_code=f"R{i}", requirement_position=i,
                                                    requirement_title=title) for i, title in enumerate(titles)])
    fig = heatmap_figure(matrix, name_width=60)
    names = list(fig.data[0].x)
    assert fig.layout.xaxis.tickangle == -90 and fig.layout.margin.r != 95
    assert len(set(names)) == len(names)  # shortened alike: told apart by their codes
    assert all("<br>" not in name and block_width(name, 13) <= COLUMN_LABEL_PX * 1.12 for name in names)
    few = heatmap_figure(matrix[matrix["requirement_position"] < SLANT_COLUMNS_MAX], name_width=60)
    assert few.layout.xaxis.tickangle == -60
