"""The inspectorate's act on a merged unit's open milestones, from the Thời hạn page: chosen, confirmed, done once,
logged as the app's; a leader never sees the form and an inspector of another province is refused."""
from __future__ import annotations

from sqlalchemy import select, update

from tests.accounts import PASSWORD, add_account
from tests.integration.test_units_over_time import MERGE
from tests.app.test_workflow_pages import db, seeded_file, signed_in  # noqa: F401 (fixtures)
from tracking.db.engine import make_engine
from tracking.db.models import MilestoneClosureRow, MilestoneRow, UserRow
from tracking.units.changes import apply_changes, ended_units, load_changes, stored_units
from tracking.views.audit import audit_log


def _merged(db, tmp_path):
    engine = make_engine(db)
    path = tmp_path / "changes.yaml"
    path.write_text(MERGE, encoding="utf-8")
    apply_changes(engine, load_changes(path, stored_units(engine)), "test")
    return engine


def _deadlines_page(username: str, password: str | None = None):
    at = signed_in(username) if password is None else signed_in(username, password)
    return at.switch_page("pages/deadlines.py").run()


def test_an_inspector_moves_a_merged_units_open_milestones_after_confirming(db, tmp_path):
    engine = _merged(db, tmp_path)
    waiting = ended_units(engine, "94")[0]
    assert waiting["unit_code"] == "31642" and waiting["open"] > 0
    at = _deadlines_page("thanhtra")
    assert not at.exception
    listed = next(f.value for f in at.dataframe if "Mốc chưa xong chờ xử lý" in f.value.columns)
    assert list(listed["Mốc chưa xong chờ xử lý"]) == [waiting["open"]]
    assert "nhập vào Xã" in at.selectbox(key="cl_unit").format_func(0)
    at.radio(key="cl_action").set_value("moved")
    at = at.button(key="cl_submit").click().run()  # not confirmed: nothing is written, the reason is said
    assert at.error and "Chưa xác nhận" in at.error[0].value
    with engine.connect() as conn:
        assert conn.scalar(select(MilestoneClosureRow.id)) is None
    at.checkbox(key="cl_confirm").check()
    at = at.button(key="cl_submit").click().run()
    assert not at.exception and not at.error
    assert any(f"Đã chuyển {waiting['open']} mốc chưa xong" in s.value for s in at.success)
    with engine.connect() as conn:
        rows = conn.execute(select(MilestoneClosureRow.action, MilestoneClosureRow.channel,
                                   MilestoneClosureRow.decided_by)).all()
        moved_to = set(conn.scalars(select(MilestoneRow.unit_code).join(
            MilestoneClosureRow, MilestoneClosureRow.successor_milestone_id == MilestoneRow.id)))
    assert len(rows) == waiting["open"] and set(rows) == {("moved", "app", "thanhtra")} and moved_to == {"31648"}
    log = audit_log(engine, user="thanhtra")
    acts = log[log["action"].str.startswith("milestone_")]
    assert set(acts["action"]) == {"milestone_moved"} and set(acts["source"]) == {"app"} and len(acts) == len(rows)
    assert not ended_units(engine, "94")[0]["open"]  # done once: the form has nothing left for this unit
    assert not at.get("form") or "cl_form" not in [f.key for f in at.get("form")]


def test_an_administrator_closes_them_as_no_longer_applicable(db, tmp_path):
    engine = _merged(db, tmp_path)
    at = _deadlines_page("quantri")
    at.radio(key="cl_action").set_value("closed")
    at.checkbox(key="cl_confirm").check()
    at = at.button(key="cl_submit").click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        assert set(conn.scalars(select(MilestoneClosureRow.note))) == {"không còn áp dụng"}


def test_a_leader_has_no_form_and_another_provinces_inspector_is_not_offered_it(db, tmp_path):
    engine = _merged(db, tmp_path)
    at = _deadlines_page("lanhdao")
    assert at.error and not at.get("form")
    add_account(engine, "tt_khac", "inspector", province="94")
    with engine.begin() as conn:  # the demo holds one province: this account is moved to another one by hand
        conn.execute(update(UserRow).where(UserRow.username == "tt_khac").values(province_code="01"))
    at = _deadlines_page("tt_khac", PASSWORD)
    assert not at.exception
    assert "cl_submit" not in [b.key for b in at.button]
    with engine.connect() as conn:
        assert conn.scalar(select(MilestoneClosureRow.id)) is None
