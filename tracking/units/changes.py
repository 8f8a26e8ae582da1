"""Changes of units over time (`units changes FILE`): read and checked against the unit list, recorded once, and the
inspectorate's act on the open milestones of a unit that a change ended (moved to the successor, or closed)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracking.db.models import MilestoneClosureRow, MilestoneRow, UnitChangeRow, UnitRow, UpdateRow
from tracking.domain.plan import TOWN_KINDS, WARD_KIND, Unit
from tracking.domain.status import State
from tracking.domain.units import CHANGE_KINDS, CLOSURE_ACTIONS, NO_LONGER_APPLIES, UnitChange, Version, version_on
from tracking.errors import DataFileError, TrackingError
from tracking.plans.loader import DATA_DIR, _date, _read_yaml, _unknown_keys
from tracking.services.permissions import DEADLINE_SETTERS, load_actor, require_role, require_scope
from tracking.units.checks import unit_lines


def stored_units(engine: Engine) -> list[Unit]:
    """Every unit in the database, as the changes file is checked against it."""
    u = UnitRow.__table__
    with engine.connect() as conn:
        return [Unit(code=r.code, name=r.name, level=r.level, parent=r.parent_code, kind=r.kind,
                     valid_from=r.valid_from, valid_to=r.valid_to)
                for r in conn.execute(select(u).order_by(u.c.position))]

CHANGES_FILE = DATA_DIR / "unit_changes_soc_trang.yaml"
FILE_KEYS = ("source", "changes")
CHANGE_KEYS = ("date", "kind", "unit", "units", "successor", "successors", "name", "unit_kind", "parent", "act", "note")


def _codes(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def load_changes(path: Path, units: list[Unit]) -> list[UnitChange]:
    """Every change in the file, checked: known units, a legal act, what each kind needs, lives that fit."""
    raw, problems = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("changes"), list):
        raise DataFileError(str(path), [*problems, "tệp thay đổi phải là một bảng khóa–giá trị có danh sách 'changes'"])
    _unknown_keys(raw, FILE_KEYS, "đầu tệp", problems)
    lines = unit_lines(path, "changes")
    by_code = {u.code: u for u in units}
    changes: list[UnitChange] = []
    for i, row in enumerate(raw["changes"], start=1):
        where = f"thay đổi thứ {i}" + (f" (dòng {lines[i]})" if i in lines else "")
        if not isinstance(row, dict):
            problems.append(f"{where}: phải là một bảng khóa–giá trị")
            continue
        _unknown_keys(row, CHANGE_KEYS, where, problems)
        day = _date(row.get("date"), f"{where}, trường 'date'", problems)
        kind = row.get("kind")
        if day is None and "date" not in row:
            problems.append(f"{where}, trường 'date': thiếu ngày có hiệu lực")
        if kind not in CHANGE_KINDS:
            problems.append(f"{where}, trường 'kind': phải là một trong {', '.join(CHANGE_KINDS)}")
        if not row.get("act"):
            problems.append(f"{where}, trường 'act': thiếu văn bản quyết định thay đổi (số, ngày, cơ quan ban hành)")
        before = _codes(row.get("units")) + _codes(row.get("unit"))
        after = _codes(row.get("successors")) + _codes(row.get("successor"))
        for field, refs in (("unit", before), ("successor", after), ("parent", _codes(row.get("parent")))):
            for ref in refs:
                if ref not in by_code:
                    problems.append(f"{where}, trường '{field}': đơn vị '{ref}' không có trong danh sách đơn vị")
        if not before:
            problems.append(f"{where}, trường 'unit': thiếu đơn vị bị thay đổi")
        if kind in ("rename", "reclassify") and (len(before) != 1 or after):
            problems.append(f"{where}: đổi tên, đổi loại giữ nguyên đơn vị — ghi đúng một 'unit', không có 'successor'")
        if kind in ("rename", "reclassify") and not row.get("name"):
            problems.append(f"{where}, trường 'name': thiếu tên từ ngày thay đổi")
        if kind == "reclassify" and not row.get("unit_kind"):
            problems.append(f"{where}, trường 'unit_kind': thiếu loại mới (ví dụ thị trấn, thị xã)")
        if kind == "merge" and len(after) != 1:
            problems.append(f"{where}, trường 'successor': nhập đơn vị phải ghi đúng một đơn vị kế thừa")
        if kind == "split" and (len(before) != 1 or len(after) < 2):
            problems.append(f"{where}: chia đơn vị phải ghi một 'unit' và ít nhất hai 'successors'")
        change = UnitChange(day=day or date.min, kind=str(kind), units=before, successors=after,
                            name=row.get("name"), unit_kind=row.get("unit_kind"),
                            parent=str(row["parent"]) if row.get("parent") else None,
                            act=str(row.get("act") or ""), note=row.get("note"))
        if day and kind in ("merge", "split") and not problems:
            problems += _lives(change, by_code, where)
        changes.append(change)
    if not problems:
        problems += _wards_under_towns(changes, units)
    if problems:
        raise DataFileError(str(path), problems)
    return changes


def _lives(change: UnitChange, by_code: dict[str, Unit], where: str) -> list[str]:
    """A merge or split ends the old units the day before and starts the new ones that day: no overlap."""
    problems = []
    for code in change.units:
        end = by_code[code].valid_to
        if end is not None and end >= change.day:
            problems.append(f"{where}: '{code}' còn hiệu lực đến {end:%d/%m/%Y}, trùng thời gian với đơn vị kế thừa "
                            f"từ {change.day:%d/%m/%Y} (valid_to phải trước ngày thay đổi)")
    for code in change.successors:
        start = by_code[code].valid_from
        if start is not None and start > change.day:
            problems.append(f"{where}: đơn vị kế thừa '{code}' bắt đầu {start:%d/%m/%Y}, sau ngày thay đổi")
    return problems


def _wards_under_towns(changes: list[UnitChange], units: list[Unit]) -> list[str]:
    """After each change, a ward (phường) still sits under a city, town or urban district."""
    by_code = {u.code: u for u in units}
    own = {u.code: [c for c in changes if u.code in c.units and c.kind in ("rename", "reclassify")] for u in units}
    problems, reported = [], set()
    for day in sorted({c.day for c in changes}):
        for unit in units:
            if unit.code in reported:
                continue
            here = version_on(Version(unit.name, unit.kind, unit.parent), own[unit.code], day)
            parent = by_code.get(here.parent) if here.parent else None
            if here.kind != WARD_KIND or parent is None or parent.level != "district" or not unit.in_force(day):
                continue
            above = version_on(Version(parent.name, parent.kind, parent.parent), own[parent.code], day)
            if above.kind and above.kind not in TOWN_KINDS:
                reported.add(unit.code)
                problems.append(f"từ {day:%d/%m/%Y}: phường '{here.name}' ({unit.code}) thuộc '{above.name}' là "
                                f"{above.kind}; phường chỉ có ở thành phố, thị xã, quận (thiếu thay đổi loại của cấp trên?)")
    return problems


def _fingerprint(change: UnitChange) -> str:
    return hashlib.sha256(json.dumps(asdict(change), default=str, sort_keys=True).encode()).hexdigest()


def apply_changes(engine: Engine, changes: list[UnitChange], by: str) -> int:
    """Record the changes not yet recorded; a merge or split also ends the old units' lives. A successor may be a
    unit that already existed (a commune merged into its neighbour): a new one says its valid_from in the units file."""
    added = 0
    with engine.begin() as conn:
        have = set(conn.scalars(select(UnitChangeRow.fingerprint)))
        for change in changes:
            fingerprint = _fingerprint(change)
            if fingerprint in have:
                continue
            conn.execute(UnitChangeRow.__table__.insert().values(
                change_date=change.day, kind=change.kind, unit_codes=list(change.units),
                successor_codes=list(change.successors), new_name=change.name, new_kind=change.unit_kind,
                new_parent=change.parent, act=change.act, note=change.note, fingerprint=fingerprint, recorded_by=by))
            if change.kind in ("merge", "split"):
                u = UnitRow.__table__
                conn.execute(u.update().where(u.c.code.in_(change.units), u.c.valid_to.is_(None))
                             .values(valid_to=change.day - timedelta(days=1)))
            have.add(fingerprint)
            added += 1
    return added


def stored_changes(conn) -> dict[str, list[UnitChange]]:
    """Unit code → its renames and changes of kind, oldest first (for the as-of views)."""
    c = UnitChangeRow.__table__
    out: dict[str, list[UnitChange]] = {}
    for row in conn.execute(select(c).where(c.c.kind.in_(("rename", "reclassify"))).order_by(c.c.change_date, c.c.id)):
        for code in row.unit_codes:
            out.setdefault(code, []).append(UnitChange(day=row.change_date, kind=row.kind, units=tuple(row.unit_codes),
                                                       name=row.new_name, unit_kind=row.new_kind,
                                                       parent=row.new_parent, act=row.act))
    return out


def _ending_change(conn, unit_code: str):
    """The merge or split that ended `unit_code`, or None."""
    c = UnitChangeRow.__table__
    return next((row for row in conn.execute(select(c).where(c.c.kind.in_(("merge", "split")))
                                             .order_by(c.c.change_date, c.c.id)) if unit_code in row.unit_codes), None)


def _undecided(conn, unit_code: str, day: date) -> tuple[list, int]:
    """The unit's milestones not yet moved or closed and not done before `day`, and how many were done by then."""
    m, u = MilestoneRow.__table__, UpdateRow.__table__
    decided = set(conn.scalars(select(MilestoneClosureRow.__table__.c.milestone_id)))
    open_, kept = [], 0
    for milestone in conn.execute(select(m).where(m.c.unit_code == unit_code).order_by(m.c.id)).all():
        if milestone.id in decided:
            continue
        last = conn.execute(select(u.c.state).where(u.c.milestone_id == milestone.id, u.c.fact_date < day)
                            .order_by(u.c.fact_date.desc(), u.c.id.desc()).limit(1)).scalar()
        if last == State.DONE.value:
            kept += 1  # completed before the change: its history stays with the old unit
        else:
            open_.append(milestone)
    return open_, kept


