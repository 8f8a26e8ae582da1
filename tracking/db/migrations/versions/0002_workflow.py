"""Workflow: update fingerprints (idempotent imports), user events (audit of accounts).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("updates") as batch:
        batch.add_column(sa.Column("fingerprint", sa.String(64)))
        batch.create_index("ix_updates_fingerprint", ["fingerprint"])
    op.create_table(
        "user_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, index=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("role", sa.String(20)),
        sa.Column("unit_code", sa.String(20)),
        sa.Column("recorded_by", sa.String(80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("user_events")
    with op.batch_alter_table("updates") as batch:
        batch.drop_index("ix_updates_fingerprint")
        batch.drop_column("fingerprint")
