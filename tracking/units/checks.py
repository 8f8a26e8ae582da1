"""The shape of a unit list: checks the key-by-key reading of the file (tracking.plans.loader) cannot make alone.

Each problem names the unit and its line, in Vietnamese, for `plan check` / `units check`.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from tracking.domain.plan import TOWN_KINDS, WARD_KIND, Unit, has_districts


def unit_lines(path: Path, key: str = "units") -> dict[int, int]:
    """Position in the `key` list (from 1) → line of the file where that item starts ({} if unreadable)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key_node, value in root.value:
        if key_node.value == key and isinstance(value, yaml.SequenceNode):
            return {i: item.start_mark.line + 1 for i, item in enumerate(value.value, start=1)}
    return {}


def _overlap(a: Unit, b: Unit) -> bool:
    """Whether two lives share a day (None: open-ended)."""
    return ((a.valid_to is None or b.valid_from is None or b.valid_from <= a.valid_to)
            and (b.valid_to is None or a.valid_from is None or a.valid_from <= b.valid_to))


def structure_problems(units: list[Unit], lines: dict[int, int] | None = None) -> list[str]:
    """Cycles in parent, levels under the wrong level, a ward under a rural district, lives that do not fit."""
    lines = lines or {}
    by_code = {u.code: u for u in units}
    position = {u.code: i for i, u in enumerate(units, start=1)}
    three_levels = has_districts(units)
    problems: list[str] = []

    def where(unit: Unit, field: str) -> str:
        line = lines.get(position[unit.code])
        return f"đơn vị {unit.code}{f' (dòng {line})' if line else ''}, trường '{field}'"

    for unit in units:
        if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
            problems.append(f"{where(unit, 'valid_to')}: ngày kết thúc {unit.valid_to:%d/%m/%Y} trước ngày bắt đầu "
                            f"{unit.valid_from:%d/%m/%Y}")
        seen, code = [unit.code], unit.parent
        while code is not None and code in by_code:
            if code in seen:
                if code == unit.code:  # reported once, on the unit where the loop closes
                    problems.append(f"{where(unit, 'parent')}: cấp trên tạo thành vòng lặp "
                                    f"({' → '.join([*seen, code])})")
                break
            seen.append(code)
            code = by_code[code].parent
        parent = by_code.get(unit.parent) if unit.parent else None
        if parent is None:
            continue
        if unit.level in ("department", "district") and parent.level != "province":
            problems.append(f"{where(unit, 'parent')}: đơn vị cấp {unit.level} phải trực thuộc tỉnh, "
                            f"không phải '{parent.code}' ({parent.level})")
        if unit.level == "commune":
            if parent.level not in ("district", "province"):
                problems.append(f"{where(unit, 'parent')}: xã, phường phải trực thuộc huyện hoặc tỉnh, "
                                f"không phải '{parent.code}' ({parent.level})")
            elif parent.level == "province" and three_levels:
                problems.append(f"{where(unit, 'parent')}: xã '{unit.name}' trực thuộc thẳng tỉnh trên bản đồ ba cấp "
                                f"(danh sách có cấp huyện): phải ghi huyện của xã")
            elif (parent.level == "district" and unit.kind == WARD_KIND and parent.kind
                  and parent.kind not in TOWN_KINDS and _overlap(unit, parent)):
                problems.append(f"{where(unit, 'parent')}: phường '{unit.name}' trực thuộc '{parent.name}' là "
                                f"{parent.kind}; phường chỉ có ở thành phố, thị xã, quận")
        if not _overlap(unit, parent):
            problems.append(f"{where(unit, 'valid_from')}: thời gian tồn tại không trùng với cấp trên '{parent.code}'")
    named: dict[tuple, list[Unit]] = {}
    for unit in units:
        named.setdefault((unit.parent, unit.name), []).append(unit)
    for same in named.values():  # one name, one parent: two rows may not live at the same time
        for i, a in enumerate(same):
            for b in same[i + 1:]:
                if _overlap(a, b):
                    problems.append(f"{where(b, 'valid_from')}: '{b.name}' trùng tên với đơn vị {a.code} trong cùng "
                                    f"thời gian (valid_from/valid_to chồng nhau)")
    return problems
