"""A task as segmentation finds it: its place, its words, and what the readers found in them."""
from __future__ import annotations

from dataclasses import dataclass, field

from .deadlines import Deadline
from .recurrence import Reporting
from .roles import Roles


@dataclass
class Task:
    clause: str
    area_clause: str
    area_name: str
    title: str
    source: str
    roles: Roles
    inherited: Roles | None = None        # roles read from an enclosing heading ('3. Sở Nội vụ')
    deadlines: list[Deadline] = field(default_factory=list)
    reporting: Reporting | None = None
    deadline_clause: str | None = None   # where the deadline is written when not in the task's own clause
    lead_cell: str | None = None         # from a task table
    coordinating_cell: str | None = None
    time_cell: str | None = None          # a table's time column, or a labelled time no rule reads ('Hằng năm')
    unnamed: str | None = None            # a subject no unit list names ('Trưởng các ấp'), carried to what follows
