"""Who may write what is decided in the services: leaders nothing, officers their own unit, inspectors all."""
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.accounts import PASSWORD, add_account
from tracking.db.models import QuantityUpdateRow, UpdateRow, UserRow
from tracking.errors import InvalidInput
from tracking.services.deadlines import set_deadline
from tracking.services.permissions import Actor, PermissionDenied
from tracking.services.quantities import QuantityCommand, record_quantities
from tracking.services.updates import UpdateCommand, record_update
from tracking.services.users import add_user, authenticate, disable_user
from tracking.uow import UnitOfWork

TODAY = date(2026, 11, 26)


def record(engine, by, unit="941", requirement="ORG-HUYEN"):
    with UnitOfWork(engine) as uow:
        return record_update(uow, UpdateCommand(unit, requirement, "done", "2010-10-15", by), today=TODAY)


def count(engine, table):
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def test_an_inspector_writes_every_unit(engine):
    add_account(engine, "thanhtra")
    assert record(engine, "thanhtra", "942") and record(engine, "thanhtra", "TTT", "ORG-SBN")


def test_a_leader_can_change_nothing(engine):
    add_account(engine, "lanhdao", "leader")
    with pytest.raises(PermissionDenied):
        record(engine, "lanhdao")
    with pytest.raises(PermissionDenied), UnitOfWork(engine) as uow:
        record_quantities(uow, QuantityCommand("941", {"dedicated_staff": 2}, "2010-10-01", "lanhdao"), today=TODAY)
    with pytest.raises(PermissionDenied), UnitOfWork(engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="lanhdao")
    with pytest.raises(PermissionDenied), UnitOfWork(engine) as uow:
        add_user(uow, "moi", "leader", PASSWORD, by=Actor("lanhdao", "leader"))
    assert count(engine, UpdateRow) == 0 and count(engine, QuantityUpdateRow) == 0


def test_a_unit_officer_writes_only_its_unit_and_a_district_officer_also_its_communes(engine):
    add_account(engine, "canbo941", "unit_officer", "941")
    add_account(engine, "canbosnv", "unit_officer", "SNV")
    assert record(engine, "canbo941")
    with pytest.raises(PermissionDenied, match="không được cập nhật đơn vị 942"):
        record(engine, "canbo941", "942")
    with pytest.raises(PermissionDenied, match="không được cập nhật đơn vị 941"):
        record(engine, "canbosnv")
    assert count(engine, UpdateRow) == 1


def test_a_district_officer_writes_for_one_of_its_communes(engine):
    from tracking.db.models import UnitRow
    with engine.connect() as conn:
        commune = conn.scalar(select(UnitRow.code).where(UnitRow.parent_code == "941").order_by(UnitRow.code))
        other = conn.scalar(select(UnitRow.code).where(UnitRow.parent_code == "942").order_by(UnitRow.code))
    add_account(engine, "canbo941", "unit_officer", "941")
    assert record(engine, "canbo941", commune, "ORG-XA")
    with pytest.raises(PermissionDenied):
        record(engine, "canbo941", other, "ORG-XA")


def test_an_unknown_or_disabled_user_writes_nothing(engine):
    add_account(engine, "thanhtra")
    with UnitOfWork(engine) as uow:
        disable_user(uow, "thanhtra", by="test")
    for name, words in (("thanhtra", "đã bị khóa"), ("ai_do", "không có người dùng")):
        with pytest.raises(InvalidInput, match=words) as err:
            record(engine, name)
        assert err.value.field == "by"
    assert count(engine, UpdateRow) == 0


def test_passwords_are_kept_only_as_argon2_hashes(engine):
    add_account(engine, "thanhtra")
    with engine.connect() as conn:
        stored = conn.scalar(select(UserRow.password_hash).where(UserRow.username == "thanhtra"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_sign_in_needs_the_right_password_and_an_active_account(engine):
    add_account(engine, "canbo941", "unit_officer", "941")
    with UnitOfWork(engine) as uow:
        assert authenticate(uow, "canbo941", PASSWORD) == Actor("canbo941", "unit_officer", "941", province_code="94")
        assert authenticate(uow, "canbo941", "sai-mat-khau") is None
        assert authenticate(uow, "khong_co", PASSWORD) is None
    with UnitOfWork(engine) as uow:
        disable_user(uow, "canbo941", by="test")
    with UnitOfWork(engine) as uow:
        assert authenticate(uow, "canbo941", PASSWORD) is None


@pytest.mark.parametrize("fields, field", [
    ({"role": "boss"}, "role"),
    ({"role": "unit_officer"}, "unit"),
    ({"unit_code": "941"}, "unit"),
    ({"role": "unit_officer", "unit_code": "000"}, "unit"),
    ({"password": "ngan"}, "password"),
    ({"username": "Tên Có Dấu"}, "username"),
])
def test_a_bad_account_is_refused_naming_the_field(engine, fields, field):
    args = {"username": "moi", "role": "inspector", "password": PASSWORD, "unit_code": None} | fields
    with pytest.raises(InvalidInput) as err, UnitOfWork(engine) as uow:
        add_user(uow, args["username"], args["role"], args["password"], by="test", unit_code=args["unit_code"])
    assert err.value.field == field
    assert count(engine, UserRow) == 0


def test_open_deadlines_are_set_by_inspectors_and_admins_but_plan_deadlines_are_kept(engine):
    from tracking.views.workflow import open_deadlines
    add_account(engine, "quantri", "admin")
    with UnitOfWork(engine) as uow:
        set_deadline(uow, "RUL-SBN", "2011-03-31", by="quantri", note="Công văn 12/TTr")
    row = open_deadlines(engine).set_index("requirement_code").loc["RUL-SBN"]
    assert row["deadline"] == date(2011, 3, 31) and row["set_by"] == "quantri" and row["set_at"] is not None
    with pytest.raises(InvalidInput, match="do kế hoạch quy định"), UnitOfWork(engine) as uow:
        set_deadline(uow, "ORG-HUYEN", "2011-03-31", by="quantri")
