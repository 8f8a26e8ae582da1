"""Task tables: STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm.

Columns are found by their header words, wherever they stand; a row with only a number and a text is a group
(its text becomes the area, its number part of the clause); every other row with a task text is one requirement.
"""
from __future__ import annotations

import re

from .deadlines import cell_deadline, find_deadlines
from .numbering import parse_marker
from .recurrence import find_reporting
from .roles import read_roles
from .structure import Item
from .task import Task
from .columns import columns, header_row
from .text import sentence_case
from .units import UnitIndex

def table_tasks(item: Item, index: UnitIndex, area_clause: str, area_name: str) -> list[Task]:
    rows = list(item.rows)
    header_at = header_row(item.rows)
    if header_at is None:
        return []
    cols = columns(rows[header_at])
    base = item.clause
    group_label, group_clause, group_name = "", area_clause, area_name
    tasks: list[Task] = []
    for row in rows[header_at + 1:]:
        cell = {name: (" ".join(row[i].split()) if i < len(row) else "") for name, i in cols.items()}
        number = cell.get("number", "")
        task_text = cell.get("task", "")
        others = [v for k, v in cell.items() if k not in ("number", "task") and v]
        filled = [" ".join(v.split()) for v in row if v.strip()]
        if len(filled) == 1 and not task_text and not others:
            # a group row merged across the table, its number in its text: 'I. NHÓM NHIỆM VỤ CẢI THIỆN …'
            marker = parse_marker(filled[0])
            capital = re.match(r"^([A-ZĐ])\s*[.)/]\s+(\S.*)$", filled[0])  # 'A. NHIỆM VỤ TRỌNG TÂM'
            number, task_text = ((marker.label, marker.rest) if marker and marker.kind != "bullet"
                                 else capital.groups() if capital else ("", filled[0]))
        if not task_text or re.fullmatch(r"\(?\d+\)?", task_text):
            continue  # an empty row or the '(1) (2) (3)' row under the header
        if not others:  # a group row: 'I | Hoàn thiện thể chế'
            group_label = number.rstrip(".")
            group_clause = ".".join(x for x in (base, group_label) if x)
            group_name = sentence_case(task_text.rstrip(" :."))
            continue
        clause = ".".join(x for x in (base, group_label, number.rstrip(".")) if x)
        roles = read_roles(task_text, index)
        lead_cell, coordinating_cell = cell.get("lead") or None, cell.get("coordinating") or None
        if lead_cell:
            cell_roles = read_roles(lead_cell, index)
            roles.lead = cell_roles.lead or [m for m in index.mentions(lead_cell)] or roles.lead
        if coordinating_cell:
            roles.coordinating = [m for m in index.mentions(coordinating_cell) if m not in roles.lead]
            if not roles.coordinating:  # 'Các phòng, đơn vị thuộc Sở': the cell says who, no list names them
                roles.coordinating_generic.append(coordinating_cell)
        deadline = cell_deadline(cell["time"]) if cell.get("time") else None
        deadlines = [deadline] if deadline else find_deadlines(task_text)
        source = " | ".join(" ".join(v.split()) for v in row if v)
        tasks.append(Task(clause, group_clause, group_name, task_text, source, roles, None, deadlines,
                          find_reporting(task_text + " " + cell.get("time", "")), lead_cell=lead_cell,
                          coordinating_cell=coordinating_cell, time_cell=cell.get("time") or None))
    return tasks
