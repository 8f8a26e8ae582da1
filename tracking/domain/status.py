"""Status of a milestone as of a date, from its append-only history (DESIGN.md §2)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Iterable, Sequence


class State(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Status(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    OPEN = "open"
    # Not done and no deadline at all (the plan leaves it open and none was set): never "not yet due", which
    # would promise a date that does not exist.
    NO_DEADLINE = "no_deadline"


STATUS_ORDER = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.OPEN, Status.NO_DEADLINE)


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded fact. `seq` is the recording order (the update id): it breaks ties on the same fact date."""

    fact_date: date
    state: State
    seq: int
    percent: int | None = None


@dataclass(frozen=True)
class MilestoneStatus:
    status: Status
    state: State | None
    completed_on: date | None
    percent: int | None


def ordered(history: Iterable[HistoryEntry]) -> list[HistoryEntry]:
    # Facts are ordered by when they happened, not when they were typed in: a late entry of an early
    # decision must count from the decision's date.
    return sorted(history, key=lambda e: (e.fact_date, e.seq))


def completion_date(history: Sequence[HistoryEntry]) -> date | None:
    """The first day of the final unbroken run of `done` entries, or None if the last entry is not done."""
    completed: date | None = None
    for entry in ordered(history):
        if entry.state is State.DONE:
            completed = completed or entry.fact_date
        else:
            completed = None
    return completed


def classify(completed_on: date | None, deadline: date | None, as_of: date) -> Status:
    if completed_on is not None:
        if deadline is None or completed_on <= deadline:
            return Status.DONE_ON_TIME
        return Status.DONE_LATE
    if deadline is None:
        return Status.NO_DEADLINE
    if as_of > deadline:
        return Status.OVERDUE
    return Status.OPEN


def milestone_status(history: Iterable[HistoryEntry], deadline: date | None, as_of: date) -> MilestoneStatus:
    """Status as of `as_of`, using only the facts that had happened by then."""
    known = ordered(e for e in history if e.fact_date <= as_of)
    completed = completion_date(known)
    last = known[-1] if known else None
    percent = last.percent if last else None
    if last and last.state is State.DONE and percent is None:
        percent = 100
    return MilestoneStatus(
        status=classify(completed, deadline, as_of),
        state=last.state if last else None,
        completed_on=completed,
        percent=percent,
    )


def days_to_deadline(deadline: date | None, as_of: date) -> int | None:
    """Positive: days left; negative: days overdue."""
    return None if deadline is None else (deadline - as_of).days
