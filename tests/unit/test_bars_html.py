"""Status bars drawn as HTML on the page: the same numbers, labels and colours as the exported figure, escaped."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from html.parser import HTMLParser

import pandas as pd
import pytest

from tests.status_oracle import snapshot_frame, snapshot_row
from tracking.analysis import progress
from tracking.charts import bars_html
from tracking.charts import progress as progress_charts
from tracking.charts.palette import STATUS_COLORS, STATUSES, TEXT_ON, status_label
from tracking.charts.progress import StatusBars

AREAS = pd.DataFrame([{"code": "organisation", "name": "Kiện toàn tổ chức, bộ máy, cán bộ", "name_en": "Organisation",
                       "deadline": date(2010, 10, 30), "clause": "II.4"}])


class _Read(HTMLParser):
    """What a reader (and a screen reader) gets: rows' labels, segments, notes, axis marks, legend, in order."""

    def __init__(self, markup: str):
        super().__init__()
        self.found: dict[str, list] = {}
        self._open: list[tuple[str, dict]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "br":
            if self._open:
                self._open[-1][1]["text"] += "\n"
            return
        kind = next((c for c in (attrs.get("class") or "").split() if c.startswith("tkb-")), tag)
        attrs["text"] = ""
        self._open.append((kind, attrs))
        self.found.setdefault(kind, []).append(attrs)

    def handle_endtag(self, tag):
        if tag != "br" and self._open:
            kind, attrs = self._open.pop()
            if self._open:  # a child's words are its parent's too (a segment's <span>)
                self._open[-1][1]["text"] += attrs["text"]

    def handle_data(self, data):
        if self._open:
            self._open[-1][1]["text"] += data


def _tally(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame([{s: row.get(s, 0) for s in STATUSES} for row in rows])
    table["total"] = table[list(STATUSES)].sum(axis=1)
    return table


def _style(attrs: dict, name: str) -> str:
    return re.search(rf"(?:^|;){name}:([^;]+)", attrs["style"]).group(1)


def test_each_segment_says_its_count_its_status_and_its_share_in_the_status_colours():
    table = _tally([{"done_on_time": 30, "done_late": 10, "overdue": 40, "open": 19, "no_deadline": 1}])
    page = _Read(bars_html.to_html(StatusBars("Tiến độ theo lĩnh vực", ("Kinh phí",), table, "vi",
                                              notes=("80% · quá hạn 3 ngày<br>trước ngày 30/10/2010",))))
    segments = page.found["tkb-seg"]
    assert [float(_style(s, "width").rstrip("%")) for s in segments] == [30, 10, 40, 19, 1]
    assert [_style(s, "color") for s in segments] == [TEXT_ON[s] for s in STATUSES]
    assert [_style(s, "background") for s in segments][:4] == [STATUS_COLORS[s] for s in STATUSES[:4]]
    assert "repeating-linear-gradient" in _style(segments[4], "background")  # "no deadline": hatched, as in print
    # The number is in the segment where it fits; a sliver keeps it in its title, as Plotly's hover did.
    assert [s["text"] for s in segments] == ["30", "10", "40", "19", ""]
    assert segments[4]["title"] == "Kinh phí — Chưa có hạn: 1 (1,0%)"
    assert segments[2]["title"] == "Kinh phí — Quá hạn: 40 (40,0%)"
    assert page.found["tkb-label"][0]["text"] == "Kinh phí"
    assert page.found["tkb-note"][0]["text"] == "80% · quá hạn 3 ngày\ntrước ngày 30/10/2010"
    assert page.found["tkb-bar"][0]["aria-label"] == (
        "Kinh phí: Hoàn thành đúng hạn: 30 (30,0%); Hoàn thành trễ hạn: 10 (10,0%); Quá hạn: 40 (40,0%); "
        "Chưa đến hạn: 19 (19,0%); Chưa có hạn: 1 (1,0%)")
    assert [k["text"] for k in page.found["tkb-key"]] == [status_label(s, "vi") for s in STATUSES]
    assert [a["text"] for a in page.found["span"] if "left:" in a.get("style", "")] == [
        "0%", "20%", "40%", "60%", "80%", "100%"]


def test_count_bars_share_one_round_scale_so_that_longer_means_more():
    table = _tally([{"overdue": 7, "open": 3, "no_deadline": 2}, {"overdue": 3}])
    page = _Read(bars_html.to_html(StatusBars("Các đơn vị chậm nhất", ("Ban Dân tộc", "Xã Nhơn Mỹ"), table, "vi",
                                              percent=False)))
    widths = [float(_style(s, "width").rstrip("%")) for s in page.found["tkb-seg"]]
    scale = 15  # 12 milestones at most: steps of 5 up to 15
    assert widths == pytest.approx([100 * n / scale for n in (7, 3, 2, 3)], abs=0.01)
    assert [a["text"] for a in page.found["span"] if "left:" in a.get("style", "")] == ["0", "5", "10", "15"]
    assert [s["text"] for s in page.found["tkb-seg"]] == ["7", "3", "2", "3"]


def test_text_from_the_data_is_escaped_and_vietnamese_is_kept_as_written():
    name = "Xã <b>Nhơn</b> Mỹ & \"Kế Sách\" <script>alert(1)</script>"
    table = _tally([{"overdue": 2}])
    markup = bars_html.to_html(StatusBars("Tiến độ <i>của</i> xã", (name,), table, "vi", percent=False,
                                          subtitle="10 trong 70 đơn vị <có> mốc quá hạn"),
                               stamp="Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa")
    assert "<script" not in markup and "<b>" not in markup and "<i>" not in markup and "<có>" not in markup
    page = _Read(markup)
    assert page.found["tkb-label"][0]["text"] == name  # read back exactly: escaped, not dropped
    assert page.found["tkb-seg"][0]["title"] == f"{name} — Quá hạn: 2 (100,0%)"
    assert page.found["tkb-title"][0]["text"] == "Tiến độ <i>của</i> xã"
    assert [p["text"] for p in page.found["tkb-sub"]] == ["10 trong 70 đơn vị <có> mốc quá hạn",
                                                          "Tình hình đến ngày 31/03/2011 · Dữ liệu minh họa"]
    assert unicodedata.is_normalized("NFC", markup)


def test_the_page_bars_and_the_exported_figure_show_the_same_rows_and_numbers():
    snap = snapshot_frame(snapshot_row("941", status="done_on_time", completed=date(2010, 10, 1)),
                          snapshot_row("942", status="overdue"), snapshot_row("943", status="overdue"))
    bars = progress_charts.area_progress_bars(progress.area_progress(snap, AREAS, date(2010, 11, 9)), "vi")
    fig = progress_charts.figure(bars)
    page = _Read(bars_html.to_html(bars))
    drawn = {t.name: list(t.text) for t in fig.data if t.type == "bar"}
    shown = {s["title"].split(" — ")[1].split(":")[0]: s["text"] for s in page.found["tkb-seg"]}
    assert shown == {name: texts[0] for name, texts in drawn.items() if texts[0]}
    assert [label["text"] for label in page.found["tkb-label"]] == ["Kiện toàn tổ chức, bộ máy, cán bộ"]
    assert [" ".join(t.strip() for t in text.split("<br>")) for text in fig.layout.yaxis2.ticktext] == [
        page.found["tkb-note"][0]["text"].replace("\n", " ")]


def test_an_empty_chart_says_why_in_the_readers_language():
    empty = progress_charts.units_behind_bars(progress.units_behind(snapshot_frame()), "en")
    page = _Read(bars_html.to_html(empty))
    assert page.found["tkb-empty"][0]["text"] == "No unit has an overdue milestone"
    assert "tkb-seg" not in page.found


def test_a_round_step_keeps_the_scale_readable():
    assert [bars_html.nice_step(top) for top in (1, 4, 12, 13, 37, 202, 1000)] == [1, 1, 5, 5, 10, 50, 200]
