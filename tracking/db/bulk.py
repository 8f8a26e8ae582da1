"""Bulk inserts for generated data: COPY on PostgreSQL, one executemany of plain tuples on SQLite."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, Sequence

from sqlalchemy import Connection, Table

BATCH = 50_000


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Append rows (tuples in `columns` order) inside the connection's transaction; returns how many."""
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, columns, rows)
    sql = f'INSERT INTO {table.name} ({", ".join(_quote(c) for c in columns)}) VALUES ({", ".join("?" * len(columns))})'
    count, batch = 0, []
    for row in rows:
        batch.append(tuple(_sqlite_value(v) for v in row))
        if len(batch) >= BATCH:
            conn.exec_driver_sql(sql, batch)
            count, batch = count + len(batch), []
    if batch:
        conn.exec_driver_sql(sql, batch)
        count += len(batch)
    return count


def _copy(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    count = 0
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f'COPY {table.name} ({", ".join(_quote(c) for c in columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _quote(column: str) -> str:
    return f'"{column}"'  # "group" is a keyword


def _sqlite_value(value):
    # The strings SQLAlchemy's SQLite types store, so the ORM reads generated rows like its own.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def reset_sequence(conn: Connection, table: Table) -> None:
    """After rows were written with explicit ids, let PostgreSQL's serial continue after the largest."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE((SELECT MAX(id) FROM {table.name}), 1))"
        )
