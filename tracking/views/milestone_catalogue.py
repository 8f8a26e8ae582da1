"""The catalogue a snapshot's rows are labelled with: every milestone of the scope with its unit's and requirement's
labels, its period and its deadline, in the plan's order, indexed by milestone id.

Kept per process and catalogue stamp (tracking.db.data_stamp): recording an update leaves it as it is. When the stamp
changes, what changed is read, not the whole catalogue, where the stamp can say what it was: a deadline set (the
milestones of the requirements named by the new deadline changes), milestones closed (nothing to read: a closure
does not change a label, unit_history decides what counts) or added (the milestones after the highest id held). Any
other change (a plan, unit or schedule reload, a milestone deleted) reads the whole catalogue again.

Per milestone the database gives only its id, requirement id, deadline day, deadline source (as a small integer),
unit code and period; the labels come from the units' and requirements' own tables (catalogue_labels), taken by
place in arrays.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, case, func, select

from tracking.db.data_stamp import (CLOSURE_MAX, DEADLINE_CHANGE_MAX, MILESTONE_COUNT, MILESTONE_MAX,
                                    catalogue_stamp)
from tracking.db.models import DeadlineChangeRow, MilestoneRow, RequirementRow
from tracking.db.plan_scope import plan_id_sql
from tracking.views import catalogue_store, unit_history
from tracking.views.catalogue_labels import (DEADLINE_WORDS, REQUIREMENT_LABELS, UNIT_LABELS, Labels,
                                             requirement_labels, unit_labels)
from tracking.views.joined_columns import NUMBERS, TEXTS, columns_of, driver_rows
from tracking.views.packed_facts import NO_DAY, dates_of, day_number

STAMPED = "milestones_stamped"
CATALOGUE_ENTRIES = 8  # catalogues kept per process: a plan's is a few hundred kB, the whole country's ~20 MB
SOURCES = np.array(["plan", "inferred", "proposed", "set"], dtype=object)  # a deadline source's code: its place
FROM_THE_PLAN = (0, 1)  # plan, inferred: the plan's words go with the date
# What a refresh may read instead of the whole catalogue: the stamp's parts whose change it knows how to follow.
FOLLOWED = {DEADLINE_CHANGE_MAX, MILESTONE_COUNT, MILESTONE_MAX, CLOSURE_MAX}


@dataclass(frozen=True)
class Milestones:
    """Per milestone (in no particular order) what the catalogue needs from its row."""
    ids: np.ndarray
    requirement_ids: np.ndarray
    deadline_day: np.ndarray  # NO_DAY: none
    sources: np.ndarray  # codes into SOURCES
    unit_codes: np.ndarray
    periods: np.ndarray  # None: no period


@dataclass(frozen=True)
class _Entry:
    frame: pd.DataFrame
    stamp: tuple
    milestones: Milestones
    units: Labels
    requirements: Labels


_catalogues: OrderedDict[tuple, _Entry] = OrderedDict()
_catalogues_lock = threading.Lock()


def plan_requirements(plan_id: int | None):
    """The ids of the plan's requirements (the default plan's when None), as a SELECT (of the table: a mapped class
    would take the statement through the ORM)."""
    r = RequirementRow.__table__
    return select(r.c.id).where(r.c.plan_id == plan_id_sql(plan_id))


def milestone_catalogue(conn: Connection, plan_id: int | None = None, every_plan: bool = False) -> pd.DataFrame:
    """The catalogue of the plan's milestones (every plan's with `every_plan`), from the cache when its stamp is
    unchanged, refreshed by what changed when it can be. Shared: take columns or rows from it (copy-on-write keeps
    it as it is), never write into it."""
    return catalogue_coming(conn, plan_id, every_plan).result()


def catalogue_coming(conn: Connection, plan_id: int | None = None, every_plan: bool = False, *,
                     apart: Engine | None = None, storable: bool = False) -> Future:
    """milestone_catalogue's frame as a future: done at once when it is kept or refreshed by what changed. When the
    whole catalogue must be read and `apart` (the engine of `conn`, which holds no write of its own) is given, it is
    read on another of that engine's connections in a thread, while the caller reads the facts on `conn`: on
    PostgreSQL the two statements run on two backends, so a fresh process no longer waits for the one and then the
    other (snapshot._reader_apart says which engines gain by it). `storable`: `conn` was opened to read and holds no
    write (a catalogue read there may be stored for other processes; one read inside a caller's transaction may hold
    what the transaction wrote and is later rolled back)."""
    # A plan's catalogue is keyed by its own milestones' count, not every plan's (a count of the whole table
    # grows with the number of plans in the database).
    scope = (conn.engine.url.render_as_string(), plan_id, every_plan)
    if apart is not None and not _holds(scope):
        # A first read in this process: the stamp too is read apart, beside the caller's own first statements.
        return _readers().submit(_first_read_apart, apart, scope, plan_id, every_plan)
    stamp = catalogue_stamp(conn, None if every_plan else plan_requirements(plan_id))
    with _catalogues_lock:
        if scope + (stamp,) in _catalogues:
            _catalogues.move_to_end(scope + (stamp,))
            return _done(_catalogues[scope + (stamp,)].frame)
        latest = next((entry for key, entry in reversed(_catalogues.items()) if key[:3] == scope), None)
    entry = _refreshed(conn, latest, stamp, plan_id, every_plan) if latest is not None else None
    if entry is None and apart is not None:
        return _readers().submit(_read_apart, apart, scope, stamp, plan_id, every_plan)
    return _done(_kept(scope, stamp, entry if entry is not None else
                       _obtained(conn, plan_id, every_plan, stamp, storable)))


def catalogue_arrived(coming: Future, conn: Connection, plan_id: int | None = None,
                      every_plan: bool = False, storable: bool = False) -> pd.DataFrame:
    """The frame of catalogue_coming, once the caller has read its facts. A read whose thread has not begun (every
    reader busy, e.g. many processes' first views at once) is read here instead, on `conn`: a caller never holds its
    connection waiting for a reader that may itself wait for a free connection."""
    if coming.cancel():
        return catalogue_coming(conn, plan_id, every_plan, storable=storable).result()
    return coming.result()


def _read_apart(engine: Engine, scope: tuple, stamp: tuple, plan_id: int | None, every_plan: bool) -> pd.DataFrame:
    with engine.connect() as conn:
        return _kept(scope, stamp, _obtained(conn, plan_id, every_plan, stamp, True))


def _first_read_apart(engine: Engine, scope: tuple, plan_id: int | None, every_plan: bool) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = catalogue_coming(conn, plan_id, every_plan, storable=True).result()
        # While the caller still waits for its facts: what the units' changes touch in this catalogue, which the
        # snapshot relabels next (unit_history keeps it per catalogue).
        unit_history.touched(conn, frame)
        return frame


def _holds(scope: tuple) -> bool:
    with _catalogues_lock:
        return any(key[:3] == scope for key in _catalogues)


def _obtained(conn: Connection, plan_id: int | None, every_plan: bool, stamp: tuple, storable: bool) -> _Entry:
    """The whole catalogue at `stamp`: the one stored in the database under that stamp when there is one, else read
    (and then, when `storable`, stored in the background for the next process)."""
    key = catalogue_store.key_of(plan_id, every_plan)
    arrays = catalogue_store.load(conn, key, stamp)
    if arrays is not None:
        try:
            return _entry_of(arrays, stamp)
        except (KeyError, ValueError, TypeError) as exc:  # a row of another shape: read the catalogue instead
            catalogue_store.log.warning("catalogue_store: dòng lưu không dùng được (%s): %s", key, exc)
    entry = _read(conn, plan_id, every_plan, stamp)
    if not storable:
        return entry
    requirements = None if every_plan else plan_requirements(plan_id)
    catalogue_store.save_later(conn.engine, key, stamp, lambda: _arrays_of(entry),
                               lambda other: catalogue_stamp(other, requirements))
    return entry


def _arrays_of(entry: _Entry) -> dict[str, np.ndarray]:
    """The entry as named arrays (catalogue_store keeps arrays, not objects): the milestones in the frame's order
    with their places among the labels, and the labels; the frame is made again from them as _frame makes it."""
    milestones = entry.milestones
    order = pd.Index(milestones.ids).get_indexer(entry.frame.index)
    at_unit = entry.units.places(milestones.unit_codes[order])
    at_requirement = entry.requirements.places(milestones.requirement_ids[order])
    if (order < 0).any() or (at_unit < 0).any() or (at_requirement < 0).any():
        raise catalogue_store.Unstorable("một mốc không có đơn vị hay yêu cầu trong nhãn")
    arrays = {"milestones/ids": milestones.ids[order], "milestones/deadline_day": milestones.deadline_day[order],
              "milestones/sources": milestones.sources[order], "milestones/periods": milestones.periods[order],
              "at/units": at_unit, "at/requirements": at_requirement}
    for part, labels in (("units", entry.units), ("requirements", entry.requirements)):
        arrays.update({f"{part}/{name}": values for name, values in labels.columns.items()})
        arrays[f"rank/{part}"], arrays[f"index/{part}"] = labels.rank, labels.index.to_numpy()
    return arrays


def _entry_of(arrays: dict[str, np.ndarray], stamp: tuple) -> _Entry:
    """_arrays_of read back: the same frame, milestones and labels."""
    def part(prefix: str) -> dict[str, np.ndarray]:
        return {name[len(prefix):]: values for name, values in arrays.items() if name.startswith(prefix)}

    unit_codes, requirement_ids = arrays["index/units"], arrays["index/requirements"]
    units = Labels(part("units/"), arrays["rank/units"], pd.Index(unit_codes, dtype=object))
    requirements = Labels(part("requirements/"), arrays["rank/requirements"], pd.Index(requirement_ids))
    at_unit, at_requirement = arrays["at/units"], arrays["at/requirements"]
    milestones = Milestones(unit_codes=unit_codes[at_unit], requirement_ids=requirement_ids[at_requirement],
                            **part("milestones/"))
    frame = _labelled(milestones, at_unit, at_requirement, units, requirements, stamp)
    return _Entry(frame, stamp, milestones, units, requirements)


def _kept(scope: tuple, stamp: tuple, entry: _Entry) -> pd.DataFrame:
    with _catalogues_lock:
        _catalogues[scope + (stamp,)] = entry
        while len(_catalogues) > CATALOGUE_ENTRIES:
            _catalogues.popitem(last=False)
    return entry.frame


def _done(frame: pd.DataFrame) -> Future:
    future = Future()
    future.set_result(frame)
    return future


_pool: ThreadPoolExecutor | None = None


def _readers() -> ThreadPoolExecutor:
    global _pool
    with _catalogues_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="catalogue")
        return _pool


def forget_catalogues() -> None:
    """For the benchmark's cold runs."""
    with _catalogues_lock:
        _catalogues.clear()


def read_catalogue(conn: Connection, plan_id: int | None, every_plan: bool) -> pd.DataFrame:
    """The whole catalogue, read now (not kept)."""
    return _read(conn, plan_id, every_plan, None).frame


def _read(conn: Connection, plan_id: int | None, every_plan: bool, stamp: tuple | None) -> _Entry:
    milestones = _milestones(conn, plan_id, every_plan)
    units, requirements = unit_labels(conn, plan_id, every_plan), requirement_labels(conn, plan_id, every_plan)
    return _Entry(_frame(milestones, units, requirements, stamp), stamp, milestones, units, requirements)


def _refreshed(conn: Connection, entry: _Entry, stamp: tuple, plan_id: int | None, every_plan: bool) -> _Entry | None:
    """The catalogue of `entry` brought to `stamp` by reading only what changed; None when the change is not one a
    refresh can follow (then the whole catalogue is read)."""
    changed = {part for part, (old, new) in enumerate(zip(entry.stamp, stamp)) if old != new}
    if changed - FOLLOWED:
        return None
    milestones, frame = entry.milestones, entry.frame.copy(deep=False)
    if DEADLINE_CHANGE_MAX in changed:
        d = DeadlineChangeRow.__table__
        requirements = select(d.c.requirement_id).where(d.c.id > _number(entry.stamp[DEADLINE_CHANGE_MAX]))
        redated = _milestones(conn, plan_id, every_plan, MilestoneRow.__table__.c.requirement_id.in_(requirements))
        milestones, frame = _with_deadlines(milestones, redated), _frame_with_deadlines(frame, redated,
                                                                                        entry.requirements)
    if {MILESTONE_COUNT, MILESTONE_MAX} & changed:
        highest = int(milestones.ids.max()) if len(milestones.ids) else 0
        added = _milestones(conn, plan_id, every_plan, MilestoneRow.__table__.c.id > highest)
        # Only additions are followed: a count that is not the old one plus what was added means rows were deleted
        # (or added since the stamp was read): read everything.
        if len(milestones.ids) + len(added.ids) != int(stamp[MILESTONE_COUNT]):
            return None
        if (entry.units.places(added.unit_codes) < 0).any() or \
                (entry.requirements.places(added.requirement_ids) < 0).any():
            return None  # a unit or requirement the labels do not hold: they changed too
        if len(added.ids):  # (none when the milestones were added to another plan)
            milestones = Milestones(*(np.concatenate([getattr(milestones, f.name), getattr(added, f.name)])
                                      for f in fields(Milestones)))
            # New rows go to their places in the plan's order: the frame is put together again (no SQL).
            frame = _frame(milestones, entry.units, entry.requirements, stamp)
    frame.attrs[STAMPED] = int(stamp[MILESTONE_COUNT])
    return replace(entry, frame=frame, stamp=stamp, milestones=milestones)


def _with_deadlines(milestones: Milestones, changed: Milestones) -> Milestones:
    """The milestones with the deadlines (and sources) of `changed` where they hold the same id."""
    at = pd.Index(milestones.ids).get_indexer(changed.ids)
    held = at >= 0
    deadline_day, sources = milestones.deadline_day.copy(), milestones.sources.copy()
    deadline_day[at[held]], sources[at[held]] = changed.deadline_day[held], changed.sources[held]
    return replace(milestones, deadline_day=deadline_day, sources=sources)


def _frame_with_deadlines(frame: pd.DataFrame, changed: Milestones, requirements: Labels) -> pd.DataFrame:
    """The frame with the deadlines of `changed` (and their sources and words) where it holds the same id: the
    columns a deadline makes are copied and written at those rows, the others shared."""
    at = frame.index.get_indexer(changed.ids)
    held = at >= 0
    at, day, source = at[held], changed.deadline_day[held], changed.sources[held]
    columns = {name: frame[name].to_numpy().copy() for name in ("deadline", "deadline_source", "deadline_day",
                                                                *DEADLINE_WORDS)}
    columns["deadline_day"][at], columns["deadline_source"][at] = day, SOURCES[source]
    columns["deadline"][at] = dates_of(day)
    words_at = np.where(np.isin(source, FROM_THE_PLAN) | (day == NO_DAY),
                        requirements.places(changed.requirement_ids[held]), -1)
    for name in DEADLINE_WORDS:
        columns[name][at] = requirements.columns[name][words_at]
    for name, values in columns.items():
        frame[name] = pd.Series(values, index=frame.index, dtype=values.dtype, copy=False)
    return frame


def _milestones(conn: Connection, plan_id: int | None, every_plan: bool, *where) -> Milestones:
    m = MilestoneRow.__table__
    source = case(*((m.c.deadline_source == name, code) for code, name in enumerate(SOURCES)), else_=len(SOURCES))
    stmt = select(m.c.id, m.c.requirement_id, func.coalesce(day_number(m.c.deadline, conn.dialect.name), NO_DAY),
                  source, m.c.unit_code, func.nullif(m.c.period, "")).where(*where)
    if not every_plan:
        stmt = stmt.where(m.c.requirement_id.in_(plan_requirements(plan_id)))
    milestones = Milestones(*columns_of(conn, stmt, (NUMBERS,) * 4 + (TEXTS,) * 2))
    if (milestones.sources == len(SOURCES)).any():
        raise ValueError(f"nguồn thời hạn lạ trong bảng milestones (chỉ có: {', '.join(SOURCES)})")
    return milestones


def _frame(milestones: Milestones, units: Labels, requirements: Labels, stamp: tuple | None) -> pd.DataFrame:
    """The catalogue's frame: labels taken by place, rows in the plan's order (unit, then requirement, then period,
    a missing one first as sort_values puts NaN)."""
    at_unit, at_requirement = units.places(milestones.unit_codes), requirements.places(milestones.requirement_ids)
    periods = pd.factorize(milestones.periods, sort=True)[0] + 1  # 0: none
    # One key: a unit, a requirement and a period make at most one milestone, so no two keys are equal (a
    # milestone whose unit or requirement the labels do not hold, which none should, goes first).
    unit_requirement = units.rank[at_unit] * len(requirements.rank) + requirements.rank[at_requirement]
    key = unit_requirement * (periods.max(initial=0) + 1) + periods
    order = np.argsort(key, kind="stable")
    ordered = Milestones(*(getattr(milestones, f.name)[order] for f in fields(Milestones)))
    return _labelled(ordered, at_unit[order], at_requirement[order], units, requirements, stamp)


def _labelled(milestones: Milestones, at_unit: np.ndarray, at_requirement: np.ndarray, units: Labels,
              requirements: Labels, stamp: tuple | None) -> pd.DataFrame:
    """The frame of milestones already in the plan's order, each with its unit's and requirement's place."""
    deadline_day, sources = milestones.deadline_day, milestones.sources
    columns = {"unit_code": milestones.unit_codes, "period": milestones.periods,
               "deadline": dates_of(deadline_day), "deadline_source": SOURCES[sources], "deadline_day": deadline_day,
               **{name: units.columns[name][at_unit] for name in UNIT_LABELS},
               **{name: requirements.columns[name][at_requirement] for name in REQUIREMENT_LABELS}}
    # The clause the date comes from and the plan's words: a date set later in the app, or proposed by the
    # software, is not the plan's (place -1 reads None).
    from_plan = np.isin(sources, FROM_THE_PLAN) | (deadline_day == NO_DAY)
    words_at = np.where(from_plan, at_requirement, -1)
    columns.update({name: requirements.columns[name][words_at] for name in DEADLINE_WORDS})
    index = pd.Index(milestones.ids, name="milestone_id")
    frame = pd.DataFrame({name: pd.Series(values, index=index, dtype=values.dtype, copy=False)
                          for name, values in columns.items()}, copy=False)
    if stamp is not None:
        # How many milestones the stamp counted: a catalogue holding as many holds them all (read after the stamp, it
        # may hold one more), and a snapshot may then ask the database only for the milestones that have facts.
        frame.attrs[STAMPED] = int(stamp[MILESTONE_COUNT])
    return frame


def _number(part: str) -> int:
    """A stamp's highest id as a number (an empty table's is 'None')."""
    return int(part) if part not in ("None", "") else 0
