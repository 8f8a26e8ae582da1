"""Column widths that keep a table's decision columns inside its frame."""
from __future__ import annotations

from datetime import date

import pandas as pd

from tracking.table_widths import fit, natural_px


def _milestones(rows: int = 12) -> pd.DataFrame:
    return pd.DataFrame({
        "Yêu cầu": [f"ORG-{i}" for i in range(rows)],
        "Tình trạng": ["Hoàn thành đúng hạn"] * rows,
        "Nội dung": ["Bố trí cán bộ làm công tác tiếp công dân chuyên trách tại trụ sở tiếp công dân của tỉnh"] * rows,
        "Thời hạn": [date(2010, 10, 30)] * rows,
        "Ngày hoàn thành": [date(2010, 10, 1)] * rows,
        "Tiến độ (%)": [100.0] * rows,
        "Căn cứ": ["Quyết định số 1234/QĐ-UBND ngày 01/10/2010 của Ủy ban nhân dân tỉnh"] * rows,
    })


def test_a_table_that_fits_is_left_to_size_itself():
    small = pd.DataFrame({"Mã": ["941"], "Số mốc": [3]})
    assert fit(small).widths == {} and fit(small).pinned == ()


def test_a_wide_table_fits_its_frame_by_shrinking_the_long_text_while_dates_and_shares_keep_their_width():
    frame = _milestones()
    fitted = fit(frame, 975)
    assert sum(fitted.widths.values()) <= 975
    assert fitted.pinned == ()
    for column in ("Tình trạng", "Thời hạn", "Ngày hoàn thành", "Tiến độ (%)"):
        assert fitted.widths[column] == natural_px(frame, column), column
    assert fitted.widths["Nội dung"] < natural_px(frame, "Nội dung")


def test_a_matrix_too_wide_for_any_frame_pins_its_code_and_name():
    matrix = pd.DataFrame({"Mã": ["941"], "Đơn vị": ["Thành phố Sóc Trăng"],
                           **{f"REQ-{i:02d}": ["Quá hạn"] for i in range(40)}})
    fitted = fit(matrix, 975)
    assert fitted.pinned == ("Mã", "Đơn vị")
    assert all(fitted.widths[f"REQ-{i:02d}"] >= natural_px(pd.DataFrame({"x": ["Quá hạn"]}), "x") for i in range(40))


def test_half_a_page_is_a_narrower_frame():
    frame = _milestones()
    assert sum(fit(frame, 470).widths.values()) <= 470 or fit(frame, 470).pinned
