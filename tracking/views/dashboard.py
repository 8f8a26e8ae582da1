"""Everything the dashboard and the exports draw, read once for one as-of date (pure read side, no streamlit)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from tracking.domain.deadlines import DEFAULT_READING, READING_SETTING

from tracking.views import catalog
from tracking.views.done_changes import done_changes
from tracking.views.evidence import with_words
from tracking.views.snapshot import snapshot
from tracking.views.unit_history import units_as_of


@dataclass(frozen=True)
class DashboardData:
    as_of: date
    plan: dict
    snapshot: pd.DataFrame      # one row per milestone (tracking.views.snapshot), with its latest evidence and note
    areas: pd.DataFrame         # code, name, name_en, deadline, clause
    units: pd.DataFrame
    requirements: pd.DataFrame
    is_demo: bool
    done_changes: pd.DataFrame  # fact_date, area, requirement_code, change: for burn-ups and projections
    deadline_reading: str = DEFAULT_READING  # how "trước ngày X" is graded: every report's footnote says it

    @property
    def has_facts(self) -> bool:
        """Whether any update had happened by the as-of date (otherwise the pages show an empty state)."""
        return bool(self.snapshot["last_fact_date"].notna().any()) if not self.snapshot.empty else False


def clamp_to_plan(day: date, plan: dict | None) -> date:
    """A date inside the plan's period (the dashboard replays 06/2010–12/2011)."""
    if not plan:
        return day
    return min(max(day, plan["starts_on"]), plan["ends_on"])


def load_dashboard(engine: Engine, as_of: date, plan_id: int | None = None) -> DashboardData:
    """The dashboard of one plan (its province's units only); the default plan when plan_id is None."""
    return DashboardData(
        as_of=as_of,
        plan=catalog.plan_info(engine, plan_id) or {},
        # the unit page and the workbook show the evidence and note: one plan's, read with it
        snapshot=with_words(engine, snapshot(engine, as_of, plan_id=plan_id), as_of),
        areas=catalog.areas(engine, plan_id),
        units=units_as_of(catalog.units(engine, plan_id), engine, as_of),
        requirements=catalog.requirements(engine, plan_id),
        is_demo=catalog.is_demo(engine),
        done_changes=done_changes(engine, as_of, plan_id),
        deadline_reading=catalog.setting(engine, READING_SETTING, DEFAULT_READING),
    )
