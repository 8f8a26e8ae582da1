"""The plan workspace (issue 18): drafts kept server-side until published, the audited events of a plan
(published, amended), the deadlines an amendment changed (old and new, from which day) and the day an added
requirement starts to count.

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("requirements") as batch:
        batch.add_column(sa.Column("effective_from", sa.Date()))
    op.create_table(
        "plan_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plans.id")),
        sa.Column("province_code", sa.String(20), nullable=False, index=True),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("tree", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "plan_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plans.id"), nullable=False, index=True),
        sa.Column("draft_id", sa.Integer(), sa.ForeignKey("plan_drafts.id")),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("document_number", sa.Text()),
        sa.Column("document_date", sa.Date()),
        sa.Column("effective_on", sa.Date()),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "milestone_deadline_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("milestone_id", sa.Integer(), sa.ForeignKey("milestones.id"), nullable=False, index=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("plan_events.id"), nullable=False),
        sa.Column("old_deadline", sa.Date()),
        sa.Column("old_source", sa.String(8), nullable=False),
        sa.Column("new_deadline", sa.Date()),
        sa.Column("old_named", sa.Date()),
        sa.Column("old_qualifier", sa.String(20)),
        sa.Column("old_as_written", sa.Text()),
        sa.Column("old_clause", sa.String(20)),
        sa.Column("effective_on", sa.Date(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("milestone_deadline_changes")
    op.drop_table("plan_events")
    op.drop_table("plan_drafts")
    with op.batch_alter_table("requirements") as batch:
        batch.drop_column("effective_from")
