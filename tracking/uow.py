"""Unit of work: one session, one transaction; services commit explicitly, anything else rolls back."""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session


class UnitOfWork:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = Session(self.engine, expire_on_commit=False)
        return self

    def __exit__(self, *exc) -> None:
        assert self.session is not None
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()


def lock_for_write(session: Session) -> None:
    """Take the write lock before a check-then-insert, so two writers cannot both pass the check.

    PostgreSQL locks rows (SELECT … FOR UPDATE, done by the caller); SQLite ignores that and only has a
    database-wide write lock, which BEGIN IMMEDIATE takes at once instead of at the first INSERT.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
