"""Status cells of the page tables: drawn as labels in the status colours, the word readable on every label."""
from __future__ import annotations

import pandas as pd
import pytest

from tracking.charts.palette import STATUSES, TABLE_COLORS, status_label
from tracking.tables import Labels, cell_formats, compliance_table, milestones_table


def _luminance(hex_colour: str) -> float:
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


@pytest.mark.parametrize("status", STATUSES)
def test_the_word_on_each_status_label_reads_at_4_5_to_1_in_the_text_colour_the_grid_picks(status):
    fill = _luminance(TABLE_COLORS[status])
    text = 0.0 if fill > 0.5 else 1.0  # Streamlit's grid: black on a label brighter than 0.5, white otherwise
    light, dark = max(fill, text), min(fill, text)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_status_columns_become_labels_in_their_colours_and_other_text_stays_text():
    matrix = pd.DataFrame({
        "unit_code": ["941", "942"], "unit_name": ["Thành phố Sóc Trăng", "Huyện Châu Thành"],
        "unit_level": ["district"] * 2, "parent_name": [None] * 2, "unit_position": [1, 2],
        "requirement_code": ["ORG-1", "ORG-1"], "requirement_position": [1, 1], "status": ["overdue", "done_late"],
    })
    scores = pd.DataFrame({
        "unit_code": ["941", "942"], "unit_name": ["Thành phố Sóc Trăng", "Huyện Châu Thành"],
        "unit_level": ["district"] * 2, "parent_name": [None] * 2, "percent_done": [0.0, 100.0],
        "on_time_rate": [0.0, 50.5], "total": [1, 1], **{s: [0, 0] for s in STATUSES},
    })
    formats = cell_formats(compliance_table(matrix, scores))
    assert formats["ORG-1"] == Labels(("Quá hạn", "Trễ hạn"), (TABLE_COLORS["overdue"], TABLE_COLORS["done_late"]))
    assert not {"Mã", "Đơn vị", "Cấp"} & set(formats)  # codes, names and levels are not statuses
    assert not any(isinstance(formats.get(c), Labels) for c in ("Hoàn thành (%)", "Tỷ lệ đúng hạn (%)"))


def test_a_column_of_long_status_words_in_english_is_labelled_too_and_an_empty_table_has_no_labels():
    snap = pd.DataFrame({
        "requirement_code": ["ORG-1"], "status": ["open"], "requirement_title": ["Bố trí cán bộ"], "clause": ["II.1"],
        "period": [None], "deadline": [None], "deadline_source": ["set"], "completed_on": [None], "percent": [None],
        "evidence": [None],
    })
    formats = cell_formats(milestones_table(snap, "en"), "en")
    assert formats["Status"] == Labels((status_label("open", "en"),), (TABLE_COLORS["open"],))
    assert not [c for c, f in cell_formats(milestones_table(snap.iloc[:0], "en"), "en").items() if isinstance(f, Labels)]
