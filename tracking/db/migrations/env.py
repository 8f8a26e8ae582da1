"""Alembic environment: the connection is handed over by tracking.db.migrate (no alembic.ini needed)."""
from alembic import context

from tracking.db.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Chạy migration qua 'python -m tracking init' (tracking.db.migrate.upgrade).")

context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
