"""`bench draw` names the heavy figures by what they carry: traces, points, per-point texts, annotations."""
from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go

from tracking.benchmarks.draw import figure_size


def test_a_figure_is_sized_by_its_points_and_texts_whether_plotly_sends_lists_or_typed_arrays():
    fig = go.Figure(go.Heatmap(z=np.array([[0, 1, 2], [3, 4, 0]]), text=[["✓", "", "✗"], ["○", "–", "✓"]],
                               customdata=[["a", "b", "c"], ["d", "e", "f"]]))
    fig.add_scatter(x=list(range(40)), y=np.arange(40) * 0.5, mode="markers", hovertext=["u"] * 40)
    fig.add_annotation(text="Ngày xem", x=0, y=0)
    spec = json.loads(fig.to_json())
    assert "bdata" in spec["data"][0]["z"] and "bdata" in spec["data"][1]["y"]  # numpy: sent as base64 typed arrays
    size = figure_size(spec)
    assert size["traces"] == 2 and size["annotations"] == 1
    assert size["points"] == 6 + 40 and size["texts"] == 6 + 6 + 40


def test_a_page_reached_through_the_sidebar_comes_from_another_page_the_sidebar_links_to():
    from tracking.benchmarks.draw import DRAW_PAGES, NAVIGATED_FROM, page_stem
    from tracking.benchmarks.national_bench import PAGES
    from tracking.ui.navigation import PAGES as SIDEBAR

    linked = {page_stem(name) for name in PAGES if PAGES[name][0] in {spec.path for spec in SIDEBAR}}
    assert set(NAVIGATED_FROM) <= set(DRAW_PAGES) and "overview" in NAVIGATED_FROM
    for target, start in NAVIGATED_FROM.items():
        assert page_stem(start) != page_stem(target) and page_stem(target) in linked, target
        # the province the start page shows is the one the session keeps for the page clicked
        assert PAGES[start][1].get("province") == PAGES[target][1].get("province"), target
    assert page_stem("overview") == ""  # the default page is the site's root
