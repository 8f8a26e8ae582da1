"""A deterministic national dataset: every province runs a copy of Sóc Trăng's plan (for scale, not for truth).

Units are the real pre-2025 list (data/units_vietnam_2025.csv.gz); each province gets the agencies of its kind
(tracking.units.agencies: "thành phố" names for the five centrally-run cities, the standard set of Nghị định
13/2008/NĐ-CP and the agencies only some provinces had), a plan derived from the Sóc Trăng template with its dates
shifted a few days, and about five updates per milestone over 2010–2011 at the pace of its province (some early
and diligent, some late: tracking.units.pace). Written with bulk inserts (COPY on PostgreSQL).
"""
from __future__ import annotations

import csv
import gzip
import random
import sys
from dataclasses import asdict, replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine, func, insert, select, text

from tracking.db.bulk import insert_rows, reset_sequence
from tracking.db.models import AreaRow, MilestoneRow, PlanRow, RequirementRow, UnitRow, UpdateRow
from tracking.domain.deadlines import DEFAULT_READING, phrase
from tracking.domain.plan import PARENT, SELF, Plan, Requirement, Unit
from tracking.plans.deadline_columns import area_deadline_columns, requirement_deadline_columns
from tracking.plans.holidays import load_holidays
from tracking.plans.loader import DATA_DIR
from tracking.plans.seed import load_data, milestone_keys
from tracking.errors import TrackingError
from tracking.setup import initialise
from tracking.units.agencies import CITIES_2010, department_code, departments_2010, extra_agencies_2025, seat_word
from tracking.units.pace import unit_pace

NATIONAL_FILE = DATA_DIR / "units_vietnam_2025.csv.gz"
TEMPLATE_PROVINCE = "94"  # Sóc Trăng: its real plan and units are the template and stay the default plan
HISTORY_END = date(2011, 12, 31)
# Days a task is finished after its deadline: SLOWEST_DELAY at pace 0, SLOWEST_DELAY - DELAY_RANGE at pace 1.
SLOWEST_DELAY, DELAY_RANGE = 120, 200
GENERATOR = "generator"
UNIT_COLUMNS = ("code", "name", "short_name", "level", "parent_code", "group", "kind", "verified", "note",
                "position", "province_code")
MILESTONE_COLUMNS = ("id", "requirement_id", "unit_code", "period", "deadline", "deadline_source")
UPDATE_COLUMNS = ("milestone_id", "fact_date", "state", "percent", "evidence", "evidence_date", "note",
                  "recorded_by", "recorded_at", "source")


# The list is a snapshot of January 2025: Thừa Thiên Huế became a centrally-run city on 1/1/2025 (Nghị quyết
# 1314/NQ-UBTVQH15); in 2010 it was a province.
PROVINCES_2010 = {"46": {"name": "Tỉnh Thừa Thiên Huế", "type": "tỉnh"}}


def national_units(path: Path = NATIONAL_FILE) -> dict[str, list[dict]]:
    """Province code → its rows (province first, under its 2010 name, then districts and communes in list order)."""
    by_province: dict[str, list[dict]] = {}
    district_province: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["level"] == "province":
                by_province[row["code"]] = [{**row, **PROVINCES_2010.get(row["code"], {})}]
                continue
            province = row["parent"] if row["level"] == "district" else district_province[row["parent"]]
            if row["level"] == "district":
                district_province[row["code"]] = province
            by_province[province].append(row)
    return by_province


def chosen_provinces(all_codes: list[str], count: int) -> list[str]:
    """Sóc Trăng first (the real plan), then provinces in national code order."""
    others = [c for c in sorted(all_codes) if c != TEMPLATE_PROVINCE]
    return ([TEMPLATE_PROVINCE] + others)[:max(1, min(count, len(all_codes)))]


def province_units(rows: list[dict]) -> list[Unit]:
    """The province, its agencies of 2010 (tracking.units.agencies) under province-prefixed codes, the real
    districts and communes."""
    province = rows[0]
    code = province["code"]
    units = [Unit(code=code, name=f"Ủy ban nhân dân {_lower_first(province['name'])}",
                  short_name=f"UBND {seat_word(code in CITIES_2010)}", level="province")]
    units += departments_2010(code)
    for row in rows[1:]:
        units.append(Unit(code=row["code"], name=row["name"], level=row["level"], parent=row["parent"],
                          kind=row["type"]))
    return units


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def province_plan(template: Plan, province: dict, shift: int, map_units: bool = True) -> Plan:
    """Sóc Trăng's plan for another province: unit codes mapped, every plan date moved by `shift` days
    (map_units False: Sóc Trăng's own units, for another plan of Sóc Trăng itself)."""
    code = province["code"]

    def unit(c: str) -> str:
        if c in (SELF, PARENT) or not map_units:
            return c
        return code if c == TEMPLATE_PROVINCE else department_code(code, c)  # the People's Committee itself

    def moved(day: date | None) -> date | None:
        return day + timedelta(days=shift) if day else None

    def words(item, day: date | None) -> str | None:
        """The moved date in the template's words (a generated province's plan names its own days)."""
        return phrase(day, item.deadline_qualifier) if day and shift else item.deadline_as_written

    requirements = tuple(
        replace(r, deadline=moved(r.deadline), deadline_as_written=words(r, moved(r.deadline)), lead=unit(r.lead), coordinating=tuple(unit(c) for c in r.coordinating),
                applies_to=replace(r.applies_to, units=tuple(unit(c) for c in r.applies_to.units),
                                   excluded=tuple(unit(c) for c in r.applies_to.excluded)))
        for r in template.requirements
    )
    return replace(
        template, code=plan_code(code), province_code=code, issuer=f"Ủy ban nhân dân {_lower_first(province['name'])}",
        areas=tuple(replace(a, deadline=moved(a.deadline), deadline_as_written=words(a, moved(a.deadline)))
                    for a in template.areas), requirements=requirements,
    )


