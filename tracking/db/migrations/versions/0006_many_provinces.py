"""Many provinces in one database: units carry their province, requirement codes are unique per plan.

An existing (Sóc Trăng) database is upgraded in place: every unit it holds gets the province of the plan it
already has, and the global unique key on requirements.code becomes (plan_id, code).

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None

# SQLite keeps the column's UNIQUE unnamed; batch mode names reflected constraints with this convention.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _drop_unique_code(batch_name: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("requirements", naming_convention=NAMING) as batch:
            batch.drop_constraint("uq_requirements_code", type_="unique")
            batch.create_unique_constraint(batch_name, ["plan_id", "code"])
            batch.create_index("ix_requirements_plan_id", ["plan_id"])
    else:
        op.drop_constraint("requirements_code_key", "requirements", type_="unique")
        op.create_unique_constraint(batch_name, "requirements", ["plan_id", "code"])
        op.create_index("ix_requirements_plan_id", "requirements", ["plan_id"])


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("province_code", sa.String(20)))
        batch.create_index("ix_units_province_code", ["province_code"])
    # Before this revision a database held one province: the province of its (first) plan.
    op.execute("UPDATE units SET province_code = (SELECT province_code FROM plans ORDER BY id LIMIT 1)")
    op.create_index("ix_plans_province_code", "plans", ["province_code"])
    _drop_unique_code("uq_requirement_plan_code")
    # The snapshot joins milestones to units by code and filters units by province and level.
    op.create_index("ix_units_province_level", "units", ["province_code", "level", "code"])


def downgrade() -> None:
    op.drop_index("ix_units_province_level", "units")
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("requirements") as batch:
            batch.drop_index("ix_requirements_plan_id")
            batch.drop_constraint("uq_requirement_plan_code", type_="unique")
            batch.create_unique_constraint("uq_requirements_code", ["code"])
    else:
        op.drop_index("ix_requirements_plan_id", "requirements")
        op.drop_constraint("uq_requirement_plan_code", "requirements", type_="unique")
        op.create_unique_constraint("requirements_code_key", "requirements", ["code"])
    op.drop_index("ix_plans_province_code", "plans")
    with op.batch_alter_table("units") as batch:
        batch.drop_index("ix_units_province_code")
        batch.drop_column("province_code")
