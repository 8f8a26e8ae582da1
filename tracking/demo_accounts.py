"""Demo accounts, created only with the demo data; their shared password is shown only while demo data is loaded."""
from __future__ import annotations

from sqlalchemy import Engine, select

from tracking.db.models import PlanRow, UserRow
from tracking.labels import DEMO_RECORDER
from tracking.services.users import add_user
from tracking.uow import UnitOfWork

DEMO_PASSWORD = "minhhoa2010"
DEMO_ACCOUNTS = (
    ("lanhdao", "leader", None, "Lãnh đạo UBND tỉnh (minh họa)"),
    ("thanhtra", "inspector", None, "Cán bộ Thanh tra tỉnh (minh họa)"),
    ("quantri", "admin", None, "Quản trị hệ thống (minh họa)"),
    ("canbo941", "unit_officer", "941", "Cán bộ TP Sóc Trăng (minh họa)"),
    ("canbosnv", "unit_officer", "SNV", "Cán bộ Sở Nội vụ (minh họa)"),
)


def create_demo_accounts(engine: Engine) -> int:
    """Add the demo accounts that do not exist yet; returns how many were added."""
    added = 0
    for username, role, unit, name in DEMO_ACCOUNTS:
        with UnitOfWork(engine) as uow:
            if uow.session.scalar(select(UserRow.id).where(UserRow.username == username)) is not None:
                continue
            # The demo is Sóc Trăng's: its leader and inspector belong to the default plan's province.
            province = None if role == "admin" or unit else uow.session.scalar(
                select(PlanRow.province_code).order_by(PlanRow.id).limit(1))
            add_user(uow, username, role, DEMO_PASSWORD, by=DEMO_RECORDER, unit_code=unit, display_name=name,
                     province_code=province)
            added += 1
    return added
