"""The compliance heatmap drawn as HTML on the page: the Plotly heatmap's cells, order, names and colours, escaped."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from tracking.charts import heatmap_html
from tracking.charts.compliance import SLANT_COLUMNS_MAX, heatmap_figure
from tracking.charts.palette import STATUS_COLORS, STATUS_SYMBOLS, STATUSES, TEXT_ON, status_label

UNITS = [("SNV", "Sở Nội vụ", "department", None), ("STP", "Sở Tư pháp", "department", None),
         ("941", "Thành phố Sóc Trăng", "district", None), ("31507", "Phường 1", "commune", "Thành phố Sóc Trăng")]
REQS = [("ORG", "Kiện toàn tổ chức bộ máy tiếp công dân"), ("FAC", "Đầu tư cơ sở vật chất phòng tiếp công dân"),
        ("REP-QUY", "Báo cáo định kỳ hằng quý về công tác tiếp công dân")]


def _cell(unit: int, req: int, status: str, periods: int = 1, done: int = 0, units=UNITS, reqs=REQS) -> dict:
    code, name, level, parent = units[unit]
    return {"unit_code": code, "unit_position": unit, "unit_name": name, "unit_level": level, "parent_name": parent,
            "requirement_code": reqs[req][0], "requirement_position": req, "requirement_title": reqs[req][1],
            "status": status, "periods": periods, "periods_done": done}


def _matrix(*cells: dict) -> pd.DataFrame:
    return pd.DataFrame(list(cells))


class _Grid(HTMLParser):
    """What a reader gets: the title lines, the columns' names and titles, each row's name and its cells by column
    (an empty position is a gap, several in a row one spanning gap), the legend."""

    def __init__(self, markup: str):
        super().__init__()
        self.texts: dict[str, list[str]] = {}
        self.columns: list[dict] = []
        self.rows: list[str] = []
        self.cells: dict[tuple[str, int], dict] = {}
        self.keys: list[dict] = []
        self._open: list[tuple[str, dict]] = []
        self._column = 0
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "br":
            self._open[-1][1]["text"] += "<br>"
            return
        kind = next((c for c in (attrs.get("class") or "").split() if re.fullmatch(r"tkg-(?!s\d)[a-z-]+", c)), tag)
        attrs["text"] = ""
        self._open.append((kind, attrs))

    def handle_endtag(self, tag):
        if tag == "br":
            return
        kind, attrs = self._open.pop()
        if self._open:
            self._open[-1][1]["text"] += attrs["text"]
        inside = [k for k, _ in self._open]
        if kind == "tkg-col":
            self.columns.append(attrs)
        elif kind == "tkg-row":
            self.rows.append(attrs["text"])
            self._column = 0
        elif kind == "tkg-c" and "tkg-key" in inside:
            self.keys.append(attrs)
        elif kind == "tkg-c":
            self.cells[(self.rows[-1], self._column)] = attrs
            self._column += 1
        elif kind == "i":  # an empty position, or a run of them
            span = re.search(r"span (\d+)", attrs.get("style", ""))
            self._column += int(span.group(1)) if span else 1
        elif kind == "tkg-key":
            self.keys[-1]["label"] = attrs["text"][len(self.keys[-1]["text"]):]
        self.texts.setdefault(kind, []).append(attrs["text"])

    def handle_data(self, data):
        if self._open:
            self._open[-1][1]["text"] += data

    def status(self, cell: dict) -> str:
        return STATUSES[int(re.search(r"tkg-s(\d)", cell["class"]).group(1))]


MIXED = _matrix(_cell(0, 0, "done_on_time"), _cell(0, 2, "overdue", periods=4, done=2), _cell(1, 1, "done_late"),
                _cell(2, 0, "open"), _cell(2, 1, "no_deadline"), _cell(2, 2, "done_on_time", periods=4, done=4),
                _cell(3, 2, "overdue", periods=4, done=1))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_grid_has_the_figure_s_rows_columns_and_cells_in_the_same_order(lang):
    fig = heatmap_figure(MIXED, lang, name_width=heatmap_html.NAME_WIDTH)
    heat = fig.data[0]
    grid = _Grid(heatmap_html.to_html(MIXED, lang))
    assert grid.rows == [" ".join(name.split("<br>")) for name in heat.y] == [
        "Sở Nội vụ", "Sở Tư pháp", "Thành phố Sóc Trăng", "Phường 1 (TP Sóc Trăng)"]
    assert [c["text"] for c in grid.columns] == list(heat.x)
    drawn = {(grid.rows[i], j): (STATUSES[int(z)], heat.text[i][j])
             for i, row in enumerate(heat.z) for j, z in enumerate(row) if z is not None and z == z}
    assert {key: (grid.status(cell), cell["text"]) for key, cell in grid.cells.items()} == drawn
    assert len(drawn) == len(MIXED)


def test_each_cell_names_its_unit_requirement_and_status_on_hover_as_the_figure_did():
    grid = _Grid(heatmap_html.to_html(MIXED, "vi"))
    column = " ".join(grid.columns[2]["text"].split("<br>"))  # on one line: the title's lines are the tooltip's
    assert grid.cells[("Sở Nội vụ", 2)]["title"] == f"Sở Nội vụ\n{column}\nREP-QUY: Quá hạn — 2/4 kỳ đã báo cáo"
    assert grid.cells[("Sở Nội vụ", 0)]["title"].endswith("\nORG: Hoàn thành đúng hạn")
    assert grid.columns[1]["title"] == "FAC — Đầu tư cơ sở vật chất phòng tiếp công dân"  # the full title
    english = _Grid(heatmap_html.to_html(MIXED, "en"))
    assert english.cells[("Phường 1 (TP Sóc Trăng)", 2)]["title"].endswith("REP-QUY: Overdue — 1/4 periods reported")


def test_cells_take_the_status_palette_with_readable_text_and_the_figure_s_symbols():
    markup = heatmap_html.to_html(MIXED, "vi")
    for i, status in enumerate(STATUSES):
        rule = re.search(rf"\.tkg-s{i} \{{([^}}]*)\}}", markup).group(1)
        assert f"background: {STATUS_COLORS[status]};" in rule and f"color: {TEXT_ON[status]};" in rule
    assert "box-shadow" in re.search(r"\.tkg-s4 \{([^}]*)\}", markup).group(1)  # white "no deadline" is outlined
    grid = _Grid(markup)
    assert {grid.status(c): c["text"] for c in grid.cells.values()} == {s: STATUS_SYMBOLS[s] for s in STATUSES}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_legend_names_every_status_in_order_with_its_colour_and_symbol(lang):
    grid = _Grid(heatmap_html.to_html(MIXED, lang))
    assert [k["label"] for k in grid.keys] == [status_label(s, lang) for s in STATUSES]
    assert [grid.status(k) for k in grid.keys] == list(STATUSES)
    assert [k["text"] for k in grid.keys] == [STATUS_SYMBOLS[s] for s in STATUSES]


def test_text_from_the_data_is_escaped_everywhere_and_read_back_exactly():
    name = 'Xã <b>Nhơn</b> Mỹ & "Kế Sách" <script>alert(1)</script>'
    title = 'Báo cáo <i>quý</i> & "năm"'
    units = [("X1", name, "department", None)]
    reqs = [("R<1>", title)]
    markup = heatmap_html.to_html(_matrix(_cell(0, 0, "overdue", units=units, reqs=reqs)), "vi",
                                  stamp="Tình hình <đến> ngày 31/03/2011", title="Tuân thủ <u>x</u>")
    assert "<script" not in markup and "<b>" not in markup and "<i>quý" not in markup and "<u>" not in markup
    grid = _Grid(markup)
    assert grid.rows == [name]
    assert grid.columns[0]["title"] == f"R<1> — {title}"
    assert grid.cells[(name, 0)]["title"].startswith(f"{name}\n") and "R<1>: Quá hạn" in grid.cells[(name, 0)]["title"]
    assert grid.texts["tkg-title"] == ["Tuân thủ <u>x</u>"]
    assert "Tình hình <đến> ngày 31/03/2011" in grid.texts["tkg-sub"]


def test_runs_of_empty_positions_keep_every_cell_in_its_column():
    reqs = [(f"R{i}", f"Yêu cầu số {i}") for i in range(SLANT_COLUMNS_MAX + 4)]  # many columns: one vertical line each
    matrix = _matrix(_cell(0, 0, "overdue", reqs=reqs), _cell(0, 7, "open", reqs=reqs), _cell(0, 8, "open", reqs=reqs),
                     _cell(1, 19, "done_late", reqs=reqs), _cell(2, 3, "done_on_time", reqs=reqs),
                     *(_cell(3, j, "open", reqs=reqs) for j in range(len(reqs))))  # every column is someone's
    markup = heatmap_html.to_html(matrix, "vi")
    grid = _Grid(markup)
    assert sorted((grid.rows.index(r), c) for r, c in grid.cells) == [
        (0, 0), (0, 7), (0, 8), (1, 19), (2, 3), *((3, j) for j in range(len(reqs)))]
    assert 'style="grid-column: span 6"' in markup  # R1…R6 empty: one element, not six
    assert f"repeat({len(reqs)}, {heatmap_html.COLUMN_PX}px)" in markup
    assert all("<br>" not in c["text"] for c in grid.columns)  # as the figure: one line of name per column


def test_two_units_named_alike_get_two_rows_each_with_its_code_in_the_figure_too():
    """Thanh Hóa has two "Xã Đông Khê" in its city: the figure's pivot by name failed on them, the page with it."""
    units = [("16387", "Xã Đông Khê", "commune", "Thành phố Thanh Hóa"),
             ("16408", "Xã Đông Khê", "commune", "Thành phố Thanh Hóa")]
    matrix = _matrix(_cell(0, 0, "overdue", units=units), _cell(1, 0, "done_on_time", units=units))
    fig = heatmap_figure(matrix, "vi", name_width=heatmap_html.NAME_WIDTH)
    assert list(fig.data[0].y) == ["Xã Đông Khê (TP Thanh Hóa) (mã 16387)", "Xã Đông Khê (TP Thanh Hóa) (mã 16408)"]
    grid = _Grid(heatmap_html.to_html(matrix, "vi"))
    assert grid.rows == list(fig.data[0].y)
    assert [grid.status(grid.cells[(row, 0)]) for row in grid.rows] == ["overdue", "done_on_time"]


def test_past_the_bound_the_first_rows_are_drawn_and_the_note_says_how_many_of_how_many():
    units = [(f"U{i}", f"Xã số {i}", "department", None) for i in range(12)]
    matrix = _matrix(*(_cell(i, 0, "open", units=units) for i in range(12)))
    grid = _Grid(heatmap_html.to_html(matrix, "vi", max_rows=10))
    assert grid.rows == [f"Xã số {i}" for i in range(10)]
    assert any("Hiển thị 10 đơn vị đầu trong 12" in text for text in grid.texts["tkg-sub"])
    assert "tkg-sub" not in _Grid(heatmap_html.to_html(matrix, "vi", cell_note=("", ""))).texts


def test_an_empty_heatmap_says_why_in_the_readers_language():
    grid = _Grid(heatmap_html.to_html(_matrix(), "en", stamp="As of 31/03/2011"))
    assert grid.texts["tkg-empty"] == ["No milestones to show"]
    assert grid.texts["tkg-title"] == ["Compliance by unit and requirement"]
    assert not grid.cells and not grid.rows
