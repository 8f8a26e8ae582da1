"""The catalogue of milestones kept in the database beside the data it is read from, under its catalogue stamp, so
that a new process (a server just started, a CLI command) takes it in one row instead of reading and labelling every
milestone again (issue 20: at 63 provinces that read is 0.12–0.15 s, the snapshot's floor 0.05–0.09 s).

Kept right by its key: a row is used only when its stamp is the stamp the reader has just read, the same rule the
per-process cache of tracking.views.milestone_catalogue follows, so nothing has to maintain it inside the writing
transactions. It is written after a process has read the whole catalogue, in the background (a reader never waits
for SQLite's write lock), and only when the committed database still has that stamp: a catalogue read inside a
transaction that is later rolled back is never stored.

The row holds arrays, not Python objects: numbers as their bytes, texts, integers and dates as codes into a JSON list
of their distinct values. Reading it builds no object from the database's bytes but strings, numbers and dates, so a
row written by someone else cannot run code here (no pickle).
"""
from __future__ import annotations

import json
import logging
import struct
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, select

from tracking.db.models import CatalogueStoreRow, utcnow

log = logging.getLogger(__name__)

ENABLED = True  # the benchmark turns it off to measure a first read with nothing stored
FORMAT = 1
_HEADER = struct.Struct("<II")  # format, length of the JSON description that follows


class Unstorable(ValueError):
    """A column holds values the row's format does not keep exactly (e.g. a float NaN standing for "none")."""


@contextmanager
def left_out():
    """Neither read nor written inside (the benchmark's first read after a catalogue change)."""
    global ENABLED
    before, ENABLED = ENABLED, False
    try:
        yield
    finally:
        ENABLED = before


def key_of(plan_id: int | None, every_plan: bool) -> str:
    return "every" if every_plan else f"plan:{'default' if plan_id is None else plan_id}"


def stamp_text(stamp: tuple) -> str:
    return "|".join(stamp)


def load(conn: Connection, key: str, stamp: tuple) -> dict[str, np.ndarray] | None:
    """The arrays stored for `key` under exactly `stamp`, or None (nothing stored, another stamp, an unreadable row)."""
    if not ENABLED:
        return None
    payload = _payload(conn, key, stamp_text(stamp))
    if payload is None:
        return None
    try:
        return unpack(bytes(payload))
    except (ValueError, KeyError, TypeError, struct.error) as exc:  # a damaged row: read the catalogue instead
        log.warning("catalogue_store: bỏ qua dòng lưu hỏng (%s): %s", key, exc)
        return None


def _payload(conn: Connection, key: str, stamp: str) -> bytes | None:
    t = CatalogueStoreRow.__table__
    if conn.dialect.driver != "psycopg":
        return conn.execute(select(t.c.payload).where(t.c.key == key, t.c.stamp == stamp)).scalar()
    # In binary: in text, psycopg receives a national catalogue's bytes as hexadecimal, twice as long, and decodes
    # them (measured 08/12/2026 on 6.6 MB: 83 ms against 25 ms).
    with conn.connection.driver_connection.cursor(binary=True) as cursor:
        cursor.execute("SELECT payload FROM catalogue_store WHERE key = %s AND stamp = %s", (key, stamp))
        row = cursor.fetchone()
    return None if row is None else row[0]


def unpack(payload: bytes) -> dict[str, np.ndarray]:
    version, length = _HEADER.unpack_from(payload)
    if version != FORMAT:
        raise ValueError(f"định dạng {version}, cần {FORMAT}")
    described = json.loads(payload[_HEADER.size:_HEADER.size + length].decode("utf-8"))
    body = memoryview(payload)[_HEADER.size + length:]
    arrays = {}
    for name, item in described.items():
        raw = np.frombuffer(body, dtype=np.dtype(item["dtype"]), count=item["count"], offset=item["offset"])
        if "values" not in item:
            arrays[name] = raw.astype(np.dtype(item["as"]))  # a writable copy, as a freshly read column is
            continue
        distinct = item["values"]
        if item["kind"] == "date":
            distinct = [date.fromisoformat(value) for value in distinct]
        table = np.empty(len(distinct) + 1, dtype=object)
        table[:-1] = distinct  # code -1 reads the None at the end
        arrays[name] = table[raw]
    return arrays


