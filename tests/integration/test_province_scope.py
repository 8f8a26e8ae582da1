"""Accounts of one province write only that province: updates, figures, imports (all or nothing) and deadlines.

Two provinces: Sóc Trăng (94, the demo, whose thanhtra is Sóc Trăng's) and a generated Hà Nội (01)."""
from __future__ import annotations

import io
import json
import os
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tests.accounts import add_account
from tests.conftest import PG_ENV, _fresh_pg_database
from tracking.cli import main
from tracking.db.engine import URL_ENV, make_engine
from tracking.db.migrate import downgrade, upgrade
from tracking.db.models import (
    DeadlineChangeRow, MilestoneRow, PlanRow, QuantityUpdateRow, RequirementRow, UnitRow, UpdateRow, UserRow,
)
from tracking.errors import InvalidInput
from tracking.imports.reader import read_rows
from tracking.imports.sample import xlsx_bytes
from tracking.units.national import generate
from tracking.services.deadlines import set_deadline
from tracking.services.importing import ImportRefused, import_updates
from tracking.services.permissions import PermissionDenied, load_actor, writable_unit_codes
from tracking.services.quantities import QuantityCommand, record_quantities
from tracking.services.reporting_schedule import set_reporting_schedule
from tracking.services.updates import UpdateCommand, record_update
from tracking.services.users import add_user, set_province
from tracking.uow import UnitOfWork
from tracking.views.audit import audit_log

TODAY = date(2026, 11, 26)
NATIONAL, HANOI = "ttcp", "thanhtra01"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def two(request, tmp_path_factory):
    """Generated once per engine; the tests below write only where they do not meet each other."""
    drop = None
    if request.param == "postgresql":
        if not os.environ.get(PG_ENV):
            pytest.skip(f"PostgreSQL: {PG_ENV} is not set")
        url, drop = _fresh_pg_database(os.environ[PG_ENV])
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('two') / 'tracking.sqlite3'}"
    engine = make_engine(url)
    generate(engine, 2, seed=7, progress=lambda *_: None)
    add_account(engine, NATIONAL, "inspector")
    add_account(engine, HANOI, "inspector", province="01")
    yield engine
    engine.dispose()
    if drop:
        drop()


def count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model))


def test_the_demo_inspector_may_not_update_a_unit_of_another_province(two):
    before = count(two, UpdateRow)
    with pytest.raises(PermissionDenied) as refused, UnitOfWork(two) as uow:
        record_update(uow, UpdateCommand("001", "ORG-HUYEN", "done", "2010-10-01", "thanhtra"), today=TODAY)
    assert str(refused.value) == ("Tài khoản thanhtra chỉ được cập nhật đơn vị thuộc Tỉnh Sóc Trăng; "
                                  "đơn vị 001 (Quận Ba Đình) thuộc Thành phố Hà Nội.")
    assert count(two, UpdateRow) == before


def test_each_inspector_updates_its_own_province_and_the_national_one_both(two):
    with UnitOfWork(two) as uow:
        record_update(uow, UpdateCommand("002", "ORG-HUYEN", "in_progress", "2010-10-01", HANOI), today=TODAY)
    with UnitOfWork(two) as uow:
        record_update(uow, UpdateCommand("942", "ORG-HUYEN", "in_progress", "2010-10-01", "thanhtra"), today=TODAY)
    for unit in ("003", "943"):
        with UnitOfWork(two) as uow:
            record_update(uow, UpdateCommand(unit, "ORG-HUYEN", "in_progress", "2010-10-01", NATIONAL), today=TODAY)
    with pytest.raises(PermissionDenied, match="thuộc Thành phố Hà Nội; đơn vị 944 .* thuộc Tỉnh Sóc Trăng"), \
            UnitOfWork(two) as uow:
        record_update(uow, UpdateCommand("944", "ORG-HUYEN", "in_progress", "2010-10-01", HANOI), today=TODAY)


def test_figures_of_another_province_are_refused(two):
    before = count(two, QuantityUpdateRow)
    with pytest.raises(PermissionDenied, match="thuộc Tỉnh Sóc Trăng; đơn vị 001"), UnitOfWork(two) as uow:
        record_quantities(uow, QuantityCommand("001", {"dedicated_staff": 2}, "2010-10-01", "thanhtra"), today=TODAY)
    assert count(two, QuantityUpdateRow) == before


def _rows(units: list[str]) -> list:
    rows = [{"unit_code": u, "requirement_code": "ORG-HUYEN", "period": "", "state": "in_progress",
             "date": date(2010, 11, 2), "percent": 30, "evidence": f"CV {i}", "note": ""} for i, u in enumerate(units)]
    return read_rows(xlsx_bytes(rows), "f.xlsx")


