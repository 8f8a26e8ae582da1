"""The plan drafter: a plan document (.docx, .pdf with text, .txt/.md) → a draft plan file for a person to review.

A pipeline of small pure steps (DESIGN.md): read blocks → section tree → tasks → roles, deadlines, reporting →
plan tree with review flags. Deterministic: the same document and unit list give the same draft.
"""
from __future__ import annotations

from pathlib import Path

from tracking.domain.plan import Unit

from .assemble import assemble
from .heading import read_heading
from .reading import read_document
from .structure import build_items
from .tasks import segment
from .units import UnitIndex


def draft_blocks(blocks, units: list[Unit]) -> dict:
    index = UnitIndex(units)
    notes = [b.note for b in blocks if b.note]
    blocks = [b for b in blocks if not b.note]
    heading = read_heading(blocks, index)
    heading.review += [{"field": "requirements", "reason": note} for note in notes]
    return assemble(heading, segment(build_items(blocks), index), index)


def draft_document(path: Path, units: list[Unit]) -> dict:
    """The draft plan tree (keys of CONTRACTS.md, in the plan file's order)."""
    return draft_blocks(read_document(Path(path)), units)
