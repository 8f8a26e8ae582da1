"""What a batch of updates refers to (units, requirements by province, milestones, plan starts), one query per table.

An import of 10,000 rows asked the database four times per row (unit, requirement through the unit's province plan,
milestone, plan); at national scale that was minutes. A single update uses the same lookup with one code of each.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from tracking.db.models import NO_PERIOD, MilestoneRow, PlanRow, RequirementRow, UnitRow

CHUNK = 500  # IN lists well under SQLite's parameter limit


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


class MilestoneLookup:
    """Loaded once for every (unit code, requirement code) a batch names; lookups then read no more rows.

    The unit rows stay referenced here, so the permission check's session.get finds them without a query.
    """

    def __init__(self, session, pairs: Iterable[tuple[str, str]], extra_units: Iterable[str | None] = ()):
        pairs = list(pairs)
        unit_codes = {u for u, _ in pairs} | {u for u in extra_units if u}
        self.units: dict[str, UnitRow] = {}
        for chunk in _chunks(unit_codes):
            self.units.update((u.code, u) for u in session.scalars(select(UnitRow).where(UnitRow.code.in_(chunk))))
        provinces = {u.province_code for u in self.units.values() if u.province_code is not None}
        # Requirement codes are unique per plan: the unit's province says which plan (the lowest plan id if several).
        self.requirements: dict[tuple[str, str], RequirementRow] = {}
        self.plan_starts: dict[int, date] = {}
        codes = {code for _, code in pairs}
        for chunk in _chunks(codes):
            if not provinces:
                break
            rows = session.execute(
                select(RequirementRow, PlanRow.province_code, PlanRow.starts_on)
                .join(PlanRow, PlanRow.id == RequirementRow.plan_id)
                .where(RequirementRow.code.in_(chunk), PlanRow.province_code.in_(sorted(provinces)))
                .order_by(RequirementRow.plan_id)
            )
            for requirement, province, starts_on in rows:
                self.requirements.setdefault((province, requirement.code), requirement)
                self.plan_starts[requirement.plan_id] = starts_on
        wanted = {r.id for r in self.requirements.values()}
        self.milestones: dict[tuple[int, str, str], MilestoneRow] = {}
        for chunk in _chunks(u for u in unit_codes if u in self.units):
            for ms in session.scalars(select(MilestoneRow).where(MilestoneRow.unit_code.in_(chunk))):
                if ms.requirement_id in wanted:
                    self.milestones[(ms.requirement_id, ms.unit_code, ms.period)] = ms

    def unit(self, code: str) -> UnitRow | None:
        return self.units.get(code)

    def requirement(self, unit: UnitRow, code: str) -> RequirementRow | None:
        return self.requirements.get((unit.province_code, code))

    def milestone(self, requirement: RequirementRow, unit_code: str, period: str) -> MilestoneRow | None:
        return self.milestones.get((requirement.id, unit_code, period or NO_PERIOD))

    def plan_start(self, plan_id: int) -> date:
        return self.plan_starts[plan_id]
