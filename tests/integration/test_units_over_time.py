"""Units with a life: a rename keeps the unit and its milestones with the name then in force; a merge closes the
old unit and the inspectorate's act moves its open milestones, leaving the completed ones where they were."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select, update

from tests.accounts import add_account
from tests.status_oracle import expected_counts
from tracking.charts.palette import STATUSES
from tracking.db.models import MilestoneClosureRow, MilestoneRow, UnitRow, UpdateRow, UserRow
from tracking.errors import DataFileError, TrackingError
from tracking.plans.loader import load_units
from tracking.services.deadlines import set_deadline
from tracking.services.updates import UpdateCommand, record_update
from tracking.uow import UnitOfWork
from tracking.units.changes import apply_changes, close_open_milestones, ended_units, load_changes, stored_units
from tracking.views.audit import audit_log
from tracking.views.dashboard import load_dashboard
from tracking.views.national import national_counts, status_totals
from tracking.views.snapshot import snapshot

DAI_NGAI = "31645"


def _names(engine, day: date, code: str) -> set[str]:
    snap = snapshot(engine, day)
    return set(snap.loc[snap["unit_code"] == code, "unit_name"])


def test_dai_ngai_is_a_commune_in_october_2010_and_a_town_in_2011_with_its_history_unbroken(demo_engine):
    october, next_year = date(2010, 10, 15), date(2011, 3, 1)
    assert _names(demo_engine, october, DAI_NGAI) == {"Xã Đại Ngãi"}
    assert _names(demo_engine, next_year, DAI_NGAI) == {"Thị trấn Đại Ngãi"}
    before, after = snapshot(demo_engine, october), snapshot(demo_engine, next_year)
    ids = lambda snap: set(snap.loc[snap["unit_code"] == DAI_NGAI, "milestone_id"])  # noqa: E731
    assert ids(before) == ids(after) and ids(before)  # the same unit, the same milestones
    with demo_engine.connect() as conn:
        facts = conn.execute(select(UpdateRow.fact_date).join(MilestoneRow, MilestoneRow.id == UpdateRow.milestone_id)
                             .where(MilestoneRow.unit_code == DAI_NGAI)).scalars().all()
    done_in_2010 = after[(after["unit_code"] == DAI_NGAI) & after["completed_on"].notna()]
    assert facts and all(d < next_year for d in done_in_2010["completed_on"])  # 2010 history read on the 2011 view
    board = load_dashboard(demo_engine, october)
    assert board.units.set_index("code").loc[DAI_NGAI, "name"] == "Xã Đại Ngãi"
    assert board.units.set_index("code").loc[DAI_NGAI, "kind"] == "xã"
    assert load_dashboard(demo_engine, next_year).units.set_index("code").loc[DAI_NGAI, "kind"] == "thị trấn"


def test_vinh_chau_has_a_town_and_communes_in_2010_and_wards_from_25_august_2011(demo_engine):
    assert _names(demo_engine, date(2011, 8, 24), "31783") == {"Thị trấn Vĩnh Châu"}
    assert _names(demo_engine, date(2011, 8, 25), "31783") == {"Phường 1"}
    snap = snapshot(demo_engine, date(2011, 9, 1))
    assert set(snap.loc[snap["unit_code"] == "31804", ["unit_name", "parent_name"]].itertuples(index=False, name=None)) == {
        ("Phường Vĩnh Phước", "Thị xã Vĩnh Châu")}
    assert set(snap.loc[snap["unit_code"] == "950", "unit_name"]) == {"Thị xã Vĩnh Châu"}


MERGE = """\
changes:
  - date: 2011-01-01
    kind: merge
    units: ["31642"]
    successor: "31648"
    act: "Nghị quyết thử nghiệm số 1/NQ-TEST"