def pack(arrays: dict[str, np.ndarray]) -> bytes:
    described, parts, offset = {}, [], 0
    for name, values in arrays.items():
        item: dict = {}
        if values.dtype == object:
            codes, distinct = _coded(values)
            item.update(kind=_kind_of(distinct), values=[_plain(value) for value in distinct])
            values = codes
        elif values.dtype.kind not in "iub":
            raise Unstorable(f"{name}: kiểu {values.dtype}")
        else:
            item["as"], values = values.dtype.str, _narrowest(values)
        data = np.ascontiguousarray(values).tobytes()
        item.update(dtype=values.dtype.str, count=len(values), offset=offset)
        described[name] = item
        parts.append(data)
        offset += len(data)
    head = json.dumps(described, ensure_ascii=False).encode("utf-8")
    return _HEADER.pack(FORMAT, len(head)) + head + b"".join(parts)


def _narrowest(values: np.ndarray) -> np.ndarray:
    """Integers in the fewest bytes that hold them all (day numbers and ids of a country fit in 4, places in 2)."""
    if values.dtype.kind != "i" or not len(values):
        return values
    low, high = values.min(), values.max()
    for kind in (np.int8, np.int16, np.int32):
        if np.iinfo(kind).min <= low and high <= np.iinfo(kind).max:
            return values.astype(kind)
    return values


def _coded(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    missing = pd.isna(values)
    if missing.any() and any(value is not None for value in values[missing]):
        raise Unstorable("một giá trị trống không phải None")
    codes, distinct = pd.factorize(values)
    small = np.int16 if len(distinct) < np.iinfo(np.int16).max else np.int32
    return codes.astype(small), distinct


def _kind_of(distinct) -> str:
    kinds = {type(value) for value in distinct}
    if kinds <= {str}:
        return "text"
    if kinds <= {int}:
        return "integer"
    if kinds <= {date}:
        return "date"
    raise Unstorable(f"kiểu {sorted(k.__name__ for k in kinds)}")


def _plain(value):
    return value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else value


_writer: ThreadPoolExecutor | None = None
_writer_lock = threading.Lock()
_pending: set[tuple[str, str]] = set()


def save_later(engine: Engine, key: str, stamp: tuple, arrays, committed_stamp) -> Future | None:
    """Store `arrays()` (named arrays, made in the background too) under `stamp`, if the committed database still
    has that stamp then (`committed_stamp(conn)` reads it). Failures are logged, never raised: the store only saves
    time."""
    global _writer
    if not ENABLED or not isinstance(engine, Engine):
        return None
    job = (key, stamp_text(stamp))
    with _writer_lock:
        if job in _pending:
            return None
        _pending.add(job)
        if _writer is None:
            _writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="catalogue-store")
        return _writer.submit(_save, engine, key, stamp, arrays, committed_stamp, job)


def _save(engine: Engine, key: str, stamp: tuple, arrays: dict, committed_stamp, job) -> bool:
    try:
        payload = pack(arrays())
        t = CatalogueStoreRow.__table__
        with engine.begin() as conn:
            if committed_stamp(conn) != stamp:
                return False
            conn.execute(_upsert(conn, t, key=key, stamp=stamp_text(stamp), payload=payload, written_at=utcnow()))
        return True
    except Unstorable as exc:
        log.info("catalogue_store: không lưu %s: %s", key, exc)
    except Exception:  # noqa: BLE001 — a background save must never take the app down
        log.warning("catalogue_store: không lưu được %s", key, exc_info=True)
    finally:
        with _writer_lock:
            _pending.discard(job)
    return False


def _upsert(conn: Connection, t, **values):
    """One statement, so two processes storing the same scope at once do not collide on its key."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(t).values(**values)
    return stmt.on_conflict_do_update(index_elements=[t.c.key],
                                      set_={name: stmt.excluded[name] for name in values if name != "key"})


def wait_for_saves() -> None:
    """Until every save asked for so far has finished (tests, and a CLI command about to exit)."""
    with _writer_lock:
        writer = _writer
    if writer is not None:
        writer.submit(lambda: None).result()
