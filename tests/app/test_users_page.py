"""The users page with an account per unit: a search and one page of fifty from the server, next/previous, the
forms acting on the accounts of the page shown, and a unit picker scoped to a province."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from tests.app.test_workflow_pages import db, seeded_file, signed_in  # noqa: F401 (fixtures)
from tracking.db.bulk import insert_rows
from tracking.db.engine import make_engine
from tracking.db.models import UnitRow, UserRow
from tracking.views.paging import PAGE_SIZE


def _an_account_per_unit(url: str) -> int:
    engine = make_engine(url)
    with engine.begin() as conn:
        units = list(conn.scalars(select(UnitRow.code).order_by(UnitRow.code)))
        insert_rows(conn, UserRow.__table__, ("username", "display_name", "role", "unit_code", "active", "created_at"),
                    ((f"cb_{code.lower()}", f"Cán bộ {code}", "unit_officer", code, True,
                      datetime(2026, 11, 1, tzinfo=timezone.utc)) for code in units))
    with engine.connect() as conn:
        total = conn.scalar(select(UserRow.id).order_by(UserRow.id.desc()).limit(1))
    engine.dispose()
    return total


def test_accounts_are_listed_a_page_at_a_time_and_found_by_a_search(db):
    total = _an_account_per_unit(db)
    assert total > 2 * PAGE_SIZE
    at = signed_in("quantri")
    at.switch_page("pages/users.py").run()
    assert not at.exception
    first = at.dataframe[0].value
    assert len(first) == PAGE_SIZE and any(c.value == f"{total} tài khoản." for c in at.caption)
    assert at.selectbox(key="usr_disable_name").options  # the accounts of this page, not all of them
    assert len(at.selectbox(key="usr_disable_name").options) <= PAGE_SIZE
    at.button(key="usr_page_next").click().run()
    second = at.dataframe[0].value
    assert not at.exception and at.query_params["page"] == "2"
    assert not set(first["Tên đăng nhập"]) & set(second["Tên đăng nhập"])
    at.text_input(key="usr_search").input("cb_941").run()
    found = at.dataframe[0].value
    assert not at.exception and "page" not in at.query_params and at.query_params["q"] == "cb_941"
    assert list(found["Tên đăng nhập"]) == ["cb_941"] and found["Đơn vị"].iloc[0] == "941 — Thành phố Sóc Trăng"
    assert at.selectbox(key="usr_disable_name").options == ["cb_941"]
