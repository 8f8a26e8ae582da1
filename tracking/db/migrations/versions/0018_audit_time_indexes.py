"""The audit page walks every table of the log newest first and stops after the page (tracking.views.paging.
read_merged_page): an index on the time of each table that grows with use serves that walk and the counts before a
page. The updates have theirs (0017); figures grow with the units, and account events with every sign-in. Deadlines
set, milestones closed, settings and plans are the inspectorate's own acts, a few hundred at most: a scan costs less
than an index there.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08
"""
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_quantity_updates_recorded_at", "quantity_updates", ["recorded_at"])
    op.create_index("ix_user_events_recorded_at", "user_events", ["recorded_at"])


def downgrade() -> None:
    op.drop_index("ix_user_events_recorded_at", table_name="user_events")
    op.drop_index("ix_quantity_updates_recorded_at", table_name="quantity_updates")
