"""The unit page shows a unit as it was on the as-of date, and the changes it went through by then with their acts."""
from __future__ import annotations

from datetime import date

from tests.app.test_workflow_pages import db, seeded_file, signed_in  # noqa: F401 (fixtures)


def _unit_page(as_of: str):
    at = signed_in("lanhdao")
    at.query_params["unit"] = "31645"
    at = at.switch_page("pages/unit.py").run()
    return at.date_input[0].set_value(date.fromisoformat(as_of)).run()


def test_dai_ngai_is_a_commune_on_its_page_in_october_2010(db):
    at = _unit_page("2010-10-15")
    assert not at.exception
    picker = at.selectbox(key="unit_pick")
    assert picker.value == "31645" and "Xã Đại Ngãi" in picker.format_func(picker.value)
    assert not any("Văn bản" in frame.value.columns for frame in at.dataframe)  # no change had happened yet


def test_dai_ngai_is_a_town_from_december_2010_with_the_act_that_made_it(db):
    at = _unit_page("2011-03-01")
    assert not at.exception
    picker = at.selectbox(key="unit_pick")
    assert "Thị trấn Đại Ngãi" in picker.format_func(picker.value)
    changes = at.dataframe[0].value
    assert list(changes["Từ ngày"]) == ["10/12/2010"] and list(changes["Loại"]) == ["thị trấn"]
    assert "34/NQ-HĐND" in changes["Văn bản"].iloc[0]
