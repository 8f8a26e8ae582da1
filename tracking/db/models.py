"""Typed SQLAlchemy 2 models. The schema itself is created by Alembic migrations, never by create_all."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NO_PERIOD = ""  # one-off milestones: '' rather than NULL so the unique key works the same on SQLite and PostgreSQL


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class PlanRow(Base):
    """A plan belongs to one province (its units carry the same province_code)."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    province_code: Mapped[str] = mapped_column(String(20), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class AreaRow(Base):
    __tablename__ = "areas"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    # The last day on time under the reading rule in force; the plan's own words are the three columns after it.
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_named: Mapped[date | None] = mapped_column(Date)
    deadline_qualifier: Mapped[str | None] = mapped_column(String(20))
    deadline_as_written: Mapped[str | None] = mapped_column(Text)
    clause: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)


class UnitRow(Base):
    __tablename__ = "units"
    __table_args__ = (Index("ix_units_province_level", "province_code", "level", "code"),)
    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str | None] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"), index=True)
    group: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str | None] = mapped_column(String(40))
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The province the unit belongs to (its national code, e.g. '94'): a database may hold every province.
    province_code: Mapped[str | None] = mapped_column(String(20), index=True)
    # Bumped under a row lock by every write of the unit's figures; a figures form compares it before saving.
    figures_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The unit's life (NULL: open). name/kind/parent above are those at valid_from (or at the start of the file's
    # map); later names and kinds are in unit_changes, so an as-of view shows the unit as it was.
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class UnitChangeRow(Base):
    """Append-only: a rename, change of kind, merge or split, with the act that made it (tracking.units.changes)."""

    __tablename__ = "unit_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    change_date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # rename | reclassify | merge | split
    unit_codes: Mapped[list] = mapped_column(JSON, default=list)       # the unit(s) before the change
    successor_codes: Mapped[list] = mapped_column(JSON, default=list)  # merge: the successor; split: the new units
    new_name: Mapped[str | None] = mapped_column(Text)
    new_kind: Mapped[str | None] = mapped_column(String(40))
    new_parent: Mapped[str | None] = mapped_column(String(20))
    act: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    # What the change says (not who loaded it): loading the same file again adds nothing.
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MilestoneClosureRow(Base):
    """The inspectorate's act on an open milestone of a unit that a change ended: moved to the successor, or
    closed as no longer applicable. The milestone and its updates stay as they were (history is not rewritten)."""

    __tablename__ = "milestone_closures"
    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"), unique=True)
    change_id: Mapped[int | None] = mapped_column(ForeignKey("unit_changes.id"))
    action: Mapped[str] = mapped_column(String(10))  # moved | closed
    successor_milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"))
    closed_on: Mapped[date] = mapped_column(Date)  # from this day the milestone no longer counts
    decided_by: Mapped[str] = mapped_column(String(80))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(10), default="cli", server_default="cli")  # app | cli


class RequirementRow(Base):
    __tablename__ = "requirements"
    # Codes are the plan's own (ORG-HUYEN…): every province's plan reuses them, so unique per plan only.
    __table_args__ = (UniqueConstraint("plan_id", "code", name="uq_requirement_plan_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    area_code: Mapped[str] = mapped_column(String(40))
    clause: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    # The last day on time under the reading rule in force (tracking.domain.deadlines); the plan's words follow.
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_named: Mapped[date | None] = mapped_column(Date)
    deadline_qualifier: Mapped[str | None] = mapped_column(String(20))
    deadline_as_written: Mapped[str | None] = mapped_column(Text)
    deadline_note: Mapped[str | None] = mapped_column(Text)
    deadline_clause: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20), default="assignment")
    lead: Mapped[str] = mapped_column(String(20))
    lead_note: Mapped[str | None] = mapped_column(Text)
    # 'plan' when the text names the lead; 'inferred' when the file chose it (lead_note says why).
    lead_source: Mapped[str] = mapped_column(String(8), default="plan", server_default="plan")
    coordinating: Mapped[list] = mapped_column(JSON, default=list)
    applies_to: Mapped[dict] = mapped_column(JSON, default=dict)
    recurrence: Mapped[str | None] = mapped_column(String(20))
    due_days_after_period_end: Mapped[int | None] = mapped_column(Integer)
    norms: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Added by an amendment: its milestones count from this day (NULL: from the plan's start).
    effective_from: Mapped[date | None] = mapped_column(Date)


class MilestoneRow(Base):
    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("requirement_id", "unit_code", "period", name="uq_milestone"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("requirements.id"), index=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    period: Mapped[str] = mapped_column(String(10), default=NO_PERIOD)
    deadline: Mapped[date | None] = mapped_column(Date)
    # 'plan': the date is in the plan text; 'inferred': from a general clause; 'proposed': the software's quarterly
    # schedule, until a person confirms or changes it; 'set': set by a person (the inspectorate, an administrator).
    deadline_source: Mapped[str] = mapped_column(String(8), default="plan")
    # Bumped under a row lock by every writer (form, CLI, import): "changed since the form was opened?" is exact.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class UpdateRow(Base):
    """Append-only: the application never updates or deletes a row; a correction is a new row."""

    __tablename__ = "updates"
    __table_args__ = (
        # Carries the fact's state and percent: a milestone's latest fact as of a date is one seek, no row read.
        Index("ix_updates_milestone_fact", "milestone_id", "fact_date", "id", "state", "percent"),
        Index("ix_updates_fact_date", "fact_date"),
        Index("uq_updates_milestone_version", "milestone_id", "version", unique=True),
        Index("ix_updates_recorded_at", "recorded_at"),  # the audit page's days filter (migration 0017)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))
    fact_date: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20))
    percent: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str | None] = mapped_column(Text)
    evidence_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[str] = mapped_column(String(20), default="cli")
    # Hash of what the update says (not who or when): an import skips a row whose fact is already recorded.
    fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    # The milestone version this update made (1 for its first update, …).
    version: Mapped[int | None] = mapped_column(Integer)


