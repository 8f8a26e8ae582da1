"""Server-side sessions (a cookie holds a random token; only its hash is stored).

Revision ID: 0004
Revises: 0006
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_reason", sa.String(40)),
        sa.Column("client_address", sa.String(64)),
        sa.Column("code_hash", sa.String(64), index=True),
        sa.Column("code_expires_at", sa.DateTime(timezone=True)),
    )
    # Sign-in throttling counts one user name's recent failures in user_events.
    op.create_index("ix_user_events_username_recorded_at", "user_events", ["username", "recorded_at"])


def downgrade() -> None:
    op.drop_index("ix_user_events_username_recorded_at", "user_events")
    op.drop_table("sessions")