def test_an_import_with_one_row_of_another_province_writes_nothing_and_names_the_row(two):
    before = count(two, UpdateRow)
    rows = _rows(["945", "946", "947", "004", "948"])  # the fourth data row is Hà Nội's: sheet row 5
    with pytest.raises(ImportRefused) as refused, UnitOfWork(two) as uow:
        import_updates(uow, rows, "thanhtra", today=TODAY)
    problems = refused.value.result.problems
    assert [(p.row, p.column) for p in problems] == [(5, "unit_code")]
    assert str(problems[0]).startswith("dòng 5, cột unit_code: Tài khoản thanhtra chỉ được cập nhật đơn vị thuộc "
                                       "Tỉnh Sóc Trăng; đơn vị 004 (Quận ")
    assert str(problems[0]).endswith(") thuộc Thành phố Hà Nội.")
    assert count(two, UpdateRow) == before
    with UnitOfWork(two) as uow:  # the same rows without it, checked only: all fine
        assert import_updates(uow, _rows(["945", "946", "947", "948"]), "thanhtra", dry_run=True, today=TODAY).new == 4
    with UnitOfWork(two) as uow:
        assert import_updates(uow, rows, NATIONAL, dry_run=True, today=TODAY).new == 5


def test_deadlines_are_set_only_in_the_accounts_province(two):
    before = count(two, DeadlineChangeRow)
    with pytest.raises(PermissionDenied, match="chỉ được đặt thời hạn cho kế hoạch của Tỉnh Sóc Trăng; "
                                               "kế hoạch TCD-2010-01 thuộc Thành phố Hà Nội"), UnitOfWork(two) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="thanhtra", province="01")
    assert count(two, DeadlineChangeRow) == before
    with UnitOfWork(two) as uow:  # no province named: the setter's own plan
        set_deadline(uow, "RUL-SBN", "2011-04-30", by=HANOI)
    with two.connect() as conn:
        by_province = dict(conn.execute(
            select(UnitRow.province_code, func.max(MilestoneRow.deadline))
            .join(MilestoneRow, MilestoneRow.unit_code == UnitRow.code)
            .join(RequirementRow, RequirementRow.id == MilestoneRow.requirement_id)
            .where(RequirementRow.code == "RUL-SBN").group_by(UnitRow.province_code)).all())
    assert by_province["01"] == date(2011, 4, 30) and by_province["94"] != date(2011, 4, 30)


def test_the_units_an_inspector_may_write_are_its_provinces(two):
    with UnitOfWork(two) as uow:
        s = uow.session
        provinces = dict(s.execute(select(UnitRow.code, UnitRow.province_code)).all())
        mine = {provinces[c] for c in writable_unit_codes(s, load_actor(s, "thanhtra"))}
        hanoi = {provinces[c] for c in writable_unit_codes(s, load_actor(s, HANOI))}
        national = {provinces[c] for c in writable_unit_codes(s, load_actor(s, NATIONAL))}
    assert (mine, hanoi, national) == ({"94"}, {"01"}, {"94", "01"})


def test_a_new_reporting_schedule_gives_each_plans_quarters_to_its_own_provinces_units(two):
    with UnitOfWork(two) as uow:
        set_reporting_schedule(uow, "2010Q3", "2012Q1", {}, by="quantri")
    plan = aliased(PlanRow)
    with two.connect() as conn:
        pairs = set(conn.execute(
            select(UnitRow.province_code, plan.province_code).select_from(MilestoneRow)
            .join(UnitRow, UnitRow.code == MilestoneRow.unit_code)
            .join(RequirementRow, RequirementRow.id == MilestoneRow.requirement_id)
            .join(plan, plan.id == RequirementRow.plan_id)).all())
        added = conn.scalar(select(func.count()).select_from(MilestoneRow).where(MilestoneRow.period == "2012Q1"))
    assert pairs == {("94", "94"), ("01", "01")} and added > 0


def test_a_unit_officer_has_its_units_province_and_an_admin_none(two):
    with UnitOfWork(two) as uow:
        add_user(uow, "canbo001", "unit_officer", "mat-khau-thu", by="test", unit_code="001")
        assert uow.session.scalar(select(UserRow.province_code).where(UserRow.username == "canbo001")) == "01"
    for kwargs, reason in ((dict(role="unit_officer", unit_code="001", province_code="94"), "đơn vị 001 thuộc Thành phố Hà Nội"),
                           (dict(role="admin", province_code="94"), "phạm vi toàn quốc"),
                           (dict(role="inspector", province_code="99"), "không có kế hoạch của tỉnh mã '99'")):
        with pytest.raises(InvalidInput, match=reason), UnitOfWork(two) as uow:
            add_user(uow, "khac", password="mat-khau-thu", by="test", **kwargs)


def test_an_existing_database_gives_its_accounts_the_default_province_but_not_its_admins(demo_engine):
    add_account(demo_engine, "ttcp", "inspector")  # national now; before 0007 there was no such thing
    downgrade(demo_engine, "0004")
    upgrade(demo_engine)
    with demo_engine.connect() as conn:
        scope = dict(conn.execute(select(UserRow.username, UserRow.province_code)).all())
    assert scope == {"lanhdao": "94", "thanhtra": "94", "canbo941": "94", "canbosnv": "94", "ttcp": "94", "quantri": None}


