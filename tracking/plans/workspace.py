"""The plan workspace's writes (issue 18): a document becomes a draft kept in the database, a person edits it,
the checks of `plan check` run on it, and publishing loads it exactly as a plan file is loaded, audited.

The draft's tree is the drafter's (CONTRACTS.md keys), dates as ISO text so it stores as JSON on both engines.
A review flag is resolved by removing it from the requirement's `review` list: publishing waits for none left.
"""
from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracking.db.models import AreaRow, PlanDraftRow, PlanEventRow, PlanRow, RequirementRow, UnitRow, utcnow
from tracking.domain.plan import Plan, Unit
from tracking.errors import DataFileError, InvalidInput, TrackingError
from tracking.plans.draft_edits import for_amendment
from tracking.plans.drafter import draft_blocks
from tracking.plans.drafter.output import _jsonable
from tracking.plans.drafter.reading import SUFFIXES, read_document
from tracking.plans.loader import plan_from_data
from tracking.plans.notices import plan_notices
from tracking.plans.seed import seed_session
from tracking.services.permissions import PermissionDenied, load_actor, require_role
from tracking.uow import UnitOfWork

PLAN_EDITORS = ("inspector", "admin")
DRAFT_NAME = "bản nháp"


def require_editor(session: Session, by: str, province_code: str) -> str:
    """The username of an administrator or an inspector of this province; refused otherwise."""
    actor = load_actor(session, by)
    require_role(actor, PLAN_EDITORS, "lập, sửa hay công bố kế hoạch")
    if actor.province_code not in (None, province_code):
        raise PermissionDenied(f"Người dùng '{actor.username}' chỉ được lập kế hoạch của tỉnh mình "
                               f"(mã {actor.province_code}), không phải của tỉnh mã {province_code}.")
    return actor.username


def province_units(session: Session, province_code: str) -> list[Unit]:
    """The units the database holds for a province (what a draft is resolved against and published over)."""
    rows = session.scalars(select(UnitRow).where(UnitRow.province_code == province_code)
                           .order_by(UnitRow.position, UnitRow.code))
    return [Unit(code=r.code, name=r.name, level=r.level, parent=r.parent_code, short_name=r.short_name,
                 group=r.group, kind=r.kind, verified=r.verified, note=r.note, valid_from=r.valid_from,
                 valid_to=r.valid_to) for r in rows]


def _source_text(blocks) -> str:
    return "\n".join(b.text if not b.is_table else "\n".join(" | ".join(row) for row in b.rows) for b in blocks)


def read_upload(name: str, data: bytes):
    """The document's blocks, from the bytes an upload gives (the readers take a path, so a temporary file)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput("document", f"tệp {name}: chỉ đọc được .docx, .pdf (có lớp chữ), .txt, .md")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"document{suffix}"
        path.write_bytes(data)
        return read_document(path)


def start_draft(engine: Engine, by: str, province_code: str, name: str, data: bytes, *,
                amends: int | None = None) -> int:
    """A new draft (of a plan, or of an amendment to plan `amends`) from an uploaded document; its id."""
    blocks = read_upload(name, data)
    with UnitOfWork(engine) as uow:
        s = uow.session
        who = require_editor(s, by, province_code)
        units = province_units(s, province_code)
        if not units:
            raise InvalidInput("province", f"cơ sở dữ liệu chưa có đơn vị nào của tỉnh mã {province_code}: "
                                           f"hãy nạp danh sách đơn vị trước")
        tree = _jsonable(draft_blocks(blocks, units))
        tree["province_code"] = province_code  # the plan is the province's the person works for
        if amends:
            plan = s.get(PlanRow, amends)
            if plan is None or plan.province_code != province_code:
                raise InvalidInput("plan", f"không có kế hoạch số {amends} của tỉnh mã {province_code}")
            tree = for_amendment(tree, _plan_areas(s, amends), _plan_codes(s, amends))
        row = PlanDraftRow(kind="amendment" if amends else "plan", plan_id=amends, province_code=province_code,
                           source_name=name, source_text=_source_text(blocks), tree=tree, status="draft",
                           created_by=who, updated_by=who)
        s.add(row)
        uow.commit()
        return row.id


def save_draft(engine: Engine, by: str, draft_id: int, tree: dict) -> None:
    """Keep the person's edits (the whole tree: it is small, and a partial save could leave it half-edited)."""
    with UnitOfWork(engine) as uow:
        row = _open_draft(uow.session, draft_id)
        row.updated_by = require_editor(uow.session, by, row.province_code)
        row.tree, row.updated_at = _jsonable(tree), utcnow()
        uow.commit()


def _open_draft(s: Session, draft_id: int) -> PlanDraftRow:
    row = s.get(PlanDraftRow, draft_id)
    if row is None:
        raise InvalidInput("draft", f"không có bản nháp số {draft_id}")
    if row.status != "draft":
        raise InvalidInput("draft", f"bản nháp số {draft_id} đã được công bố: không sửa được nữa")
    return row