def progress_bar(done: int, total: int, label: str, stream=sys.stderr) -> None:
    width = 30
    filled = round(width * done / total) if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}   ")
    if done == total:
        stream.write("\n")
    stream.flush()


MAPS = ("2010", "2025")


def plan_code(province: str, map_: str = "2010") -> str:
    return f"TCD-{map_}-{province}"


def generate(engine: Engine, provinces: int, seed: int = 42,
             progress: Callable[[int, int, str], None] = progress_bar, map_: str = "2010") -> dict[str, int]:
    """Add `provinces` provinces (Sóc Trăng's real plan and demo history first); provinces already there are kept.

    map_ '2010': the three-level map (63 provinces, districts); '2025': today's two-level map (34 provinces, communes
    under the province, tracking.units.today), for measuring scale on both. One map per database."""
    initialise(engine, demo=True)
    _, plans = load_data()
    template = plans[0]
    other = MAPS[1 - MAPS.index(map_)]
    with engine.connect() as conn:
        present = set(conn.scalars(select(PlanRow.code)))
        taken = set(conn.scalars(select(UnitRow.code)))
    if any(code.startswith(f"TCD-{other}-") for code in present):
        raise TrackingError(f"CSDL đã có dữ liệu sinh theo bản đồ {other}: hãy dùng một CSDL riêng cho bản đồ {map_}")
    if map_ == "2025":
        from tracking.units.today import province_codes, today_units
        national = {code: None for code in province_codes()}
        codes = sorted(national)[:max(1, min(provinces, len(national)))]
    else:
        national = national_units()
        codes = chosen_provinces(list(national), provinces)
    # Sóc Trăng (2010) is the real plan, loaded by initialise; a province generated before is kept.
    todo = [c for c in codes if not (map_ == "2010" and c == TEMPLATE_PROVINCE) and plan_code(c, map_) not in present]
    for i, code in enumerate(todo, 1):
        rng = random.Random(f"{seed}-{code}")  # each province its own stream: the same whatever N is
        if map_ == "2025":
            units = _today_for_scale(_with_extra_agencies(today_units(code)), taken)
            province = {"code": code, "name": units[0].name.removeprefix("Ủy ban nhân dân ")}
        else:
            units = province_units(national[code])
            province = national[code][0]
        plan = replace(province_plan(template, province, shift=rng.randint(-7, 21)), code=plan_code(code, map_))
        with engine.begin() as conn:
            _write_province(conn, units, plan, rng, unit_pace(units, seed, code))
        progress(i, len(todo), units[0].name)
    with engine.begin() as conn:
        reset_sequence(conn, MilestoneRow.__table__)
        conn.execute(text("ANALYZE"))  # fresh statistics, so both planners pick the indexes for the new sizes
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(model)) for name, model in (
            ("plans", PlanRow), ("units", UnitRow), ("milestones", MilestoneRow), ("updates", UpdateRow))}


def _with_extra_agencies(units: list[Unit]) -> list[Unit]:
    """Today's standard agencies, then the province's own (tracking.units.agencies), then its communes."""
    province = units[0]
    extra = extra_agencies_2025(province.code, (province.kind or "").startswith("thành phố"))
    standard = [u for u in units[1:] if u.level != "commune"]
    return [province, *standard, *extra, *(u for u in units if u.level == "commune")]


def _today_for_scale(units: list[Unit], taken: set[str]) -> list[Unit]:
    """Today's units for the synthetic 2010–2011 history: no start date (the history is replayed in 2010–2011), and
    a ward whose national code a Sóc Trăng 2010 commune already holds in this database (Cần Thơ absorbed Sóc Trăng)
    stored as CODE-2025."""
    rename = {u.code: f"{u.code}-2025" for u in units if u.code in taken}
    return [replace(u, code=rename.get(u.code, u.code), parent=rename.get(u.parent, u.parent), valid_from=None)
            for u in units]


def _write_province(conn, units: list[Unit], plan: Plan, rng: random.Random, pace: dict[str, float]) -> None:
    start = conn.scalar(select(func.coalesce(func.max(UnitRow.position), 0))) + 1
    insert_rows(conn, UnitRow.__table__, UNIT_COLUMNS, (
        (u.code, u.name, u.short_name, u.level, u.parent, u.group, u.kind, u.verified, u.note, start + i, plan.province_code)
        for i, u in enumerate(units)))
    write_plan(conn, units, plan, rng, pace)