def test_a_province_change_ends_the_sessions_and_is_in_the_audit_log(demo_engine):
    with UnitOfWork(demo_engine) as uow:
        set_province(uow, "thanhtra", None, by="test")
    with UnitOfWork(demo_engine) as uow:
        assert load_actor(uow.session, "thanhtra").province_code is None
        with pytest.raises(InvalidInput, match="đã có phạm vi toàn quốc"):
            set_province(uow, "thanhtra", None, by="test")
    with UnitOfWork(demo_engine) as uow:
        with pytest.raises(InvalidInput, match="cán bộ đơn vị có phạm vi là tỉnh của đơn vị mình"):
            set_province(uow, "canbo941", None, by="test")
    log = audit_log(demo_engine)
    changed = log[log["action"] == "user_province"]
    assert list(changed["subject"]) == ["thanhtra"] and "phạm vi toàn quốc" in changed["detail"].iloc[0]


@pytest.fixture
def console(demo_engine, monkeypatch, capsys):
    monkeypatch.setenv(URL_ENV, demo_engine.url.render_as_string(hide_password=False))

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refuses before main's own handling
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_the_users_commands_take_and_show_a_province(console):
    code, out, _ = console("users", "add", "thanhtra2", "--role", "inspector", "--province", "94", "--password-stdin",
                           stdin="mat-khau-thu\n")
    assert code == 0 and "phạm vi Tỉnh Sóc Trăng" in out
    code, out, _ = console("users", "add", "ttcp", "--role", "inspector", "--password-stdin", stdin="mat-khau-thu\n")
    assert code == 0 and "phạm vi toàn quốc" in out  # without --province: national, as before
    code, out, _ = console("users", "list", "--format", "json")
    listed = {u["username"]: u for u in json.loads(out)}
    assert (listed["thanhtra2"]["province_code"], listed["ttcp"]["province_code"], listed["quantri"]["province_code"]) \
        == ("94", None, None)
    code, out, _ = console("users", "province", "ttcp", "94")
    assert code == 0 and "Đã đổi 'ttcp' sang phạm vi Tỉnh Sóc Trăng" in out
    code, out, _ = console("users", "province", "ttcp", "--national")
    assert code == 0 and "phạm vi toàn quốc" in out
    code, _, err = console("users", "province", "ttcp", "99")
    assert code == 2 and "không có kế hoạch của tỉnh mã '99'" in err
    assert console("users", "province", "ttcp")[0::2] == (2, "Lỗi: tham số không hợp lệ — cần một trong các tham số: "
                                                            "code --national\n")
    code, _, err = console("users", "province", "ttcp", "94", "--national")
    assert code == 2 and "tham số --national không dùng cùng code" in err
    assert console("users", "add", "qt2", "--role", "admin", "--province", "94", "--password-stdin",
                   stdin="mat-khau-thu\n")[0] == 2


def test_the_deadline_command_takes_a_province(console):
    code, _, err = console("deadline", "RUL-SBN", "2011-03-31", "--by", "thanhtra", "--province", "99")
    assert code == 2 and "không có kế hoạch của tỉnh mã '99'" in err
    assert console("deadline", "RUL-SBN", "2011-03-31", "--by", "thanhtra", "--province", "94")[0] == 0


def test_the_template_of_another_provinces_units_lists_their_own_plans_milestones(two):
    """Hà Nội's inspector downloads a template of Hà Nội's units: their milestones, not an empty sheet."""
    from openpyxl import load_workbook

    from tracking.imports.template import template_bytes

    with UnitOfWork(two) as uow:
        units = writable_unit_codes(uow.session, load_actor(uow.session, HANOI))
    sheet = load_workbook(io.BytesIO(template_bytes(two, list(units), TODAY))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    with two.connect() as conn:
        expected = conn.scalar(select(func.count()).select_from(MilestoneRow).join(UnitRow).where(
            UnitRow.province_code == "01"))
    assert len(rows) == expected > 0
    assert {row[0] for row in rows} <= set(units)


def test_the_command_line_on_a_database_older_than_the_code_says_to_run_init_and_writes_nothing(demo_engine,
                                                                                             monkeypatch, capsys):
    """After a code upgrade, before `init`: a clear instruction, not "Lỗi hệ thống: OperationalError"."""
    downgrade(demo_engine, "0004")
    monkeypatch.setenv(URL_ENV, demo_engine.url.render_as_string(hide_password=False))
    with demo_engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(UpdateRow))
    code = main(["update", "941", "ORG-HUYEN", "--state", "done", "--date", "2011-01-05", "--by", "thanhtra"])
    assert code == 2
    assert "chạy `python -m tracking init`" in capsys.readouterr().err
    with demo_engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(UpdateRow)) == before