"""


def _counts(engine, as_of: date) -> dict[str, int]:
    counts = Counter(snapshot(engine, as_of)["status"])
    return {status: counts.get(status, 0) for status in STATUSES}


def test_a_merge_moves_open_milestones_to_the_successor_and_leaves_closed_ones(engine, tmp_path):
    add_account(engine, "tt", "inspector", province="94")
    with UnitOfWork(engine) as uow:  # Song Phụng staffed its reception before the merge; its room never came
        record_update(uow, UpdateCommand("31642", "ORG-XA", "done", "2010-10-20", "tt"), today=date(2011, 6, 1))
        record_update(uow, UpdateCommand("31642", "FAC-XA", "in_progress", "2010-11-20", "tt", percent=40),
                      today=date(2011, 6, 1))
        uow.commit()
    path = tmp_path / "changes.yaml"
    path.write_text(MERGE, encoding="utf-8")
    assert apply_changes(engine, load_changes(path, stored_units(engine)), "tt") == 1
    assert apply_changes(engine, load_changes(path, stored_units(engine)), "tt") == 0  # loading again adds nothing
    with engine.connect() as conn:
        assert conn.scalar(select(UnitRow.valid_to).where(UnitRow.code == "31642")) == date(2010, 12, 31)
    before, after = date(2010, 12, 1), date(2011, 2, 1)
    counts_before = _counts(engine, before)
    done = close_open_milestones(engine, "31642", "moved", "tt")
    assert done["kept"] == 1 and done["moved"] >= 1 and done["closed"] == 0
    assert _counts(engine, before) == counts_before == expected_counts(engine, before)  # the past is not rewritten
    assert _counts(engine, after) == expected_counts(engine, after)
    assert status_totals(national_counts(engine, after)) == expected_counts(engine, after)  # the country view too
    snap = snapshot(engine, after)
    old = snap[snap["unit_code"] == "31642"]
    assert list(old["requirement_code"]) == ["ORG-XA"] and list(old["status"]) == ["done_on_time"]
    assert "FAC-XA" in set(snap.loc[snap["unit_code"] == "31648", "requirement_code"])
    with engine.connect() as conn:
        updates = conn.execute(select(UpdateRow.milestone_id).join(MilestoneRow, MilestoneRow.id == UpdateRow.milestone_id)
                               .where(MilestoneRow.unit_code == "31642")).all()
    assert len(updates) == 2  # both facts are still the old unit's
    assert close_open_milestones(engine, "31642", "moved", "tt") == {"moved": 0, "closed": 0, "kept": 1}


def test_closing_is_the_inspectorates_act_and_says_no_longer_applicable(engine, tmp_path):
    add_account(engine, "tt", "inspector", province="94")
    add_account(engine, "ld", "leader", province="94")
    path = tmp_path / "changes.yaml"
    path.write_text(MERGE, encoding="utf-8")
    apply_changes(engine, load_changes(path, stored_units(engine)), "tt")
    with pytest.raises(TrackingError, match="không được"):
        close_open_milestones(engine, "31642", "closed", "ld")
    done = close_open_milestones(engine, "31642", "closed", "tt")
    assert done["closed"] > 0 and done["moved"] == 0
    with engine.connect() as conn:
        notes = set(conn.scalars(select(MilestoneClosureRow.note)))
    assert notes == {"không còn áp dụng"}
    log = audit_log(engine, user="tt")
    assert set(log["action"]) == {"milestone_closed"} and set(log["unit_code"]) == {"31642"}  # in the audit log
    assert "31642" not in set(snapshot(engine, date(2011, 2, 1))["unit_code"])


def test_an_administrator_may_decide_and_another_provinces_inspector_may_not(engine, tmp_path):
    add_account(engine, "tt01", "inspector", province="94")
    with engine.begin() as conn:  # one province loaded: the account is put in another one by hand
        conn.execute(update(UserRow).where(UserRow.username == "tt01").values(province_code="01"))
    add_account(engine, "qt", "admin")
    path = tmp_path / "changes.yaml"
    path.write_text(MERGE, encoding="utf-8")
    apply_changes(engine, load_changes(path, stored_units(engine)), "qt")
    assert ended_units(engine, "01") == [] and ended_units(engine, "94")[0]["unit_code"] == "31642"
    with pytest.raises(TrackingError, match="chỉ được chuyển hoặc đóng mốc đơn vị thuộc"):
        close_open_milestones(engine, "31642", "moved", "tt01")
    waiting = ended_units(engine, "94")[0]["open"]
    assert close_open_milestones(engine, "31642", "moved", "qt", channel="app")["moved"] == waiting > 0
    assert ended_units(engine, "94")[0]["open"] == 0
    with engine.connect() as conn:
        assert set(conn.scalars(select(MilestoneClosureRow.channel))) == {"app"}


def test_a_change_naming_an_unknown_unit_or_overlapping_lives_is_refused_with_its_line(tmp_path):
    units = load_units()
    path = tmp_path / "changes.yaml"
    path.write_text(MERGE.replace('"31648"', '"99999"'), encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load_changes(path, units)
    assert any("dòng 2" in p and "'99999'" in p for p in refused.value.problems)
    path.write_text(MERGE, encoding="utf-8")
    overlapping = [u if u.code != "31642" else type(u)(**{**u.__dict__, "valid_to": date(2011, 3, 1)}) for u in units]
    with pytest.raises(DataFileError) as refused:
        load_changes(path, overlapping)
    assert any("trùng thời gian" in p for p in refused.value.problems)


def test_a_unit_moved_under_another_district_shows_the_parent_of_each_day(engine, tmp_path):
    path = tmp_path / "changes.yaml"
    path.write_text('changes:\n  - {date: 2011-01-01, kind: rename, unit: "31642", name: "Xã Song Phụng", parent: "947",'
                    ' act: "Nghị quyết thử nghiệm số 2/NQ-TEST"}\n', encoding="utf-8")
    apply_changes(engine, load_changes(path, stored_units(engine)), "test")
    row = lambda day: snapshot(engine, day).set_index("unit_code").loc["31642"].iloc[0]  # noqa: E731
    assert (row(date(2010, 12, 31))["parent_name"], row(date(2010, 12, 31))["district_code"]) == ("Huyện Long Phú", "946")
    assert (row(date(2011, 1, 1))["parent_name"], row(date(2011, 1, 1))["district_code"]) == ("Huyện Mỹ Xuyên", "947")
    assert load_dashboard(engine, date(2011, 1, 1)).units.set_index("code").loc["31642", "parent_code"] == "947"


def test_a_change_applied_after_a_snapshot_shows_in_the_next_one_whole_or_scoped(engine, tmp_path):
    def apply(line: str) -> None:
        path = tmp_path / "changes.yaml"
        path.write_text(f"changes:\n  - {{{line}, act: \"Nghị quyết thử nghiệm số 3/NQ-TEST\"}}\n", encoding="utf-8")
        apply_changes(engine, load_changes(path, stored_units(engine)), "test")

    def labels(day: date, **scope) -> tuple[set, set]:
        rows = snapshot(engine, day, **scope).set_index("unit_code").loc[["31642"]]
        return set(rows["parent_code"]), set(rows["parent_name"])

    apply('date: 2011-01-01, kind: rename, unit: "946", name: "Huyện Long Phú Mới"')
    for scope in ({}, {"unit_codes": ["31642"]}):  # what the changes touched is now kept with the catalogue
        assert labels(date(2011, 2, 1), **scope) == ({"946"}, {"Huyện Long Phú Mới"})
        assert labels(date(2010, 12, 31), **scope) == ({"946"}, {"Huyện Long Phú"})
    apply('date: 2011-06-01, kind: rename, unit: "31642", name: "Xã Song Phụng", parent: "947"')
    for scope in ({}, {"unit_codes": ["31642"]}):
        assert labels(date(2011, 7, 1), **scope) == ({"947"}, {"Huyện Mỹ Xuyên"})
        assert labels(date(2011, 2, 1), **scope) == ({"946"}, {"Huyện Long Phú Mới"})
    add_account(engine, "thanh_tra")
    with UnitOfWork(engine) as uow:  # the catalogue is refreshed for the deadline, its units' columns kept
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanh_tra")
    snap = snapshot(engine, date(2011, 7, 1))
    assert set(snap.loc[snap["requirement_code"] == "RUL-SBN", "deadline"]) == {date(2011, 3, 31)}
    for scope in ({}, {"unit_codes": ["31642"]}):
        assert labels(date(2011, 7, 1), **scope) == ({"947"}, {"Huyện Mỹ Xuyên"})
        assert labels(date(2011, 2, 1), **scope) == ({"946"}, {"Huyện Long Phú Mới"})
