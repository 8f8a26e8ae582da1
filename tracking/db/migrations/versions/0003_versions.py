"""Write versions: a counter per milestone (and per unit's figures) bumped under a row lock by every writer.

A form remembers the version it showed and a save compares versions, not update ids: on PostgreSQL ids come
from a sequence and do not follow commit order. Each update also records the milestone version it made, so a
conflict message can list exactly the updates the form did not see.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestones") as batch:
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("figures_version", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("updates") as batch:
        batch.add_column(sa.Column("version", sa.Integer))
    # Existing history: the n-th update of a milestone (in id order) made version n.
    op.execute(
        "UPDATE updates SET version = (SELECT count(*) FROM updates AS earlier"
        " WHERE earlier.milestone_id = updates.milestone_id AND earlier.id <= updates.id)"
    )
    op.execute("UPDATE milestones SET version = (SELECT count(*) FROM updates WHERE updates.milestone_id = milestones.id)")
    op.execute(
        "UPDATE units SET figures_version = (SELECT count(*) FROM quantity_updates"
        " WHERE quantity_updates.unit_code = units.code)"
    )
    # Two writers can never both claim the same version of a milestone, whatever the code above them does.
    op.create_index("uq_updates_milestone_version", "updates", ["milestone_id", "version"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_updates_milestone_version", table_name="updates")
    # Plain DROP COLUMN (SQLite ≥ 3.35): a batch copy would drop tables other rows still reference.
    op.drop_column("updates", "version")
    op.drop_column("units", "figures_version")
    op.drop_column("milestones", "version")
