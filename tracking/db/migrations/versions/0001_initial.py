"""Initial schema: plan, units, milestones, append-only updates, deadlines set later, quantities, users.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_en", sa.Text, nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("legal_basis", sa.Text, nullable=False),
        sa.Column("province_code", sa.String(20), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
    )
    op.create_table(
        "areas",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_en", sa.Text, nullable=False),
        sa.Column("deadline", sa.Date),
        sa.Column("clause", sa.String(20)),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("plan_id", "code"),
    )
    op.create_table(
        "units",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("short_name", sa.Text),
        sa.Column("level", sa.String(20), nullable=False, index=True),
        sa.Column("parent_code", sa.String(20), sa.ForeignKey("units.code"), index=True),
        sa.Column("group", sa.String(20)),
        sa.Column("kind", sa.String(40)),
        sa.Column("verified", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "requirements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("code", sa.String(40), nullable=False, unique=True),
        sa.Column("area_code", sa.String(40), nullable=False),
        sa.Column("clause", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("title_en", sa.Text, nullable=False),
        sa.Column("deadline", sa.Date),
        sa.Column("deadline_clause", sa.String(20)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("lead", sa.String(20), nullable=False),
        sa.Column("lead_note", sa.Text),
        sa.Column("coordinating", sa.JSON, nullable=False),
        sa.Column("applies_to", sa.JSON, nullable=False),
        sa.Column("recurrence", sa.String(20)),
        sa.Column("due_days_after_period_end", sa.Integer),
        sa.Column("norms", sa.JSON, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("requirement_id", sa.Integer, sa.ForeignKey("requirements.id"), nullable=False, index=True),
        sa.Column("unit_code", sa.String(20), sa.ForeignKey("units.code"), nullable=False, index=True),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("deadline", sa.Date),
        sa.Column("deadline_source", sa.String(8), nullable=False),
        sa.UniqueConstraint("requirement_id", "unit_code", "period", name="uq_milestone"),
    )
    op.create_table(
        "updates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("milestone_id", sa.Integer, sa.ForeignKey("milestones.id"), nullable=False),
        sa.Column("fact_date", sa.Date, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("percent", sa.Integer),
        sa.Column("evidence", sa.Text),
        sa.Column("evidence_date", sa.Date),
        sa.Column("note", sa.Text),
        sa.Column("recorded_by", sa.String(80), nullable=False),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
    )
    op.create_index("ix_updates_milestone_fact", "updates", ["milestone_id", "fact_date", "id"])
    op.create_index("ix_updates_fact_date", "updates", ["fact_date"])
    op.create_table(
        "deadline_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("requirement_id", sa.Integer, sa.ForeignKey("requirements.id"), nullable=False, index=True),
        sa.Column("period", sa.String(10)),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("set_by", sa.String(80), nullable=False),
        sa.Column("set_at", TZ, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "quantity_updates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_code", sa.String(20), sa.ForeignKey("units.code"), nullable=False),
        sa.Column("quantity", sa.String(40), nullable=False),
        sa.Column("value", sa.Integer),
        sa.Column("text_value", sa.Text),
        sa.Column("fact_date", sa.Date, nullable=False),
        sa.Column("evidence", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("recorded_by", sa.String(80), nullable=False),
        sa.Column("recorded_at", TZ, nullable=False),
    )
    op.create_index("ix_quantity_unit_fact", "quantity_updates", ["unit_code", "quantity", "fact_date", "id"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("display_name", sa.Text),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("unit_code", sa.String(20), sa.ForeignKey("units.code")),
        sa.Column("password_hash", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(80)),
        sa.Column("updated_at", TZ, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "settings", "users", "quantity_updates", "deadline_changes", "updates",
        "milestones", "requirements", "units", "areas", "plans",
    ):
        op.drop_table(table)
