"""The audit page's days filter reads the updates recorded on those days through an index on `recorded_at`
instead of scanning the whole history: both planners push the filter into the update arm of the log's UNION ALL.
63 provinces, 275,288 updates, one month, machine load ≈3: the count 87 → 53 ms on SQLite, 56 → 24 ms on
PostgreSQL (the page itself 90 → 72 ms, 58 → 23 ms); the scan grows with the history, the index read with the month.
Without a days filter the log is sorted on columns computed per arm, so no index can serve it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_updates_recorded_at", "updates", ["recorded_at"])


def downgrade() -> None:
    op.drop_index("ix_updates_recorded_at", table_name="updates")
