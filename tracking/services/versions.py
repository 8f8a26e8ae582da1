"""Write versions: every writer locks the row it changes and bumps its counter, so a form's check is exact.

A form remembers the version it showed; a save compares that number under the same row lock every writer
(form, CLI, import) takes. Update ids cannot serve: on PostgreSQL they come from a sequence and do not follow
commit order.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select, update

from tracking.db.models import MilestoneRow, UnitRow, UpdateRow
from tracking.uow import lock_for_write


def lock_milestones(session, milestone_ids: Iterable[int]) -> dict[int, int]:
    """Lock these milestones until commit and return their current versions.

    Locks are taken in id order so two importers touching the same milestones cannot deadlock.
    """
    ids = sorted(set(milestone_ids))
    lock_for_write(session)
    versions: dict[int, int] = {}
    for start in range(0, len(ids), 500):  # well under SQLite's parameter limit
        chunk = ids[start:start + 500]
        rows = session.execute(
            select(MilestoneRow.id, MilestoneRow.version).where(MilestoneRow.id.in_(chunk))
            .order_by(MilestoneRow.id).with_for_update()
        )
        versions.update({milestone_id: version or 0 for milestone_id, version in rows})
    return versions


def stamp_updates(session, updates: Iterable[UpdateRow], versions: dict[int, int]) -> None:
    """Give each new update the next version of its milestone and store the milestones' new versions.

    `versions` comes from lock_milestones in the same transaction.
    """
    bumped = dict(versions)
    for row in updates:
        bumped[row.milestone_id] += 1
        row.version = bumped[row.milestone_id]
    changed = [{"mid": mid, "v": v} for mid, v in bumped.items() if v != versions[mid]]
    if changed:
        table = MilestoneRow.__table__
        session.execute(update(table).where(table.c.id == bindparam("mid")).values(version=bindparam("v")), changed)


def lock_unit_figures(session, unit_code: str) -> int:
    """Lock a unit's figures until commit and return their current version."""
    lock_for_write(session)
    return session.scalar(select(UnitRow.figures_version).where(UnitRow.code == unit_code).with_for_update()) or 0


def bump_unit_figures(session, unit_code: str, current: int) -> int:
    session.execute(update(UnitRow).where(UnitRow.code == unit_code).values(figures_version=current + 1))
    return current + 1


def milestone_version(session, milestone_id: int) -> int:
    return session.scalar(select(MilestoneRow.version).where(MilestoneRow.id == milestone_id)) or 0
