"""Many plans in one database (`generate --plans N`): for measuring that one plan's pages do not grow with the rest.

Each added plan is Sóc Trăng's plan file for a province already in the database, under its own code, its dates
moved a few days, with the requirements, milestones and about five facts per milestone that `generate` writes for a
province (tracking.units.national.write_plan, the same rows seeding the plan file makes). Plans go round the
provinces present, so with Sóc Trăng alone every added plan is another plan of Sóc Trăng (several plans of one
province, as the plan workspace publishes them).
"""
from __future__ import annotations

import random
from dataclasses import replace
from typing import Callable

from sqlalchemy import Engine, func, select, text

from tracking.db.bulk import reset_sequence
from tracking.db.models import MilestoneRow, PlanRow, UnitRow, UpdateRow
from tracking.domain.plan import Plan, Unit
from tracking.plans.seed import load_data
from tracking.setup import initialise
from tracking.units.national import TEMPLATE_PROVINCE, progress_bar, province_plan, write_plan
from tracking.units.pace import unit_pace

PREFIX = "KH-THU"  # the code of an added plan: KH-THU-<n>-<province>


def extra_plan_code(number: int, province: str) -> str:
    return f"{PREFIX}-{number:04d}-{province}"


def province_units(conn, province: str) -> list[Unit]:
    """The province's units as stored, in list order (what the milestones of a plan of that province are for)."""
    u = UnitRow.__table__
    rows = conn.execute(select(u).where(u.c.province_code == province).order_by(u.c.position)).mappings()
    return [Unit(code=r["code"], name=r["name"], level=r["level"], parent=r["parent_code"], short_name=r["short_name"],
                 group=r["group"], kind=r["kind"], verified=r["verified"], note=r["note"], valid_from=r["valid_from"],
                 valid_to=r["valid_to"]) for r in rows]


def extra_plan(template: Plan, province: str, province_name: str, number: int,
               seed: int = 42) -> tuple[Plan, random.Random]:
    """Sóc Trăng's plan as the `number`-th added plan, of `province` (its departments under the province's codes
    elsewhere), and the random stream its history goes on with: each plan its own, the same whatever N is."""
    rng = random.Random(f"{seed}-plan-{number}")
    plan = province_plan(template, {"code": province, "name": province_name}, rng.randint(-7, 21),
                         map_units=province != TEMPLATE_PROVINCE)
    return replace(plan, code=extra_plan_code(number, province),
                   title=f"{template.title} (kế hoạch thử quy mô số {number})",
                   title_en=f"{template.title_en} (scale test plan {number})" if template.title_en else None), rng


def place_name(names: dict[str, str], province: str) -> str:
    """'tỉnh Sóc Trăng' from the province unit's 'Ủy ban nhân dân tỉnh Sóc Trăng' (the plan's issuer is built back)."""
    return names.get(province, province).removeprefix("Ủy ban nhân dân ")


def add_plans(engine: Engine, count: int, seed: int = 42,
              progress: Callable[[int, int, str], None] = progress_bar) -> dict[str, int]:
    """Add `count` plans (after any added before) round the provinces that have a plan; the database's counts."""
    initialise(engine, demo=True)
    _, plans = load_data()
    template = plans[0]
    with engine.connect() as conn:
        provinces = list(dict.fromkeys(conn.scalars(select(PlanRow.province_code).order_by(PlanRow.id))))
        names = dict(conn.execute(select(UnitRow.province_code, UnitRow.name)
                                  .where(UnitRow.level == "province", UnitRow.province_code.in_(provinces))).all())
        done = conn.scalar(select(func.count()).select_from(PlanRow).where(PlanRow.code.like(f"{PREFIX}-%")))
        units = {p: province_units(conn, p) for p in provinces}
    for i in range(1, count + 1):
        number = done + i
        province = provinces[(number - 1) % len(provinces)]
        plan, rng = extra_plan(template, province, place_name(names, province), number, seed)
        with engine.begin() as conn:
            write_plan(conn, units[province], plan, rng, unit_pace(units[province], seed, province))
        progress(i, count, plan.code)
    with engine.begin() as conn:
        reset_sequence(conn, MilestoneRow.__table__)
        conn.execute(text("ANALYZE"))
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(model)) for name, model in (
            ("plans", PlanRow), ("units", UnitRow), ("milestones", MilestoneRow), ("updates", UpdateRow))}
