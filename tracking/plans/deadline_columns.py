"""The stored columns of a deadline: the plan's words, and the last day on time under the reading in force."""
from __future__ import annotations

from datetime import date

from tracking.domain.deadlines import last_day_on_time
from tracking.domain.plan import Area, Requirement


def area_deadline_columns(area: Area, reading: str, holidays: frozenset[date]) -> dict:
    return {
        "deadline": last_day_on_time(area.deadline, area.deadline_qualifier, reading, holidays),
        "deadline_named": area.deadline, "deadline_qualifier": area.deadline_qualifier,
        "deadline_as_written": area.deadline_as_written,
    }


def requirement_deadline_columns(req: Requirement, reading: str, holidays: frozenset[date]) -> dict:
    return {
        "deadline": last_day_on_time(req.deadline, req.deadline_qualifier, reading, holidays),
        "deadline_named": req.deadline, "deadline_qualifier": req.deadline_qualifier,
        "deadline_as_written": req.deadline_as_written, "deadline_note": req.deadline_note,
        "deadline_clause": req.deadline_clause, "lead_source": req.lead_source,
    }
