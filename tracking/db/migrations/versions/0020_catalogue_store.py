"""The catalogue of milestones kept under its stamp (tracking.views.catalogue_store, issue 20): a new process reads
one row instead of every milestone and label.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_store",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("stamp", sa.Text(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalogue_store")
