"""A cheap fingerprint of everything the dashboards read: cached results are keyed by it, so a write made by any
process (another app server behind the same proxy, the CLI, an import) shows at the next page view, with no
time-to-live to wait out and no precomputed table to keep in step."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Connection, func, select

from tracking.db.plan_scope import plan_id_sql

from tracking.db.models import (
    DeadlineChangeRow, MilestoneClosureRow, MilestoneRow, PlanRow, QuantityUpdateRow, RequirementRow, SettingRow,
    UnitChangeRow, UnitRow, UpdateRow, UserEventRow,
)

CATALOGUE_KEY = "catalogue_loaded_at"  # touched by every plan/unit load: the load rewrites rows in place


def data_stamp(conn: Connection, *, accounts: bool = False) -> tuple:
    """Append-only tables change their highest id on every write; rows rewritten in place (plan reload,
    reporting schedule) touch a setting's time; deleted milestones change the count. One round trip, each part
    an index lookup or a count of a small table.

    Account events (sign-ins among them) count only for the pages that show them (`accounts=True`): otherwise
    every sign-in would make every dashboard be computed again."""
    parts = [*_catalogue_parts(), _highest(UpdateRow), _highest(QuantityUpdateRow)]
    return _read(conn, [*parts, _highest(UserEventRow)] if accounts else parts)


def plan_stamp(conn: Connection, plan_id: int | None) -> tuple:
    """What one plan's dashboard depends on: the plan's catalogue and the newest update of its milestones (the
    default plan's when None). An update in another province leaves it as it was, so that province's dashboards
    stay cached in every process. One index walk over the plan's milestones (a few thousand entries)."""
    r, m, u = RequirementRow.__table__, MilestoneRow.__table__, UpdateRow.__table__
    requirements = select(r.c.id).where(r.c.plan_id == plan_id_sql(plan_id))
    newest = (select(func.max(u.c.id)).join(m, m.c.id == u.c.milestone_id)
              .where(m.c.requirement_id.in_(requirements)))
    return _read(conn, [*_catalogue_parts(requirements), newest])


def catalogue_stamp(conn: Connection, requirements=None) -> tuple:
    """The part of the stamp that units, requirements and milestones (names, order, deadlines) depend on: not
    changed by recording an update, so a national catalogue is not read again after each one.

    `requirements` (a SELECT of requirement ids, one plan's): deleted milestones are counted among those
    requirements' only, through the milestones' requirement index, so the stamp of one plan's catalogue costs the
    same however many plans the database holds."""
    return _read(conn, _catalogue_parts(requirements))


# Where the catalogue stamp holds the highest deadline change, the number of milestones in its scope, the highest
# milestone id and the highest closure (a catalogue follows these changes without reading itself again).
DEADLINE_CHANGE_MAX, MILESTONE_COUNT, MILESTONE_MAX, CLOSURE_MAX = 0, 2, 3, 8


def _catalogue_parts(requirements=None) -> list:
    milestones = _count(MilestoneRow)
    if requirements is not None:
        milestones = milestones.where(MilestoneRow.__table__.c.requirement_id.in_(requirements))
    return [
        _highest(DeadlineChangeRow), _highest(SettingRow, "updated_at"), milestones, _highest(MilestoneRow),
        _count(UnitRow), _count(RequirementRow), _count(PlanRow),
        # Units' changes and the closures of their milestones (names in force, milestones that stop counting).
        _highest(UnitChangeRow), _highest(MilestoneClosureRow),
    ]


# Of the tables, not the mapped classes: a statement naming a class is compiled through the ORM, which in a fresh
# process first configures every mapper (≈10 ms) for a stamp that reads no object.
def _highest(model, column: str = "id"):
    return select(func.max(model.__table__.c[column]))


def _count(model):
    return select(func.count()).select_from(model.__table__)


def _read(conn: Connection, parts: list) -> tuple:
    row = conn.execute(select(*[part.scalar_subquery() for part in parts])).one()
    return tuple(str(value) for value in row)


def touch_catalogue(session) -> None:
    """Called by the plan/unit loader: in-place rewrites of names, titles and deadlines must change the stamp."""
    now = datetime.now(timezone.utc)
    row = session.get(SettingRow, CATALOGUE_KEY) or SettingRow(key=CATALOGUE_KEY)
    row.value, row.updated_by, row.updated_at = now.isoformat(), "init", now
    session.add(row)
