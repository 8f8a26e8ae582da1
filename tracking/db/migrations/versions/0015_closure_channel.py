"""The closure of a merged or split unit's open milestones says where it was decided: the app's form or the CLI
(the audit log shows the channel of every act).

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestone_closures") as batch:
        batch.add_column(sa.Column("channel", sa.String(10), nullable=False, server_default="cli"))


def downgrade() -> None:
    with op.batch_alter_table("milestone_closures") as batch:
        batch.drop_column("channel")
