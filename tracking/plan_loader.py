"""Read and validate the plan and units files in data/."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tracking.domain.periods import is_quarter
from tracking.domain.plan import (
    GROUPS,
    KINDS,
    LEVELS,
    PARENT,
    SELF,
    AppliesTo,
    Area,
    Plan,
    Recurrence,
    Requirement,
    Unit,
)
from tracking.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PLANS_DIR = DATA_DIR / "plans"
UNITS_FILE = DATA_DIR / "units_soc_trang.yaml"


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(str(path), ["không tìm thấy tệp"]) from None
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), [f"lỗi cú pháp YAML: {exc}"]) from None
    except ValueError as exc:  # YAML reads 2010-02-30 as a date and fails
        raise DataFileError(str(path), [f"giá trị không hợp lệ (thường là ngày không tồn tại): {exc}"]) from None


def load_units(path: Path = UNITS_FILE) -> list[Unit]:
    raw = _read_yaml(path)
    problems: list[str] = []
    rows = (raw or {}).get("units") if isinstance(raw, dict) else None
    if not isinstance(rows, list) or not rows:
        raise DataFileError(str(path), ["thiếu danh sách 'units'"])
    units: list[Unit] = []
    seen: set[str] = set()
    for i, row in enumerate(rows, start=1):
        where = f"đơn vị thứ {i}"
        if not isinstance(row, dict):
            problems.append(f"{where}: phải là một bảng khóa–giá trị")
            continue
        code, name, level = str(row.get("code") or ""), row.get("name"), row.get("level")
        if not code:
            problems.append(f"{where}: thiếu 'code'")
        elif code in seen:
            problems.append(f"{where}: mã '{code}' bị trùng")
        seen.add(code)
        if not name:
            problems.append(f"{where} ({code}): thiếu 'name'")
        if level not in LEVELS:
            problems.append(f"{where} ({code}): 'level' phải là một trong {', '.join(LEVELS)}")
        if row.get("group") is not None and row["group"] not in GROUPS:
            problems.append(f"{where} ({code}): 'group' phải là một trong {', '.join(GROUPS)}")
        parent = row.get("parent")
        if level != "province" and not parent:
            problems.append(f"{where} ({code}): thiếu 'parent'")
        units.append(
            Unit(
                code=code,
                name=str(name or ""),
                level=str(level),
                parent=str(parent) if parent is not None else None,
                short_name=row.get("short_name"),
                group=row.get("group"),
                kind=row.get("kind"),
                verified=bool(row.get("verified", True)),
                note=row.get("note"),
            )
        )
    for unit in units:
        if unit.parent is not None and unit.parent not in seen:
            problems.append(f"đơn vị {unit.code}: đơn vị cấp trên '{unit.parent}' không có trong danh sách")
    if problems:
        raise DataFileError(str(path), problems)
    return units


def _date(value: Any, where: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: ngày '{value}' không hợp lệ (đúng dạng YYYY-MM-DD)")
        return None


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def load_plan(path: Path, unit_codes: set[str] | None = None) -> Plan:
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(str(path), ["tệp kế hoạch phải là một bảng khóa–giá trị"])
    problems: list[str] = []
    for key in ("code", "title", "issuer", "province_code", "starts_on", "ends_on", "areas", "requirements"):
        if raw.get(key) in (None, "", []):
            problems.append(f"thiếu '{key}'")
    if problems:
        raise DataFileError(str(path), problems)

    areas = []
    for i, a in enumerate(raw["areas"], start=1):
        where = f"lĩnh vực thứ {i} ({a.get('code')})"
        if not a.get("code") or not a.get("name"):
            problems.append(f"{where}: thiếu 'code' hoặc 'name'")
        areas.append(
            Area(
                code=str(a.get("code")),
                name=str(a.get("name")),
                name_en=str(a.get("name_en") or a.get("name")),
                deadline=_date(a.get("deadline"), where, problems),
                clause=a.get("clause"),
            )
        )
    area_codes = {a.code for a in areas}
    if len(area_codes) != len(areas):
        problems.append("mã lĩnh vực bị trùng")

    requirements = []
    seen: set[str] = set()
    for i, r in enumerate(raw["requirements"], start=1):
        code = str(r.get("code") or "")
        where = f"yêu cầu thứ {i} ({code or '?'})"
        for key in ("code", "area", "clause", "title", "applies_to", "lead"):
            if not r.get(key):
                problems.append(f"{where}: thiếu '{key}'")
        if code in seen:
            problems.append(f"{where}: mã yêu cầu bị trùng")
        seen.add(code)
        if r.get("area") and r["area"] not in area_codes:
            problems.append(f"{where}: lĩnh vực '{r['area']}' không được khai báo trong 'areas'")
        kind = r.get("kind", "assignment")
        if kind not in KINDS:
            problems.append(f"{where}: 'kind' phải là một trong {', '.join(KINDS)}")
        applies = r.get("applies_to") or {}
        applies_to = AppliesTo(
            levels=_tuple(applies.get("levels")), groups=_tuple(applies.get("groups")), units=_tuple(applies.get("units"))
        )
        for level in applies_to.levels:
            if level not in LEVELS:
                problems.append(f"{where}: cấp '{level}' không hợp lệ")
        for group in applies_to.groups:
            if group not in GROUPS:
                problems.append(f"{where}: nhóm '{group}' không hợp lệ")
        lead = str(r.get("lead") or "")
        coordinating = _tuple(r.get("coordinating"))
        if unit_codes is not None:
            for ref in (lead, *coordinating, *applies_to.units):
                if ref not in (SELF, PARENT) and ref not in unit_codes:
                    problems.append(f"{where}: đơn vị '{ref}' không có trong danh sách đơn vị")
        recurrence = None
        if r.get("recurrence"):
            rec = r["recurrence"]
            periods = _tuple(rec.get("periods"))
            bad = [p for p in periods if not is_quarter(p)]
            if rec.get("every") != "quarter" or not periods or bad:
                problems.append(f"{where}: 'recurrence' phải là every: quarter với các kỳ dạng 2010Q4")
            recurrence = Recurrence(
                every="quarter", periods=periods, due_days_after_period_end=int(rec.get("due_days_after_period_end", 10))
            )
        deadline = _date(r.get("deadline"), where, problems)
        if deadline and recurrence:
            problems.append(f"{where}: yêu cầu định kỳ không có hạn chung, hạn tính theo từng kỳ")
        requirements.append(
            Requirement(
                code=code,
                area=str(r.get("area")),
                clause=str(r.get("clause")),
                title=str(r.get("title")),
                title_en=str(r.get("title_en") or r.get("title")),
                applies_to=applies_to,
                lead=lead,
                coordinating=coordinating,
                deadline=deadline,
                deadline_clause=r.get("deadline_clause"),
                kind=kind,
                recurrence=recurrence,
                norms=dict(r.get("norms") or {}),
                lead_note=r.get("lead_note"),
            )
        )
    plan_starts = _date(raw["starts_on"], "starts_on", problems)
    plan_ends = _date(raw["ends_on"], "ends_on", problems)
    if problems:
        raise DataFileError(str(path), problems)
    return Plan(
        code=str(raw["code"]),
        title=str(raw["title"]),
        title_en=str(raw.get("title_en") or raw["title"]),
        issuer=str(raw["issuer"]),
        legal_basis=str(raw.get("legal_basis") or ""),
        province_code=str(raw["province_code"]),
        starts_on=plan_starts,
        ends_on=plan_ends,
        areas=tuple(areas),
        requirements=tuple(requirements),
    )


def plan_files(directory: Path = PLANS_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))