def open_reviews(tree: dict) -> list[str]:
    """Each review flag still standing, as a line naming its place and field."""
    lines = [f"đầu văn bản, trường '{f['field']}': {f['reason']}" for f in tree.get("review") or []]
    for i, r in enumerate(tree.get("requirements") or [], start=1):
        lines += [f"yêu cầu thứ {i} ({r.get('code') or '?'}), trường '{f['field']}': {f['reason']}"
                  for f in r.get("review") or []]
    return lines


def check_tree(tree: dict, units: list[Unit]) -> tuple[Plan | None, list[str]]:
    """(the plan, []) when the draft loads as a plan file would; else (None, every problem `plan check` names)."""
    try:
        return plan_from_data(dict(tree), DRAFT_NAME, units), []
    except DataFileError as exc:
        return None, list(exc.problems)


def check_draft(engine: Engine, draft_id: int) -> list[str]:
    """Every problem publishing would refuse: the plan-file checks, then the review flags not yet resolved."""
    with Session(engine) as s:
        row = s.get(PlanDraftRow, draft_id)
        return draft_problems(s, row.kind, row.plan_id, row.province_code, row.tree)


def draft_notices(engine: Engine, draft_id: int, lang: str = "vi") -> list[str]:
    """What the publisher should know but need not settle (tracking.plans.notices), once the draft loads as a plan."""
    with Session(engine) as s:
        row = s.get(PlanDraftRow, draft_id)
        tree = row.tree if row.kind != "amendment" else amendment_tree(
            s.get(PlanRow, row.plan_id), _plan_areas(s, row.plan_id), row.tree.get("requirements") or [])
        plan = check_tree(tree, province_units(s, row.province_code))[0]
    return plan_notices(plan, lang) if plan is not None else []


def draft_problems(s: Session, kind: str, plan_id: int | None, province_code: str, tree: dict) -> list[str]:
    units = province_units(s, province_code)
    if kind != "amendment":
        return check_tree(tree, units)[1] + open_reviews(tree)
    plan = s.get(PlanRow, plan_id)
    problems = check_tree(amendment_tree(plan, _plan_areas(s, plan_id), tree.get("requirements") or []), units)[1]
    problems += [f"đầu văn bản, trường '{key}': thiếu" for key in ("number", "issued_on") if not tree.get(key)]
    taken = _plan_codes(s, plan_id)
    problems += [f"yêu cầu mã '{r.get('code')}': kế hoạch đã có mã này" for r in tree.get("requirements") or []
                 if r.get("code") in taken]
    return problems + open_reviews(tree)


def _plan_areas(s: Session, plan_id: int) -> list[dict]:
    return [{"code": a.code, "name": a.name, "clause": a.clause}
            for a in s.scalars(select(AreaRow).where(AreaRow.plan_id == plan_id).order_by(AreaRow.position))]


def _plan_codes(s: Session, plan_id: int) -> set[str]:
    return set(s.scalars(select(RequirementRow.code).where(RequirementRow.plan_id == plan_id)))


def amendment_tree(plan: PlanRow, areas: list[dict], requirements: list[dict]) -> dict:
    """The tasks an amendment adds, inside the amended plan (its areas, window, province): checked as a plan file."""
    return {"code": plan.code, "title": plan.title, "issuer": plan.issuer, "province_code": plan.province_code,
            "starts_on": plan.starts_on, "ends_on": plan.ends_on, "areas": areas, "requirements": list(requirements)}


def publish_draft(engine: Engine, by: str, draft_id: int) -> int:
    """Load the draft as a plan (areas, requirements, milestones) and record who published it and when, in one
    transaction; the new plan's id."""
    with UnitOfWork(engine) as uow:
        s = uow.session
        row = _open_draft(s, draft_id)
        if row.kind != "plan":
            raise InvalidInput("draft", "bản nháp này là văn bản sửa đổi: hãy áp dụng nó như một sửa đổi")
        who = require_editor(s, by, row.province_code)
        units = province_units(s, row.province_code)
        plan, problems = check_tree(row.tree, units)
        problems += open_reviews(row.tree)
        if problems:
            raise DataFileError(DRAFT_NAME, problems)
        if s.scalar(select(PlanRow.id).where(PlanRow.code == plan.code)) is not None:
            raise InvalidInput("code", f"đã có kế hoạch mã '{plan.code}': hãy đặt mã khác")
        created = seed_session(s, units, [plan])["milestones_created"]
        plan_id = s.scalar(select(PlanRow.id).where(PlanRow.code == plan.code))
        s.add(PlanEventRow(plan_id=plan_id, draft_id=row.id, action="published",
                           document_number=row.tree.get("number") or None,
                           document_date=_day(row.tree.get("issued_on")), effective_on=plan.starts_on,
                           detail={"requirements": [r.code for r in plan.requirements], "milestones": created,
                                   "source_name": row.source_name},
                           recorded_by=who))
        row.status, row.plan_id, row.updated_by, row.updated_at = "published", plan_id, who, utcnow()
        uow.commit()
        return plan_id


def _day(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise TrackingError(f"ngày '{value}' không hợp lệ") from None
