"""The plan and the units as plain data."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LEVELS = ("province", "department", "district", "commune")
GROUPS = ("sbn", "office", "requested")
KINDS = ("assignment", "request")
SELF = "self"
PARENT = "parent"
# Where a deadline comes from. 'plan': written in a clause that names the task; 'inferred': taken from a general
# clause (deadline_clause names it, e.g. II.4); 'set': left open by the plan, set later by the inspectorate.
# 'proposed': a date the software proposes (the quarterly schedule) until a person confirms or changes it.
DEADLINE_SOURCES = ("plan", "inferred", "proposed", "set")
LEAD_SOURCES = ("plan", "inferred")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str
    parent: str | None = None
    short_name: str | None = None
    group: str | None = None
    kind: str | None = None
    verified: bool = True
    note: str | None = None
    # The unit's life (None: since before / until after anything the app tracks). A rename or a change of kind
    # keeps the unit (tracking.units.changes records the names in force); a merge closes it (valid_to).
    valid_from: date | None = None
    valid_to: date | None = None

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


# Kinds of a district-level unit that may hold wards (phường): a city or a town, not a rural district (huyện).
TOWN_KINDS = ("thành phố", "thị xã", "quận")
WARD_KIND = "phường"


def has_districts(units) -> bool:
    """Whether the map has a district level (three levels, before 1/7/2025) or communes sit under the province."""
    return any(u.level == "district" for u in units)


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    name_en: str
    deadline: date | None = None  # the day the plan names ("trước ngày 30/10/2010" → 30/10/2010)
    clause: str | None = None
    deadline_qualifier: str | None = None
    deadline_as_written: str | None = None


@dataclass(frozen=True)
class AppliesTo:
    levels: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # unit codes taken out again (Thanh tra tỉnh does not report to itself)

    def matches(self, unit: Unit) -> bool:
        if unit.code in self.excluded:
            return False
        return (
            unit.level in self.levels
            or (unit.group is not None and unit.group in self.groups)
            or unit.code in self.units
        )


@dataclass(frozen=True)
class Recurrence:
    every: str
    periods: tuple[str, ...]
    due_days_after_period_end: int


@dataclass(frozen=True)
class Requirement:
    code: str
    area: str
    clause: str
    title: str
    title_en: str
    applies_to: AppliesTo
    lead: str
    coordinating: tuple[str, ...] = ()
    deadline: date | None = None  # the day the plan names; the last day on time depends on the reading rule
    deadline_clause: str | None = None
    deadline_source: str = "set"  # 'plan' or 'inferred' when the file gives a deadline
    deadline_qualifier: str | None = None  # tracking.domain.deadlines.QUALIFIERS
    deadline_as_written: str | None = None
    deadline_note: str | None = None
    kind: str = "assignment"
    recurrence: Recurrence | None = None
    norms: dict[str, dict[str, float]] = field(default_factory=dict)
    lead_note: str | None = None
    lead_source: str = "plan"


@dataclass(frozen=True)
class Plan:
    code: str
    title: str
    title_en: str
    issuer: str
    legal_basis: str
    province_code: str
    starts_on: date
    ends_on: date
    areas: tuple[Area, ...]
    requirements: tuple[Requirement, ...]

    def area(self, code: str) -> Area:
        return next(a for a in self.areas if a.code == code)


def applicable_units(requirement: Requirement, units: list[Unit]) -> list[Unit]:
    return [u for u in units if requirement.applies_to.matches(u)]
