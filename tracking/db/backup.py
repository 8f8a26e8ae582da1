"""One-file backup and restore of the whole database, portable between SQLite and PostgreSQL.

The file is gzip'd JSON lines: a header (format, format version, Alembic revision, created at, row counts per
table), then one line per row, `{"t": table, "r": {column: value}}`, tables in foreign-key order. Every table of
the models' metadata is written, so a table added later is backed up without touching this module — except
NOT_BACKED_UP: sign-in sessions hold one-time codes and token hashes, credentials that must not travel in a file, so
a restored database starts with nobody signed in; derived tables (models.DERIVED_TABLES) are made again from the rest. Ids are kept, so a restored history is the same history;
PostgreSQL's sequences are moved past them afterwards.

Format 2 ends with a seal line, `{"seal": {...}}`: an HMAC per table section and over the whole file
(tracking.db.backup_seal), checked over the whole file before anything is written. The file holds password hashes:
it is written with mode 0600.
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from datetime import date, datetime, timezone
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Boolean, Date, DateTime, Engine, MetaData, func, inspect, select, text

from tracking.db.backup_seal import BackupKey, Sealer, backup_key
from tracking.db.migrate import alembic_config, downgrade, upgrade
from tracking.db.models import DERIVED_TABLES, Base
from tracking.errors import TrackingError

FORMAT = "theo-doi-ke-hoach-backup"
FORMAT_VERSION = 2
UNSEALED_VERSION = 1  # files written before the seal: restored only when the person says they trust them
SEAL_PREFIX = b'{"seal":'
# What reading a damaged gzip file can raise: a flipped byte is a zlib error or a UTF-8 error, never a system error.
DAMAGE = (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError)
VERSION_TABLE = "alembic_version"
BATCH = 1000
# Live sign-ins: credentials, and meaningless on another server; derived tables: the restored database makes its own.
NOT_BACKED_UP = frozenset({"sessions"}) | DERIVED_TABLES


class BackupError(TrackingError):
    """A backup file that cannot be restored, or a target that must not be overwritten."""


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows in each table the application defines (missing tables count as 0)."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {t.name: (conn.scalar(select(func.count()).select_from(t)) if t.name in present else 0)
                for t in Base.metadata.sorted_tables}


# unit_changes are not here: they are loaded from files (data/unit_changes_*.yaml) and can be loaded again.
HISTORY_TABLES = ("updates", "quantity_updates", "deadline_changes", "setting_changes", "users", "user_events",
                  "milestone_closures",
                  # plans made in the workspace (issue 18): their drafts, publishing and amendments exist nowhere else
                  "plan_drafts", "plan_events", "milestone_deadline_changes")


def history_counts(engine: Engine) -> dict[str, int]:
    """Rows that cannot be rebuilt from data/ (what people recorded), by table; empty when there are none."""
    counts = table_counts(engine)
    return {name: counts[name] for name in HISTORY_TABLES if counts.get(name)}


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table(VERSION_TABLE):
        return None
    with engine.connect() as conn:
        return conn.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))


def backed_up_tables() -> list:
    """The models' tables in foreign-key order, without NOT_BACKED_UP."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_BACKED_UP]