class DeadlineChangeRow(Base):
    """Append-only history of deadlines set after the plan (the plan leaves them open)."""

    __tablename__ = "deadline_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("requirements.id"), index=True)
    period: Mapped[str | None] = mapped_column(String(10))
    deadline: Mapped[date] = mapped_column(Date)
    set_by: Mapped[str] = mapped_column(String(80))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class QuantityUpdateRow(Base):
    """Append-only history of a unit's quantities (staff, trained officers, reception room, rules issued)."""

    __tablename__ = "quantity_updates"
    __table_args__ = (
        Index("ix_quantity_unit_fact", "unit_code", "quantity", "fact_date", "id"),
        Index("ix_quantity_updates_recorded_at", "recorded_at"),  # the audit page's newest-first walk (0018)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    quantity: Mapped[str] = mapped_column(String(40))
    value: Mapped[int | None] = mapped_column(Integer)
    text_value: Mapped[str | None] = mapped_column(Text)
    fact_date: Mapped[date] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    unit_code: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    # The province whose units the account may write (NULL: every province — the Government Inspectorate, admins).
    province_code: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UserEventRow(Base):
    """Append-only history of accounts: added, disabled (the users row holds only the current state)."""

    __tablename__ = "user_events"
    __table_args__ = (
        Index("ix_user_events_username_recorded_at", "username", "recorded_at"),
        Index("ix_user_events_recorded_at", "recorded_at"),  # the audit page's newest-first walk (0018)
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(20))
    role: Mapped[str | None] = mapped_column(String(20))
    unit_code: Mapped[str | None] = mapped_column(String(20))
    province_code: Mapped[str | None] = mapped_column(String(20))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class SettingRow(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SettingChangeRow(Base):
    """Append-only history of settings that change how the plan is read (who, when, from what to what)."""

    __tablename__ = "setting_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    old_value: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(80))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SessionRow(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored here (as for the one-time
    code that turns into the cookie), so reading this table does not let anyone sign in."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # set when the code becomes a cookie
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_reason: Mapped[str | None] = mapped_column(String(40))
    client_address: Mapped[str | None] = mapped_column(String(64))
    code_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    code_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PlanDraftRow(Base):
    """A plan (or an amendment of one) being reviewed in the workspace: kept server-side so a refresh loses
    nothing; the URL carries its id. `tree` is the drafter's plan tree as the person has edited it so far."""

    __tablename__ = "plan_drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # plan | amendment
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))  # the amended plan; the published plan
    province_code: Mapped[str] = mapped_column(String(20), index=True)
    source_name: Mapped[str] = mapped_column(Text)
    source_text: Mapped[str] = mapped_column(Text)
    tree: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | published
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PlanEventRow(Base):
    """Append-only: a plan published, or amended by a later document (its number and date), with what changed."""

    __tablename__ = "plan_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("plan_drafts.id"))
    action: Mapped[str] = mapped_column(String(20))  # published | amended
    document_number: Mapped[str | None] = mapped_column(Text)
    document_date: Mapped[date | None] = mapped_column(Date)
    effective_on: Mapped[date | None] = mapped_column(Date)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # {added: [...], deadlines: [...], withdrawn: [...]}
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MilestoneDeadlineChangeRow(Base):
    """Append-only: an amendment moved a milestone's deadline from `effective_on`; before that day the as-of
    replay reads `old_deadline` (the milestones row holds the deadline in force today)."""

    __tablename__ = "milestone_deadline_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("plan_events.id"))
    old_deadline: Mapped[date | None] = mapped_column(Date)
    old_source: Mapped[str] = mapped_column(String(8))
    new_deadline: Mapped[date | None] = mapped_column(Date)
    # The plan's words before the change (the requirement row holds today's), so the replay quotes them too.
    old_named: Mapped[date | None] = mapped_column(Date)
    old_qualifier: Mapped[str | None] = mapped_column(String(20))
    old_as_written: Mapped[str | None] = mapped_column(Text)
    old_clause: Mapped[str | None] = mapped_column(String(20))
    effective_on: Mapped[date] = mapped_column(Date)


# Derived from the other tables and kept right by its own key: not backed up, not compared by tests of "nothing
# changed", emptied when the schema changes.
DERIVED_TABLES = frozenset({"catalogue_store"})


class CatalogueStoreRow(Base):
    """A catalogue of milestones kept under its catalogue stamp (tracking.views.catalogue_store): derived data,
    one row per scope, replaced when the stamp changes; not backed up (a restored database reads its own)."""

    __tablename__ = "catalogue_store"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    stamp: Mapped[str] = mapped_column(Text)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
