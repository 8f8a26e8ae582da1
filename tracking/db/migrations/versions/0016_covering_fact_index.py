"""The (milestone, fact day, id) index carries each fact's state and percent: the as-of snapshot finds a
milestone's latest fact, and the one before it, in the index alone, without reading the row (issue 20).

The order is unchanged (id is unique, so nothing after it reorders entries): every query that walked the old
index walks this one the same way.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

OLD = ["milestone_id", "fact_date", "id"]
COVERING = [*OLD, "state", "percent"]


def upgrade() -> None:
    op.drop_index("ix_updates_milestone_fact", table_name="updates")
    op.create_index("ix_updates_milestone_fact", "updates", COVERING)


def downgrade() -> None:
    op.drop_index("ix_updates_milestone_fact", table_name="updates")
    op.create_index("ix_updates_milestone_fact", "updates", OLD)
