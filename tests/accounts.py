"""Accounts for tests, created through the real service (argon2 and all)."""
from tracking.services.users import add_user
from tracking.uow import UnitOfWork

PASSWORD = "mat-khau-thu"


def add_account(engine, username: str, role: str = "inspector", unit: str | None = None,
                province: str | None = None) -> str:
    with UnitOfWork(engine) as uow:
        add_user(uow, username, role, PASSWORD, by="test", unit_code=unit, province_code=province)
    return username
