"""Bring a database to the newest schema with Alembic (the app and the CLI both call this)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step, revision: str) -> None:
    # SQLite rebuilds a table to alter it (batch mode): the DROP of the old copy must not trip the foreign keys
    # of rows that point at it. The pragma only takes effect outside a transaction, hence the commits around it.
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                before = _revision(connection)
                step(alembic_config(connection), revision)
                if _revision(connection) != before:
                    _forget_derived(connection)
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _revision(connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _forget_derived(connection) -> None:
    """A migration may rewrite what derived rows were made from, without changing the stamps they are kept under."""
    from sqlalchemy import inspect, text

    from tracking.db.models import DERIVED_TABLES

    for name in DERIVED_TABLES & set(inspect(connection).get_table_names()):
        connection.execute(text(f'DELETE FROM "{name}"'))


def schema_behind(engine: Engine) -> bool:
    """Whether the database's schema is older than this code's (the code was upgraded, `init` not run yet)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except Exception:  # unreachable database: that is the error to report, not this one
        return False
    return current != ScriptDirectory.from_config(alembic_config()).get_current_head()
