"""Leader accounts for one load-test run, made through the account service (tracking.services.users) like any
other, each scoped to one province of the measured database (or the whole country), and disabled at the end.

Their names say what they were: `loadtest-<run>-<n>`, display name "Đo tải … (loadtest)", added by "loadtest"; a run
that was killed leaves them active, and `python -m tracking users disable NAME` ends them.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from tracking.db.models import MilestoneRow, PlanRow, UnitRow
from tracking.errors import InvalidInput
from tracking.services import users
from tracking.uow import UnitOfWork

PREFIX = "loadtest"
BY = "loadtest"  # the audit log's "recorded by" for the accounts' creation and disabling
UNIT_LEVELS = ("province", "department", "district")  # the unit page: the units a leader drills into


@dataclass(frozen=True)
class Account:
    username: str
    province: str | None  # None: national scope


def run_name(now: datetime | None = None) -> str:
    """A short, sortable name for this run's accounts (two runs in the same second get different suffixes)."""
    return f"{(now or datetime.now()):%m%d%H%M%S}{secrets.token_hex(1)}"


def provinces_of(engine: Engine) -> list[str]:
    """The provinces that have a plan in this database, by code."""
    with engine.connect() as conn:
        return sorted(set(conn.scalars(select(PlanRow.province_code))))


def choose_provinces(engine: Engine, count: int | None, seed: int) -> tuple[str, ...]:
    """`count` of the database's provinces, drawn by the seed (all of them when count is None or larger)."""
    every = provinces_of(engine)
    if not every:
        raise InvalidInput("--provinces", "CSDL chưa có kế hoạch nào")
    if count is None or count >= len(every):
        return tuple(every)
    if count < 1:
        raise InvalidInput("--provinces", "phải từ 1 trở lên")
    return tuple(sorted(random.Random(seed).sample(every, count)))


def units_of(engine: Engine, provinces: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Per province, the province-, department- and district-level units that have milestones (the unit page's
    choices a leader would pick)."""
    with engine.connect() as conn:
        rows = conn.execute(select(UnitRow.province_code, UnitRow.code).distinct()
                            .join(MilestoneRow, MilestoneRow.unit_code == UnitRow.code)
                            .where(UnitRow.province_code.in_(provinces), UnitRow.level.in_(UNIT_LEVELS))
                            .order_by(UnitRow.province_code, UnitRow.code)).all()
    found: dict[str, list[str]] = {}
    for province, code in rows:
        found.setdefault(province, []).append(code)
    return {province: tuple(codes) for province, codes in found.items()}


def create(engine: Engine, count: int, provinces: tuple[str, ...], national: int, password: str,
           run: str) -> list[Account]:
    """`count` leader accounts: the first `national` with national scope, the others spread over the provinces in
    turn. On a failure the ones already made are disabled again."""
    if count < 1:
        raise InvalidInput("--accounts", "phải từ 1 trở lên")
    if not 0 <= national <= count:
        raise InvalidInput("--national-accounts", f"phải từ 0 đến {count} (số tài khoản)")
    made: list[Account] = []
    try:
        for i in range(count):
            province = None if i < national else provinces[(i - national) % len(provinces)]
            account = Account(f"{PREFIX}-{run}-{i + 1:03d}", province)
            with UnitOfWork(engine) as uow:
                users.add_user(uow, account.username, "leader", password, by=BY, province_code=province,
                               display_name=f"Đo tải {i + 1} (loadtest)")
            made.append(account)
    except BaseException:
        disable(engine, made)
        raise
    return made


def disable(engine: Engine, accounts: list[Account]) -> None:
    """Disable the run's accounts (their sessions end with them); an account already disabled is left as it is."""
    for account in accounts:
        with UnitOfWork(engine) as uow:
            try:
                users.disable_user(uow, account.username, by=BY)
            except InvalidInput:
                pass
