"""Units have a life: valid_from/valid_to on units, the changes that rename, reclassify, merge or split them,
and the audited closure (moved / no longer applicable) of the open milestones of a unit that a change ended.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("valid_from", sa.Date()))
        batch.add_column(sa.Column("valid_to", sa.Date()))
    op.create_table(
        "unit_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("change_date", sa.Date(), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("unit_codes", sa.JSON(), nullable=False),
        sa.Column("successor_codes", sa.JSON(), nullable=False),
        sa.Column("new_name", sa.Text()),
        sa.Column("new_kind", sa.String(40)),
        sa.Column("new_parent", sa.String(20)),
        sa.Column("act", sa.Text(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("recorded_by", sa.String(80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "milestone_closures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("milestone_id", sa.Integer(), sa.ForeignKey("milestones.id"), nullable=False, unique=True),
        sa.Column("change_id", sa.Integer(), sa.ForeignKey("unit_changes.id")),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("successor_milestone_id", sa.Integer(), sa.ForeignKey("milestones.id")),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(80), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text()),
    )


def downgrade() -> None:
    op.drop_table("milestone_closures")
    op.drop_table("unit_changes")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("valid_to")
        batch.drop_column("valid_from")
