"""At the three demo dates, every chart, slide and table gives the same forecast: the burn-up's whole-plan date is
the projection chart's 'Cả kế hoạch' row and the table's, never before the slowest area, never past the horizon,
always drawn inside the axis, and each figure says how the forecast is made."""
from datetime import date

import pandas as pd
import pytest

from tracking.charts.fit import plain
from tracking.charts.registry import area_forecasts, figure, horizon
from tracking.exports import service
from tracking.labels import fmt_date
from tracking.tables import projection_table

DEMO_DATES = (date(2010, 11, 1), date(2011, 6, 30), date(2012, 1, 31))
METHOD = "ngoại suy tốc độ 90 ngày gần nhất"


@pytest.mark.parametrize("day", DEMO_DATES)
def test_the_forecast_is_one_and_the_same_wherever_it_is_shown(demo_engine, day):
    data = service.load(demo_engine, day)
    areas, whole = area_forecasts(data)
    limit = horizon(data)
    dated = [d for d in areas["projected_on"] if d is not None and pd.notna(d)]
    assert all(d <= limit for d in dated)
    unfinished = areas[~areas["complete"]]
    if unfinished["projected_on"].isna().any() or any(d is None for d in unfinished["projected_on"]):
        assert whole.projected_on is None  # an area without a forecast leaves the whole plan without one
    else:
        assert whole.projected_on >= max(dated)
    burnup, chart = figure("burnup", data), figure("area_projection", data)
    for fig in (burnup, chart):
        start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
        drawn = [pd.Timestamp(x) for t in fig.data if t.mode and "lines" in t.mode or t.mode == "markers"
                 for x in (t.x if t.x is not None else ()) if x is not None and pd.notna(x)]
        assert all(start <= x <= end for x in drawn)
        assert any(METHOD in (a.text or "") for a in fig.layout.annotations)
    burnup_names = " ".join(t.name or "" for t in burnup.data)
    whole_note = plain(list(chart.layout.yaxis2.ticktext)[-1])
    table = projection_table(areas, whole, "vi")
    if whole.projected_on is None:
        assert "không dự báo được" in burnup_names.lower() and "không dự báo được" in whole_note
        assert pd.isna(table.iloc[-1]["Ngày hoàn thành (dự báo)"])
    else:
        assert fmt_date(whole.projected_on) in burnup_names and fmt_date(whole.projected_on) in whole_note
        assert table.iloc[-1]["Ngày hoàn thành (dự báo)"] == whole.projected_on
    assert table.iloc[-1]["Lĩnh vực"] == "Cả kế hoạch"
