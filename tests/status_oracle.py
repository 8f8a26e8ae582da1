"""What the pure status rules say, computed in Python from the raw history: the yardstick for SQL and pages."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pandas as pd
from sqlalchemy import select

from tracking.charts.palette import STATUSES
from tracking.db.models import MilestoneClosureRow, MilestoneRow, UpdateRow
from tracking.domain.status import HistoryEntry, State, milestone_status
from tracking.views.snapshot import SNAPSHOT_COLUMNS


def expected_counts(engine, as_of: date) -> dict[str, int]:
    """Over the milestones that count on `as_of`: none the inspectorate closed or moved by then."""
    m, u, c = MilestoneRow.__table__, UpdateRow.__table__, MilestoneClosureRow.__table__
    with engine.connect() as conn:
        closed = {mid for mid, day in conn.execute(select(c.c.milestone_id, c.c.closed_on)) if day <= as_of}
        milestones = [row for row in conn.execute(select(m.c.id, m.c.deadline)).all() if row[0] not in closed]
        updates = conn.execute(select(u.c.milestone_id, u.c.fact_date, u.c.state, u.c.id)).all()
    histories = defaultdict(list)
    for milestone_id, fact_date, state, seq in updates:
        histories[milestone_id].append(HistoryEntry(fact_date, State(state), seq))
    counts = Counter(milestone_status(histories[mid], deadline, as_of).status.value for mid, deadline in milestones)
    return {status: counts.get(status, 0) for status in STATUSES}


def snapshot_row(unit="941", req="ORG-HUYEN", status="open", *, level="district", area="organisation",
                 deadline=date(2010, 10, 30), completed=None, period=None, parent="94", parent_name="UBND tỉnh",
                 district=None, unit_position=1, requirement_position=1, name=None, source="plan") -> dict:
    """One hand-made snapshot row, for pure tests of what is computed from the snapshot."""
    row = dict.fromkeys(SNAPSHOT_COLUMNS)
    row.update(
        milestone_id=hash((unit, req, period)) % 10**6, unit_code=unit, unit_name=name or f"Đơn vị {unit}",
        unit_level=level, parent_code=parent, parent_name=parent_name,
        district_code=district or (unit if level == "district" else None), requirement_code=req,
        requirement_title=f"Nhiệm vụ {req}", area=area, clause="II.1", kind="assignment", period=period,
        deadline=deadline, deadline_source=source, status=status, completed_on=completed,
        state="done" if completed else None, unit_position=unit_position, requirement_position=requirement_position,
    )
    return row


def snapshot_frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=SNAPSHOT_COLUMNS)