def write_backup(engine: Engine, path: Path, key: BackupKey | None = None) -> dict:
    """Write every row of every backed-up table to `path`, sealed; returns the header (counts per table)."""
    path = Path(path)
    key = key or backup_key(create=True)
    revision = current_revision(engine)
    if revision is None:
        raise BackupError("CSDL chưa được khởi tạo (chưa có bảng nào): không có gì để sao lưu")
    if revision != _script().get_current_head():  # the rows are read through the models of the newest schema
        raise BackupError(f"CSDL đang ở phiên bản {revision}, cũ hơn phần mềm: chạy 'python -m tracking init' để "
                          "nâng cấp rồi sao lưu")
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = backed_up_tables()
    partial = path.with_name(path.name + ".partial")
    with engine.connect() as conn:
        _snapshot(conn)  # one consistent view of the database for the counts and every row
        header = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "revision": revision,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "source": conn.dialect.name,
            "counts": {t.name: conn.scalar(select(func.count()).select_from(t)) for t in tables},
        }
        sealer = Sealer(key)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it holds password hashes
        with os.fdopen(descriptor, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as out:
            line = _line(header)
            sealer.add(line)
            out.write(line)
            for table in tables:
                order = list(table.primary_key.columns) or list(table.columns)
                result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(
                    select(table).order_by(*order))
                for row in result.mappings():
                    line = _line({"t": table.name, "r": {k: _encode(v) for k, v in row.items()}})
                    sealer.add(line, table.name)
                    out.write(line)
            out.write(_line({"seal": sealer.seal()}))
        conn.rollback()
    os.chmod(partial, 0o600)
    partial.replace(path)  # a backup cut off half-way never looks like a finished one
    return header


def _line(item: dict) -> bytes:
    return (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")


def _snapshot(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")  # pysqlite would otherwise read each SELECT in its own moment
    else:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _encode(value):
    if isinstance(value, datetime):
        # SQLite hands back the stored UTC time without its zone; write every moment as UTC with its offset.
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def read_header(path: Path) -> dict:
    with _open(path) as lines:
        return _header(lines, path)


def _open(path: Path):
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"không tìm thấy tệp sao lưu {path}")
    return gzip.open(path, "rt", encoding="utf-8")


def _header(lines, path) -> dict:
    try:
        header = json.loads(lines.readline())
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError):
        raise BackupError(f"{path} bị hỏng hoặc không phải tệp sao lưu của ứng dụng (không đọc được phần đầu): "
                          "không khôi phục gì") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"{path} không phải tệp sao lưu của ứng dụng")
    if header.get("format_version") not in (FORMAT_VERSION, UNSEALED_VERSION):
        raise BackupError(f"tệp sao lưu dạng {header.get('format_version')}, phiên bản này chỉ đọc dạng {FORMAT_VERSION}")
    return header


def verify_backup(path: Path, *, accept_unsealed: bool = False) -> dict:
    """Read the whole file and check its seal; the header, or BackupError naming what is wrong. Writes nothing."""
    path = Path(path)
    header = read_header(path)
    if header["format_version"] == UNSEALED_VERSION:
        if accept_unsealed:
            return header
        raise BackupError(f"{path} là tệp sao lưu dạng cũ, chưa có niêm phong: không kiểm được tệp có bị sửa hay không. "
                          "Chỉ khi chắc chắn tệp do chính máy chủ này tạo, chạy lại với --accept-unsealed")
    try:
        key = backup_key(create=False)
    except TrackingError as exc:
        raise BackupError(str(exc)) from None
    sealer, seal, number = Sealer(key), None, 0
    try:
        with gzip.open(path, "rb") as lines:
            for number, line in enumerate(lines, start=1):
                if seal is not None:
                    raise BackupError(f"{path}: có dòng sau niêm phong (dòng {number}): tệp đã bị sửa, không khôi phục gì")
                if number == 1:
                    sealer.add(line)
                elif line.startswith(SEAL_PREFIX):
                    seal = json.loads(line)["seal"]
                else:
                    sealer.add(line, str(json.loads(line)["t"]))
    except BackupError:
        raise
    except DAMAGE:
        raise BackupError(f"{path} bị hỏng hoặc bị cắt (không đọc được từ dòng {number + 1}): không khôi phục gì") from None
    if seal is None:
        raise BackupError(f"{path} không có niêm phong ở cuối tệp (bị cắt hoặc bị sửa): không khôi phục gì")
    try:
        sealer.check(seal, path)
    except TrackingError as exc:
        raise BackupError(str(exc)) from None
    return header


