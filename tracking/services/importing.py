"""Bulk import of progress updates: every row validated, then all applied in one transaction or none."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from sqlalchemy import select

from tracking.db.models import UpdateRow
from tracking.errors import InvalidInput, TrackingError
from tracking.imports.reader import SheetRow
from tracking.services.milestone_lookup import MilestoneLookup
from tracking.services.permissions import PermissionDenied, load_actor, require_role
from tracking.services.updates import UpdateCommand, build_update
from tracking.services.versions import lock_milestones, stamp_updates
from tracking.text import nfc
from tracking.uow import UnitOfWork

FIELD_TO_COLUMN = {"evidence_date": "date", "by": "unit_code"}
PROGRESS_EVERY = 100


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str
    line: int | None = None  # CSV: the text line, when a multi-line note makes it differ from the row

    def __str__(self) -> str:
        where = f"dòng {self.row}" if self.line is None else f"dòng {self.row} (dòng {self.line} trong tệp văn bản)"
        return f"{where}, cột {self.column}: {self.reason}"


@dataclass
class ImportResult:
    rows: int = 0
    untouched: int = 0  # rows with codes only (template rows left blank): skipped, and counted
    planned: list[dict] = field(default_factory=list)  # what each valid row does: 'new' or 'duplicate'
    problems: list[RowProblem] = field(default_factory=list)
    applied: bool = False

    @property
    def new(self) -> int:
        return sum(1 for p in self.planned if p["action"] == "new")

    @property
    def new_dates(self) -> list:
        """The fact dates of the rows that are (or would be) saved."""
        return [p["date"] for p in self.planned if p["action"] == "new"]

    @property
    def duplicates(self) -> int:
        return sum(1 for p in self.planned if p["action"] == "duplicate")


class ImportRefused(TrackingError):
    """At least one bad row: nothing was written. Lists every bad row."""

    def __init__(self, result: ImportResult):
        self.result = result
        shown = "; ".join(str(p) for p in result.problems[:20])
        more = f"; … và {len(result.problems) - 20} lỗi khác" if len(result.problems) > 20 else ""
        super().__init__(f"Không nhập gì: {len(result.problems)} lỗi trong {result.rows} dòng — {shown}{more}")


def command_for(row: SheetRow, by: str) -> UpdateCommand:
    v = row.values
    return UpdateCommand(
        unit_code=str(v["unit_code"] or ""), requirement_code=str(v["requirement_code"] or ""),
        state=str(v["state"] or ""), fact_date=v["date"], by=by,
        period=str(v["period"] or "") or None, percent=v["percent"],
        evidence=_text(v["evidence"]), note=_text(v["note"]), source="import",
    )


def import_updates(
    uow: UnitOfWork, rows: list[SheetRow], by: str, *, dry_run: bool = False, today: date | None = None,
    progress: Callable[[int, int], None] | None = None, untouched: int = 0,
) -> ImportResult:
    """Validate every row; raise ImportRefused if any is bad. Rows already recorded are skipped, not repeated."""
    s, today = uow.session, today or date.today()
    actor = load_actor(s, by)
    # A reader or an administrator gets one refusal, not one per row.
    require_role(actor, ("inspector", "unit_officer"), "nhập cập nhật tiến độ")
    result = ImportResult(rows=len(rows), untouched=untouched)
    built: list[tuple[SheetRow, UpdateRow]] = []
    commands = [command_for(row, by) for row in rows]
    # One read per table for every row's unit, requirement, milestone and plan, not four queries per row;
    # keyed by the codes in NFC, as build_update compares them.
    lookup = MilestoneLookup(s, [(nfc(c.unit_code).strip(), nfc(c.requirement_code).strip()) for c in commands],
                             extra_units=[actor.unit_code])
    for done, (row, command) in enumerate(zip(rows, commands), start=1):
        try:
            built.append((row, build_update(s, command, today, actor=actor, lookup=lookup)))
        except InvalidInput as exc:
            result.problems.append(RowProblem(row.number, FIELD_TO_COLUMN.get(exc.field, exc.field), exc.reason, row.line))
        except PermissionDenied as exc:
            result.problems.append(RowProblem(row.number, "unit_code", str(exc), row.line))
        if progress and (done % PROGRESS_EVERY == 0 or done == len(rows)):
            progress(done, len(rows))
    if result.problems:
        raise ImportRefused(result)
    # Applying: lock the milestones first, so the duplicate check and the versions hold until commit.
    versions = {} if dry_run else lock_milestones(s, [u.milestone_id for _, u in built])
    seen = _recorded_fingerprints(s, [u.fingerprint for _, u in built])
    to_add = []
    for row, update in built:
        duplicate = update.fingerprint in seen
        seen.add(update.fingerprint)
        if not duplicate:
            to_add.append(update)
        v = row.values
        result.planned.append({
            "row": row.number, "unit_code": v["unit_code"], "requirement_code": v["requirement_code"],
            "period": v["period"], "state": update.state, "date": update.fact_date,
            "action": "duplicate" if duplicate else "new",
        })
    if dry_run:
        return result
    stamp_updates(s, to_add, versions)
    s.add_all(to_add)
    s.flush()
    uow.commit()
    result.applied = True
    return result


def _recorded_fingerprints(session, prints: list[str]) -> set[str]:
    found: set[str] = set()
    unique = sorted(set(prints))
    for start in range(0, len(unique), 500):  # keep the IN list well under SQLite's parameter limit
        chunk = unique[start:start + 500]
        found.update(session.scalars(select(UpdateRow.fingerprint).where(UpdateRow.fingerprint.in_(chunk))))
    return found


def _text(value) -> str | None:
    return None if value in (None, "") else str(value)
