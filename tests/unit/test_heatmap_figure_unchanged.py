"""The Plotly heatmap the exports render (PNG, SVG, slides; and the compliance page's picture) stays byte for byte what
it was when the page drew it with Plotly: the page's HTML grid shares its cells (heatmap_cells), not its drawing.

The digests were taken from the code before the page's grid (main at 37639f9) with the pinned plotly; a deliberate
change to the figure updates them (print `_digests()`): the exported picture's row names are now shown whole where they
fit ("… Hội đồng nhân dân tỉnh", was "… Hội đồng nhân dân…", its margin 20 px wider: tracking.charts.fit.whole_width);
the exported picture's and the slide's row names stand 6 px off the grid (`ticklabelstandoff`, the JSON's only change:
fitted names are ticktext, which plotly draws without the axis's ticksuffix gap, and touched the cells)."""
from __future__ import annotations

import hashlib

import pandas as pd

from tracking.charts.compliance import SLANT_COLUMNS_MAX, heatmap_figure
from tracking.charts.palette import STATUSES
from tracking.charts.slide import for_image, for_slide

UNITS = [("SNV", "Sở Nội vụ", "department", None),
         ("VPDDBQH", "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "department", None),
         ("941", "Thành phố Sóc Trăng", "district", None),
         ("31507", "Phường 1", "commune", "Thành phố Sóc Trăng"), ("31510", "Phường 2", "commune", "Thành phố Sóc Trăng")]


def _matrix(columns: int) -> pd.DataFrame:
    """Every status, gaps, quarterly cells of several periods, titles that shorten alike (their code is added)."""
    rows = []
    for i, (code, name, level, parent) in enumerate(UNITS):
        for j in range(columns):
            if (i + j) % 3 == 2:
                continue  # a gap: no such requirement for this unit
            title = (f"Báo cáo định kỳ hằng quý về công tác tiếp công dân của đơn vị số {j}" if j % 4 == 3
                     else f"Kiện toàn tổ chức bộ máy và cán bộ làm nhiệm vụ tiếp công dân {j}")
            rows.append({"unit_code": code, "unit_position": i, "unit_name": name, "unit_level": level,
                         "parent_name": parent, "requirement_code": f"R-{j:02d}", "requirement_position": j,
                         "requirement_title": title, "status": STATUSES[(i * 7 + j) % len(STATUSES)],
                         "periods": 4 if j % 4 == 3 else 1, "periods_done": (i + j) % 5 if j % 4 == 3 else 0})
    return pd.DataFrame(rows)


def _figures() -> dict[str, object]:
    few, many = _matrix(6), _matrix(SLANT_COLUMNS_MAX + 5)
    areas = {f"R-{j:02d}": f"Lĩnh vực {j}" for j in range(6)}
    return {
        "page slanted vi": heatmap_figure(few, "vi", name_width=60),
        "page vertical vi": heatmap_figure(many, "vi", name_width=60),
        "page vertical en": heatmap_figure(many, "en", name_width=60),
        "export areas vi": heatmap_figure(few, "vi", "Tuân thủ theo lĩnh vực", column_names=areas),
        "image areas en": for_image(heatmap_figure(few, "en", "Compliance per area", column_names=areas),
                                    "As of 30/06/2011"),
        "slide areas vi": for_slide(heatmap_figure(few, "vi", column_names=areas, name_width=26)),
        "empty vi": heatmap_figure(few.iloc[0:0], "vi"),
    }


def _digests() -> dict[str, str]:
    return {name: hashlib.sha256(fig.to_json().encode()).hexdigest()[:20] for name, fig in _figures().items()}


BEFORE = {
    "page slanted vi": "c9fcfbcb995e7f13d5b8",
    "page vertical vi": "6ab5d3e52b5af7d2ea8f",
    "page vertical en": "2b6ed13bc5cd36d109bf",
    "export areas vi": "0fb9549e4d49c86fa64b",
    "image areas en": "d140173ffe79d3e7d5dc",
    "slide areas vi": "125dded061c0c929ef53",
    "empty vi": "11e87ef7d69632b29213",
}


def test_the_heatmap_figures_are_byte_for_byte_those_drawn_before_the_page_grid():
    assert _digests() == BEFORE