def ended_units(engine: Engine, province_code: str | None = None) -> list[dict]:
    """Units a merge or split ended, with the change, its successors and how many milestones still wait for the
    inspectorate's act (the app's form lists them; the act itself is close_open_milestones)."""
    c, un = UnitChangeRow.__table__, UnitRow.__table__
    out = []
    with engine.connect() as conn:
        names = {r.code: (r.name, r.province_code) for r in conn.execute(select(un.c.code, un.c.name, un.c.province_code))}
        for change in conn.execute(select(c).where(c.c.kind.in_(("merge", "split"))).order_by(c.c.change_date, c.c.id)):
            for code in change.unit_codes:
                if code not in names or (province_code is not None and names[code][1] != province_code):
                    continue
                open_, kept = _undecided(conn, code, change.change_date)
                out.append({"unit_code": code, "unit_name": names[code][0], "kind": change.kind,
                            "change_date": change.change_date, "act": change.act,
                            "successors": [(s, names.get(s, (s, None))[0]) for s in change.successor_codes],
                            "open": len(open_), "kept": kept})
    return out


def close_open_milestones(engine: Engine, unit_code: str, action: str, by: str, note: str | None = None,
                          channel: str = "cli") -> dict:
    """The inspectorate's act, once, on a unit a merge or split ended: each of its milestones not done by the day of
    the change either moves to the successor (a new milestone there, same requirement, period and deadline) or is
    closed as 'no longer applicable'. Done milestones and every update stay where they are. The CLI and the app's
    form (channel 'app') both call this."""
    if action not in CLOSURE_ACTIONS:
        raise TrackingError(f"cách xử lý '{action}' không hợp lệ (chỉ nhận: moved — chuyển sang đơn vị kế thừa, "
                            f"closed — {NO_LONGER_APPLIES})")
    m = MilestoneRow.__table__
    closures = MilestoneClosureRow.__table__
    with Session(engine) as session:  # the inspectorate (or an administrator) decides, within its province
        actor = load_actor(session, by)
        require_role(actor, DEADLINE_SETTERS, "chuyển hoặc đóng mốc của đơn vị")
        require_scope(session, actor, unit_code, "chuyển hoặc đóng mốc")
        by = actor.username
    with engine.begin() as conn:
        change = _ending_change(conn, unit_code)
        if change is None:
            raise TrackingError(f"đơn vị '{unit_code}' không bị nhập hay chia trong các thay đổi đã nạp: không có gì để chuyển")
        if action == "moved" and len(change.successor_codes) != 1:
            raise TrackingError(f"đơn vị '{unit_code}' được chia cho nhiều đơn vị: không thể chuyển mốc tự động; "
                                f"hãy đóng ({NO_LONGER_APPLIES}) rồi giao lại cho từng đơn vị mới")
        day = change.change_date
        open_, kept = _undecided(conn, unit_code, day)
        moved = closed = 0
        for milestone in open_:
            successor_id = None
            if action == "moved":
                target = change.successor_codes[0]
                successor_id = conn.scalar(select(m.c.id).where(m.c.requirement_id == milestone.requirement_id,
                                                                m.c.unit_code == target, m.c.period == milestone.period))
                if successor_id is None:
                    successor_id = conn.execute(m.insert().values(
                        requirement_id=milestone.requirement_id, unit_code=target, period=milestone.period,
                        deadline=milestone.deadline, deadline_source=milestone.deadline_source)).inserted_primary_key[0]
                moved += 1
            else:
                closed += 1
            conn.execute(closures.insert().values(milestone_id=milestone.id, change_id=change.id, action=action,
                                                  successor_milestone_id=successor_id, closed_on=day, decided_by=by,
                                                  note=note or (NO_LONGER_APPLIES if action == "closed" else None),
                                                  channel=channel))
    return {"moved": moved, "closed": closed, "kept": kept}
