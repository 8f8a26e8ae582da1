"""The one forecast model (tracking.analysis.trend): per area, the whole plan never before its slowest area, nothing
past the horizon."""
from datetime import date, timedelta

import pandas as pd

from tests.status_oracle import snapshot_frame, snapshot_row
from tracking.analysis import trend
from tracking.charts import timeline as timeline_charts
from tracking.charts.fit import plain

AS_OF = date(2011, 6, 30)
AREAS = pd.DataFrame([
    {"code": "fast", "name": "Nhanh", "name_en": "Fast", "deadline": None},
    {"code": "slow", "name": "Chậm", "name_en": "Slow", "deadline": None},
])


def _plan(fast_left: int, fast_gained: int, slow_left: int, slow_gained: int):
    rows, changes = [], []
    for area, left, gained in (("fast", fast_left, fast_gained), ("slow", slow_left, slow_gained)):
        for i in range(gained):
            rows.append(snapshot_row(f"{area}{i}", area.upper(), "done_on_time", area=area, completed=date(2011, 6, 1)))
            changes.append({"fact_date": date(2011, 6, 1), "area": area, "requirement_code": area.upper(), "change": 1})
        rows += [snapshot_row(f"{area}-open{i}", area.upper(), "open", area=area) for i in range(left)]
    return pd.DataFrame(changes), snapshot_frame(*rows)


def test_the_whole_plan_is_never_forecast_before_its_slowest_area():
    changes, snap = _plan(fast_left=1, fast_gained=10, slow_left=10, slow_gained=1)
    areas = trend.area_projections(changes, snap, AREAS, AS_OF)
    whole = trend.overall_projection(changes, snap, AS_OF, areas=AREAS)
    slowest = max(areas["projected_on"])
    # A straight line through all milestones together would say 90 days; the slow area needs 900.
    assert trend.overall_projection(changes, snap, AS_OF).projected_on == AS_OF + timedelta(days=90)
    assert whole.projected_on == slowest == AS_OF + timedelta(days=900) and whole.set_by == "slow"


def test_nothing_is_forecast_past_the_horizon_and_the_whole_plan_says_which_area_stops_it():
    changes, snap = _plan(fast_left=1, fast_gained=10, slow_left=12, slow_gained=1)
    horizon = trend.horizon_for(date(2012, 1, 31), AS_OF)
    assert horizon == date(2014, 1, 31)
    areas = trend.area_projections(changes, snap, AREAS, AS_OF, horizon=horizon)
    slow = areas.set_index("code").loc["slow"]
    assert slow["projected_on"] is None and slow["state"] == trend.BEYOND_HORIZON
    assert slow["beyond_on"] == AS_OF + timedelta(days=1080)  # 14/06/2014: said in the table, never drawn
    whole = trend.overall_projection(changes, snap, AS_OF, areas=AREAS, horizon=horizon)
    assert whole.projected_on is None and whole.state == trend.AREA_UNKNOWN and whole.set_by == "slow"


def test_the_projection_chart_draws_only_inside_its_axis_and_states_its_method():
    changes, snap = _plan(fast_left=1, fast_gained=10, slow_left=12, slow_gained=1)
    horizon = trend.horizon_for(date(2012, 1, 31), AS_OF)
    areas = trend.area_projections(changes, snap, AREAS, AS_OF, horizon=horizon)
    whole = trend.overall_projection(changes, snap, AS_OF, areas=AREAS, horizon=horizon)
    fig = timeline_charts.projection_figure(areas, AS_OF, "vi", whole, date(2010, 6, 14))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    drawn = [pd.Timestamp(x) for t in fig.data for x in (t.x or ()) if x is not None]
    assert drawn and all(start <= x <= end for x in drawn)
    notes = [plain(n) for n in fig.layout.yaxis2.ticktext]
    assert "không dự báo được: sau 31/01/2014" in notes[1] and "Cả kế hoạch" in fig.layout.yaxis.categoryarray
    assert any("ngoại suy tốc độ 90 ngày gần nhất" in a.text for a in fig.layout.annotations)
