"""A person's edits to a draft tree (pure: the workspace page calls these, then saves the tree).

Changing a field settles the drafter's doubt about it (its review flags go); a flag may also be marked settled
without a change ("checked: the text is right"). Every value stays in the plan file's own keys.
"""
from __future__ import annotations

import copy
from datetime import date

from tracking.domain.deadlines import UNDATED
from tracking.domain.plan import GROUPS, LEVELS, PARENT, SELF, Unit

LEAD_EXTRA = (SELF, PARENT)
GROUP_TEXT = {"sbn": "các sở, ban, ngành", "office": "văn phòng", "requested": "cơ quan được đề nghị"}
LEVEL_TEXT = {"province": "cấp tỉnh", "department": "mọi sở, ban, ngành", "district": "mọi đơn vị cấp huyện",
              "commune": "mọi đơn vị cấp xã"}
KEEP = "(giữ như bản nháp)"
NONE = "— chưa chọn —"


def unit_label(unit: Unit) -> str:
    return f"{unit.name} ({unit.code})"


def lead_options(units: list[Unit]) -> dict[str, str]:
    """Label → value of the lead picker: each unit, or 'self' (each unit it applies to) and 'parent'."""
    options = {NONE: "", "Từng đơn vị tự thực hiện": SELF, "Đơn vị cấp trên của từng đơn vị": PARENT}
    options.update({unit_label(u): u.code for u in units if u.level in ("province", "department", "district")})
    return options


def applies_options(units: list[Unit]) -> dict[str, dict]:
    """Label → applies_to of the picker: a whole level, a group of departments, or one unit."""
    present = {u.level for u in units}
    options: dict[str, dict] = {NONE: {}}
    options.update({f"Cấp: {LEVEL_TEXT[level]}": {"levels": [level]} for level in LEVELS if level in present})
    options.update({f"Nhóm: {GROUP_TEXT[g]}": {"groups": [g]} for g in GROUPS if any(u.group == g for u in units)})
    options.update({f"Đơn vị: {unit_label(u)}": {"units": [u.code]} for u in units if u.level != "commune"})
    return options


def label_of(options: dict, value) -> str:
    """The picker's label for a stored value; KEEP when the draft holds something the picker cannot show."""
    for label, v in options.items():
        if v == value:
            return label
    return KEEP


def resolve(flags: list[dict], fields: set[str]) -> list[dict]:
    return [f for f in flags if f["field"] not in fields]


def edit_heading(tree: dict, values: dict, settled: set[str]) -> dict:
    """Heading fields (code, number, issued_on, title, starts_on, ends_on); dates as ISO text."""
    tree = copy.deepcopy(tree)
    changed = {k for k, v in values.items() if _stored(v) != tree.get(k)}
    for key in changed:
        tree[key] = _stored(values[key])
    tree["review"] = resolve(tree.get("review") or [], changed | settled)
    return tree


def edit_requirement(tree: dict, index: int, values: dict, settled: set[str], who: str) -> dict:
    """One requirement's fields; `values` holds only what the form shows. A lead the text does not name becomes
    lead_source: inferred with the reviewer's name as the reason (a plan file must say why)."""
    tree = copy.deepcopy(tree)
    req = tree["requirements"][index]
    changed = set()
    for key, value in values.items():
        if key == "applies_to" and value is None:  # KEEP: the draft's own value stays
            continue
        if _stored(value) != req.get(key):
            changed.add(key)
            _set(req, key, _stored(value))
    if "lead" in changed and not req.get("lead_as_written"):
        req["lead_source"], req["lead_note"] = "inferred", f"Văn bản không nêu đơn vị chủ trì; {who} chọn khi xem bản nháp"
    if req.get("deadline") is None and req.get("deadline_qualifier") not in UNDATED:
        for key in ("deadline_source", "deadline_clause"):  # no date, no provenance (as the loader requires)
            req.pop(key, None)
    changed |= {"deadline" for k in changed if k.startswith("deadline")}
    changed |= {"recurrence" for k in changed if k.startswith("recurrence")}
    req["review"] = resolve(req.get("review") or [], changed | settled)
    return tree


def _set(req: dict, key: str, value) -> None:
    if key.startswith("recurrence."):
        req.setdefault("recurrence", {})[key.split(".", 1)[1]] = value
    elif value in (None, "") and key in ("deadline", "deadline_source", "deadline_clause", "deadline_note"):
        req.pop(key, None)
    else:
        req[key] = value


def _stored(value):
    return value.isoformat() if isinstance(value, date) else value


def parse_periods(text: str) -> list[str]:
    return [p.strip().upper() for p in text.replace(";", ",").split(",") if p.strip()]


# The draft's field names as an official reads them (the review flags name fields by their key).
FIELD_WORDS = {
    "lead": "Chủ trì", "coordinating": "Phối hợp", "applies_to": "Áp dụng cho", "deadline": "Hạn",
    "deadline_qualifier": "Cách ghi hạn", "deadline_source": "Nguồn của hạn", "deadline_clause": "Mục có ngày hạn",
    "recurrence": "Kỳ báo cáo", "area": "Lĩnh vực", "title": "Nội dung", "clause": "Mục", "kind": "Loại việc",
    "issuer": "Cơ quan ban hành", "number": "Số văn bản", "issued_on": "Ngày ban hành", "legal_basis": "Căn cứ",
    "code": "Mã", "starts_on": "Bắt đầu theo dõi", "ends_on": "Kết thúc theo dõi",
}


def field_words(field: str) -> str:
    return FIELD_WORDS.get(field, field)


def requirement_rows(tree: dict) -> list[dict]:
    """One row per requirement for the review table: its place, its fields as a person reads them, its doubts."""
    return [{"clause": r.get("clause"), "code": r.get("code"), "title": r.get("title"), "lead": r.get("lead") or "",
             "deadline": r.get("deadline"), "as_written": r.get("deadline_as_written") or "",
             "review": "; ".join(f"{field_words(f['field'])}: {f['reason']}" for f in r.get("review") or [])}
            for r in tree.get("requirements") or []]


def for_amendment(tree: dict, areas: list[dict], taken: set[str]) -> dict:
    """A draft of an amending document, made to add tasks to a published plan: each task must sit in one of the
    plan's areas (a person picks it when the document's section is not one) and have a code the plan does not use."""
    tree = copy.deepcopy(tree)
    codes = {a["code"] for a in areas}
    for req in tree.get("requirements") or []:
        code, n = f"SĐ-{req.get('code')}", 2
        while code in taken:
            code, n = f"SĐ{n}-{req.get('code')}", n + 1
        req["code"] = code
        if req.get("area") not in codes:
            req["area"] = ""
            req.setdefault("review", []).append({"field": "area", "reason": "Chọn lĩnh vực của kế hoạch được sửa đổi"})
    tree["review"] = [f for f in tree.get("review") or [] if f["field"] in ("number", "issued_on")]
    return tree
