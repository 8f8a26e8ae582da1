"""Deadlines keep the plan's words; the software's quarterly schedule is marked as proposed; settings keep history.

`deadline` stays the last day on time (what the status engine compares against); the named day, its qualifier and
the phrase as written are stored beside it. Existing rows get their words from the plan file on the next `init`.
A quarterly due date that no person set (no deadline change for that period, no administrator's schedule) was
the software's choice: it becomes 'proposed'.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("areas") as batch:
        batch.add_column(sa.Column("deadline_named", sa.Date()))
        batch.add_column(sa.Column("deadline_qualifier", sa.String(20)))
        batch.add_column(sa.Column("deadline_as_written", sa.Text()))
    with op.batch_alter_table("requirements") as batch:
        batch.add_column(sa.Column("deadline_named", sa.Date()))
        batch.add_column(sa.Column("deadline_qualifier", sa.String(20)))
        batch.add_column(sa.Column("deadline_as_written", sa.Text()))
        batch.add_column(sa.Column("deadline_note", sa.Text()))
        batch.add_column(sa.Column("lead_source", sa.String(8), nullable=False, server_default="plan"))
    op.create_table(
        "setting_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(80), nullable=False, index=True),
        sa.Column("old_value", sa.Text()),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(80), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute(
        "UPDATE milestones SET deadline_source = 'proposed' "
        "WHERE deadline_source = 'set' AND period <> '' "
        "AND NOT EXISTS (SELECT 1 FROM settings WHERE settings.key = 'reporting_schedule') "
        "AND NOT EXISTS (SELECT 1 FROM deadline_changes d WHERE d.requirement_id = milestones.requirement_id "
        "AND d.period = milestones.period)"
    )


def downgrade() -> None:
    op.execute("UPDATE milestones SET deadline_source = 'set' WHERE deadline_source = 'proposed'")
    op.drop_table("setting_changes")
    with op.batch_alter_table("requirements") as batch:
        for column in ("lead_source", "deadline_note", "deadline_as_written", "deadline_qualifier", "deadline_named"):
            batch.drop_column(column)
    with op.batch_alter_table("areas") as batch:
        for column in ("deadline_as_written", "deadline_qualifier", "deadline_named"):
            batch.drop_column(column)
