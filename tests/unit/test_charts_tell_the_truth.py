"""Charts a leader can trust: rows never merge, a cut list says what it leaves out, a missing forecast says why."""
from datetime import date

import pandas as pd

from tests.status_oracle import snapshot_frame, snapshot_row
from tracking.analysis import progress, schedule, trend
from tracking.charts import progress as progress_charts
from tracking.charts import timeline as timeline_charts
from tracking.labels import behind_note, distinct_labels, wrap

TRAINING = {  # the four II.4 training requirements: their titles agree on the first 60 characters
    "TRN-TSTCD": "Hoàn thành việc bồi dưỡng nghiệp vụ tiếp công dân, giải quyết khiếu nại, tố cáo cho toàn bộ cán bộ, "
                 "công chức làm việc tại Trụ sở tiếp công dân tỉnh.",
    "TRN-SBN": "Hoàn thành việc bồi dưỡng nghiệp vụ tiếp công dân, giải quyết khiếu nại, tố cáo cho toàn bộ cán bộ, "
               "công chức làm công tác tiếp công dân của Sở, Ban ngành.",
    "TRN-HUYEN": "Hoàn thành việc bồi dưỡng nghiệp vụ tiếp công dân, giải quyết khiếu nại, tố cáo cho toàn bộ cán bộ "
                 "làm công tác tiếp công dân cấp huyện.",
    "TRN-XA": "Hoàn thành việc bồi dưỡng nghiệp vụ tiếp công dân cho cán bộ kiêm nhiệm làm công tác tiếp công dân cấp xã.",
}


def training_snapshot() -> pd.DataFrame:
    rows = []
    for position, (code, title) in enumerate(TRAINING.items(), start=1):
        for unit in range(3):
            done = unit < position - 1  # TRN-TSTCD: none done, TRN-XA: all three done
            row = snapshot_row(f"U{unit}", code, "done_on_time" if done else "open", deadline=date(2011, 5, 31),
                               completed=date(2011, 4, unit + 1) if done else None, area="training",
                               requirement_position=position, unit_position=unit)
            rows.append({**row, "requirement_title": title, "clause": "II.4"})
    for quarter in ("2010Q3", "2010Q4"):  # one requirement, two periods: two rows
        rows.append(snapshot_row("U0", "REP-QUY", "open", period=quarter, deadline=date(2011, 1, 10),
                                 requirement_position=9))
    return snapshot_frame(*rows)


def test_the_deadlines_chart_has_one_row_per_requirement_and_period_with_distinct_labels():
    snap = training_snapshot()
    table = schedule.requirement_schedule(snap)
    fig = timeline_charts.gantt_figure(table, snap, date(2010, 6, 14), date(2011, 6, 30))
    rows = list(fig.layout.yaxis.categoryarray)
    assert len(rows) == len(table) == 6 and len(set(rows)) == 6
    assert [note.strip() for note in fig.layout.yaxis2.ticktext][:4] == ["0/3 xong", "1/3 xong", "2/3 xong", "3/3 xong"]
    marks = [y for trace in fig.data if trace.name == "Hoàn thành đúng hạn" for y in trace.y]
    assert sorted(marks.count(row) for row in rows[:4]) == [0, 1, 2, 3]  # each completion on its own requirement


def test_labels_of_texts_that_start_alike_show_where_they_differ():
    labels = distinct_labels(list(TRAINING.values()), 44)
    assert len(set(labels)) == 4 and all(len(label) <= 64 for label in labels)
    assert "Trụ sở" in labels[0] and "Sở, Ban" in labels[1]
    assert distinct_labels(["Kinh phí", "Kinh phí"]) == ["Kinh phí", "Kinh phí"]


def test_a_long_name_is_wrapped_never_cut():
    name = "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh"
    assert wrap(name, 30).replace("<br>", " ") == name and "…" not in wrap(name, 30)