def restore_backup(engine: Engine, path: Path, *, accept_unsealed: bool = False) -> dict:
    """Load a backup into an empty database (blank, or migrated with no rows), then migrate it to the newest schema.

    Refused, changing nothing, when the target holds any row or the file is not a complete, untouched backup (its
    seal is checked over the whole file first).
    """
    path = Path(path)
    verify_backup(path, accept_unsealed=accept_unsealed)
    with _open(path) as lines:
        header = _header(lines, path)
        revision = header["revision"]
        _require_known_revision(revision)
        _require_empty(engine)
        # Rows are inserted into the schema they were written from; later migrations then run on them as usual.
        at = current_revision(engine)
        if at is not None and at != revision and _is_newer(at, revision):
            downgrade(engine, revision)  # the target is empty: nothing is lost
        else:
            upgrade(engine, revision)
        counts: dict[str, int] = {}
        try:
            with engine.begin() as conn:
                tables = MetaData()
                tables.reflect(bind=conn)
                for name in DERIVED_TABLES & set(tables.tables):  # made from data the restore replaces
                    conn.execute(tables.tables[name].delete())
                current, pending = None, []
                for number, line in enumerate(lines, start=2):
                    try:
                        item = json.loads(line)
                        if "seal" in item:  # checked already, and the last line
                            break
                        if item["t"] in NOT_BACKED_UP:  # an older file may still carry them: never sign anyone in
                            continue
                        table, row = tables.tables[item["t"]], item["r"]
                    except (ValueError, KeyError, TypeError):
                        raise BackupError(f"tệp sao lưu hỏng ở dòng {number}: không khôi phục gì") from None
                    if table is not current:  # the file lists tables in foreign-key order, one after the other
                        _insert(conn, current, pending, counts)
                        current, pending = table, []
                    pending.append(_decode(table, row))
                    if len(pending) >= BATCH and not _self_referencing(table):
                        _insert(conn, current, pending, counts)
                        pending = []
                _insert(conn, current, pending, counts)
                expected = {k: v for k, v in header["counts"].items() if v and k not in NOT_BACKED_UP}
                if counts != expected:
                    raise BackupError(f"tệp sao lưu thiếu dòng (phần đầu ghi {expected}, đọc được {counts}): "
                                      "không khôi phục gì")
                if conn.dialect.name == "postgresql":
                    _reset_sequences(conn, tables)
        except (OSError, EOFError, zlib.error, UnicodeDecodeError):
            raise BackupError(f"tệp sao lưu {path} bị cắt hoặc hỏng: không khôi phục gì") from None
    upgrade(engine)
    return header


def _self_referencing(table) -> bool:
    """Rows that reference rows of their own table (a unit → its parent) are held until the table is complete."""
    return any(fk.column.table is table for fk in table.foreign_keys)


def _parents_first(table, rows: list[dict]) -> list[dict]:
    links = [(fk.parent.name, fk.column.name) for fk in table.foreign_keys if fk.column.table is table]
    if not links:
        return rows
    (child, parent), = links
    placed, ordered, waiting = set(), [], rows
    while waiting:
        ready, rest = [], []
        for row in waiting:
            (ready if row.get(child) is None or row[child] in placed else rest).append(row)
        if not ready:
            raise BackupError(f"bảng {table.name}: có dòng tham chiếu tới dòng không có trong tệp")
        ordered += ready
        placed |= {row[parent] for row in ready}
        waiting = rest
    return ordered


def _insert(conn, table, rows: list[dict], counts: dict[str, int]) -> None:
    if table is None or not rows:
        return
    rows = _parents_first(table, rows)
    for start in range(0, len(rows), BATCH):
        conn.execute(table.insert(), rows[start:start + BATCH])
    counts[table.name] = counts.get(table.name, 0) + len(rows)


def _decode(table, row: dict) -> dict:
    out = {}
    for key, value in row.items():
        column = table.columns.get(key)
        if column is None:
            raise BackupError(f"tệp sao lưu có cột {table.name}.{key} mà CSDL không có")
        if value is not None:
            if isinstance(column.type, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, Boolean):
                value = bool(value)
        out[key] = value
    return out


def _reset_sequences(conn, tables: MetaData) -> None:
    """Ids were inserted as they were: move each sequence past the highest, so the next insert does not collide."""
    for table in tables.sorted_tables:
        for column in table.primary_key.columns:
            sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name})
            if sequence:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT max("{column.name}") FROM "{table.name}"), 0) + 1, false)'),
                             {"s": sequence})


def _require_empty(engine: Engine) -> None:
    names = [n for n in inspect(engine).get_table_names() if n != VERSION_TABLE and n not in DERIVED_TABLES]
    with engine.connect() as conn:
        for name in names:
            if conn.scalar(text(f'SELECT count(*) FROM "{name}"')):
                raise BackupError(
                    f"CSDL đích không trống (bảng {name} đã có dữ liệu): chỉ khôi phục vào một CSDL trống, "
                    "để không trộn hay ghi đè dữ liệu. Hãy tạo một CSDL mới rồi chạy lại lệnh restore."
                )


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _require_known_revision(revision: str | None) -> None:
    try:
        known = revision is not None and _script().get_revision(revision) is not None
    except Exception:
        known = False
    if not known:
        raise BackupError(f"tệp sao lưu ở phiên bản CSDL '{revision}' mà phần mềm này không biết: hãy dùng phiên bản "
                          "phần mềm mới hơn để khôi phục")


def _is_newer(revision: str, than: str) -> bool:
    """True when `revision` comes after `than` in the migration chain."""
    return any(r.revision == than for r in _script().iterate_revisions(revision, "base") if r.revision != revision)
