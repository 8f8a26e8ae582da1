"""Accounts belong to one province (NULL: national scope), and account events record it.

Databases before this revision held one province (Sóc Trăng): its non-admin accounts get the province of the
default plan, a unit officer the province of its unit; administrators manage every account, so they stay national.

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("province_code", sa.String(20)))
    with op.batch_alter_table("user_events") as batch:
        batch.add_column(sa.Column("province_code", sa.String(20)))
    op.execute(
        "UPDATE users SET province_code = COALESCE("
        "(SELECT units.province_code FROM units WHERE units.code = users.unit_code), "
        "(SELECT plans.province_code FROM plans ORDER BY plans.id LIMIT 1)) "
        "WHERE role <> 'admin'"
    )


def downgrade() -> None:
    with op.batch_alter_table("user_events") as batch:
        batch.drop_column("province_code")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("province_code")