def tied_snapshot():
    rows = [snapshot_row(f"A{i}", f"R{j}", "overdue", unit_position=i, requirement_position=j)
            for i in range(2) for j in range(3)]  # two units with 3 overdue
    rows += [snapshot_row(f"B{i}", "R0", "overdue", unit_position=10 + i) for i in range(4)]  # four tied at 1
    return snapshot_frame(*rows)


def test_the_units_behind_list_says_how_many_it_leaves_out_and_the_tie_it_cuts():
    snap = tied_snapshot()
    cut = progress.behind_cut(snap, limit=3)
    assert (cut.shown, cut.with_overdue, cut.tied_left_out, cut.tie_overdue) == (3, 6, 3, 1)
    note = behind_note(cut)
    assert "3 trong 6 đơn vị" in note and "3 đơn vị khác cũng có 1 mốc quá hạn" in note
    fig = progress_charts.units_behind_figure(progress.units_behind(snap, limit=3), "vi", note)
    assert "3 đơn vị khác" in fig.layout.title.subtitle.text
    assert behind_note(progress.behind_cut(snap, limit=10)) == ""  # nothing left out: nothing to say


def test_an_unfinished_area_without_a_forecast_says_why():
    snap = snapshot_frame(
        snapshot_row("941", status="done_on_time", completed=date(2010, 9, 1)),
        snapshot_row("942", status="overdue", unit_position=2),
    )
    changes = pd.DataFrame({"fact_date": [date(2010, 9, 1)], "area": ["organisation"],
                            "requirement_code": ["ORG-HUYEN"], "change": [1]})
    areas = pd.DataFrame([{"code": "organisation", "name": "Kiện toàn tổ chức", "name_en": "Organisation",
                           "deadline": date(2010, 10, 30)}])
    as_of = date(2012, 1, 31)
    table = trend.area_projections(changes, snap, areas, as_of)
    assert table.loc[0, "projected_on"] is None and table.loc[0, "overdue"] == 1
    note = timeline_charts.projection_figure(table, as_of).layout.yaxis2.ticktext[0]
    assert "90 ngày" in note and "1 quá hạn" in note and "chưa đủ tiến triển" not in note


def test_the_as_of_label_sits_above_the_rows_not_on_the_first_one():
    snap = training_snapshot()
    fig = timeline_charts.gantt_figure(schedule.requirement_schedule(snap), snap, date(2010, 6, 14), date(2011, 6, 30))
    label = next(a for a in fig.layout.annotations if a.text.startswith("Ngày xem"))
    assert label.yref == "paper" and label.y == 1 and label.yanchor == "bottom"


def test_page_tables_show_the_shares_before_the_counts_so_a_narrow_page_does_not_hide_them():
    from tracking.tables import reporting_rates_table, units_table

    columns = list(units_table(progress.unit_scores(tied_snapshot())).columns)
    assert columns.index("Tỷ lệ đúng hạn (%)") < columns.index("Đúng hạn") and columns[2] == "Hoàn thành (%)"
    rates = pd.DataFrame({"district_code": ["941"], "expected": [6], "received": [5], "on_time": [4],
                          "reporting_rate": [83.3], "timeliness": [66.7]})
    assert list(reporting_rates_table(rates, {}, "Huyện").columns)[1:3] == ["Tỷ lệ đã nộp (%)", "Tỷ lệ đúng hạn (%)"]


def test_a_units_milestone_table_shows_the_status_before_the_long_task_text():
    import pandas as pd

    from tracking.tables import milestones_table

    snap = pd.DataFrame({"requirement_code": ["ORG-SBN"], "requirement_title": ["Rà soát " * 20], "clause": ["III.5"],
                         "period": [""], "deadline": [None], "deadline_source": ["set"], "deadline_clause": [None],
                         "status": ["open"], "completed_on": [None], "percent": [None], "evidence": [None]})
    columns = list(milestones_table(snap).columns)
    assert columns.index("Tình trạng") == 1 < columns.index("Nội dung")