def write_plan(conn, units: list[Unit], plan: Plan, rng: random.Random, pace: dict[str, float]) -> None:
    """The plan, its areas, requirements and milestones (as seeding the plan file makes them), and a history at
    each unit's pace (tracking.units.pace)."""
    plan_id = conn.execute(insert(PlanRow).returning(PlanRow.id), [{
        "code": plan.code, "title": plan.title, "title_en": plan.title_en, "issuer": plan.issuer,
        "legal_basis": plan.legal_basis, "province_code": plan.province_code, "starts_on": plan.starts_on,
        "ends_on": plan.ends_on}]).scalar_one()
    holidays = load_holidays()
    conn.execute(insert(AreaRow), [{"plan_id": plan_id, "code": a.code, "name": a.name, "name_en": a.name_en,
                                    "clause": a.clause, "position": i,
                                    **area_deadline_columns(a, DEFAULT_READING, holidays)}
                                   for i, a in enumerate(plan.areas)])
    next_id = conn.scalar(select(func.coalesce(func.max(MilestoneRow.id), 0))) + 1
    milestones: list[tuple] = []
    for position, req in enumerate(plan.requirements):
        req_id = conn.execute(insert(RequirementRow).returning(RequirementRow.id), [_requirement_row(req, plan_id, position, holidays)]).scalar_one()
        for unit_code, period, deadline, source in milestone_keys(req, units, None, DEFAULT_READING, holidays):
            milestones.append((next_id, req_id, unit_code, period, deadline, source))
            next_id += 1
    updates = list(_updates(milestones, plan.starts_on, rng, pace))
    # Versions as the writers keep them: the n-th update of a milestone made version n; the milestone holds the last.
    versions: dict[int, int] = {}
    for i, row in enumerate(updates):
        versions[row[0]] = versions.get(row[0], 0) + 1
        updates[i] = (*row, versions[row[0]])
    insert_rows(conn, MilestoneRow.__table__, (*MILESTONE_COLUMNS, "version"),
                ((*m, versions.get(m[0], 0)) for m in milestones))
    insert_rows(conn, UpdateRow.__table__, (*UPDATE_COLUMNS, "version"), updates)


def _requirement_row(req: Requirement, plan_id: int, position: int, holidays: frozenset) -> dict:
    return {
        "plan_id": plan_id, "code": req.code, "area_code": req.area, "clause": req.clause, "title": req.title,
        "title_en": req.title_en, **requirement_deadline_columns(req, DEFAULT_READING, holidays), "kind": req.kind,
        "lead": req.lead, "lead_note": req.lead_note, "coordinating": list(req.coordinating),
        "applies_to": {k: list(v) for k, v in asdict(req.applies_to).items()},
        "recurrence": req.recurrence.every if req.recurrence else None,
        "due_days_after_period_end": req.recurrence.due_days_after_period_end if req.recurrence else None,
        "norms": req.norms, "position": position,
    }


def _updates(milestones: list[tuple], plan_start: date, rng: random.Random, pace: dict[str, float]):
    """About five facts per milestone: not started, in progress (rising percent), mostly done, now and then reopened.

    A unit's pace sets how many of its tasks it finishes and when: a diligent unit finishes most, weeks before the
    deadline; a slow one starts late, finishes few, months after it (or not by the end of 2011)."""
    first, span = plan_start + timedelta(days=7), (HISTORY_END - plan_start).days - 7
    for milestone_id, _, unit_code, _, deadline, _ in milestones:
        speed = pace.get(unit_code, 0.5)
        count = rng.randint(3, 7)
        target = deadline or plan_start + timedelta(days=rng.randint(120, 420))
        finish = (target + timedelta(days=round(rng.gauss(SLOWEST_DELAY - DELAY_RANGE * speed, 60))) - first).days
        finished = rng.random() < 0.3 + 0.68 * speed and 0 < finish < span
        start = min(round((1 - speed) * 120), finish if finished else span)  # a slow unit starts late
        days = sorted(rng.randint(start, finish if finished else span) for _ in range(count))
        for k, offset in enumerate(days):
            day = first + timedelta(days=offset)
            if k == 0:
                state, percent = "not_started", 0
            elif k == count - 1 and finished:
                state, percent = "done", 100
            elif finished and k == count - 3 and rng.random() < 0.1:
                state, percent = "done", 100  # done, reopened by a correction, then done again
            else:
                state, percent = "in_progress", min(95, 100 * k // count)
            evidence = f"Văn bản số {rng.randint(1, 999)}/UBND" if state == "done" else None
            stamp = datetime.combine(day, time(1 + rng.randint(0, 9), rng.randint(0, 59)), tzinfo=timezone.utc)
            yield (milestone_id, day, state, percent, evidence, day if evidence else None, None, GENERATOR, stamp,
                   "generated")
