"""The audit page on a generated three-province history: one page of fifty, a count, next/previous with the page in
the URL, filters that start again at page 1, and a unit picker that asks for the province first."""
from __future__ import annotations

from tests.app.test_national_page import country_db_url, country_env, open_page  # noqa: F401 (fixtures)
from tracking.views.audit import PAGE_SIZE


def _log(at):
    return at.dataframe[0].value


def test_the_history_is_shown_one_page_at_a_time(country_env):
    at = open_page("pages/audit.py")
    assert not at.exception
    first = _log(at)
    assert len(first) == PAGE_SIZE
    total_caption = next(c.value for c in at.caption if "thay đổi, mới nhất trước" in c.value)
    total = int(total_caption.split()[0].replace(".", ""))
    assert total > 10 * PAGE_SIZE and "đang xem 1–50" in total_caption
    assert any(c.value.startswith("Trang 1/") for c in at.caption)
    at.button(key="aud_page_next").click().run()
    second = _log(at)
    assert not at.exception and len(second) == PAGE_SIZE and at.query_params["page"] == "2"
    assert second.to_dict("records") != first.to_dict("records")
    assert any(c.value.startswith("Trang 2/") for c in at.caption)
    at.button(key="aud_page_back").click().run()
    assert list(_log(at)["Lúc ghi"]) == list(first["Lúc ghi"]) and "page" not in at.query_params


def test_a_link_opens_its_page_and_a_filter_goes_back_to_page_one(country_env):
    at = open_page("pages/audit.py", {"page": "3"})
    assert not at.exception and any(c.value.startswith("Trang 3/") for c in at.caption)
    at.selectbox(key="aud_action").set_value("user").run()
    assert not at.exception and "page" not in at.query_params and at.query_params["action"] == "user"
    assert set(_log(at)["Việc"]) <= {"Thêm người dùng", "Đăng nhập", "Đổi vai trò", "Khóa người dùng"}


def test_a_national_reader_picks_a_province_before_a_unit(country_env):
    at = open_page("pages/audit.py")
    assert [s.key for s in at.selectbox][:1] == ["aud_unit_province"]
    assert "aud_unit" not in [s.key for s in at.selectbox]  # no list of every unit of the country
    at.selectbox(key="aud_unit_province").set_value("01").run()
    units = at.selectbox(key="aud_unit")
    assert not at.exception and at.query_params["province"] == "01"
    labels = units.options[1:]  # what the reader sees: code — name (province)
    assert labels and all(label.endswith("(Thành phố Hà Nội)") for label in labels)
    code = labels[-1].split(" — ")[0]
    at.selectbox(key="aud_unit").set_value(code).run()
    assert not at.exception and set(_log(at)["Đơn vị"]) <= {code}
