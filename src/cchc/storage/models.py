"""Database tables (SQLAlchemy 2). Schema changes go through Alembic migrations."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every cchc table."""


class ReportStatus(enum.StrEnum):
    """Workflow state of a report (trạng thái báo cáo)."""

    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"
    imported = "imported"  # read from a document, to be reviewed


class ValueSource(enum.StrEnum):
    """Where a value came from."""

    typed = "typed"
    spreadsheet = "spreadsheet"
    document = "document"
    computed = "computed"


class Unit(Base):
    """A reporting unit (đơn vị): nation, ministry, province, department, district, commune."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(200))
    folded_name: Mapped[str] = mapped_column(String(200), index=True)
    level: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    code: Mapped[str | None] = mapped_column(String(16), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    # "data": as in the shipped unit list (re-synced by `cchc init`); "local": created or
    # changed by an administrator, which later syncs leave alone.
    origin: Mapped[str] = mapped_column(String(8), default="data", server_default="data")

    parent: Mapped[Unit | None] = relationship(remote_side=[id])


class UnitClosure(Base):
    """Ancestor → descendant pairs of the unit tree (depth 0 is the unit itself)."""

    __tablename__ = "unit_closure"

    ancestor_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    descendant_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)
    depth: Mapped[int] = mapped_column(SmallInteger)


class UnitSuccessor(Base):
    """Old unit → new unit after a reorganisation (sắp xếp đơn vị hành chính)."""

    __tablename__ = "unit_successors"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    successor_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)
    effective: Mapped[date] = mapped_column(Date)


class PeriodDeadline(Base):
    """A deadline an administrator set for one level in one period (hạn gửi báo cáo), in place
    of the one the regime derives (periods.yaml)."""

    __tablename__ = "period_deadlines"

    period_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    level: Mapped[str] = mapped_column(String(16), primary_key=True)
    deadline: Mapped[date] = mapped_column(Date)
    set_by: Mapped[str] = mapped_column(String(120))
    set_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class IndicatorRow(Base):
    """The catalog's indicators, mirrored so that values can reference them."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    aggregate: Mapped[str] = mapped_column(String(16))


class TemplateRow(Base):
    """The catalog's templates, mirrored with their full definition."""

    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    definition: Mapped[dict] = mapped_column(JSON)


class Report(Base):
    """One unit's report for one period on one template (báo cáo)."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("unit_id", "period_code", "template_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period_code: Mapped[str] = mapped_column(String(16), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("templates.id"))
    status: Mapped[ReportStatus] = mapped_column(
        Enum(ReportStatus, native_enum=False, length=16), default=ReportStatus.draft
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Raised by one on every write of values, sections or status (phiên bản): a write names
    # the version it was based on, and a stale one is refused (storage.reports.claim_version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    unit: Mapped[Unit] = relationship()
    template: Mapped[TemplateRow] = relationship()


class ReportValue(Base):
    """One indicator's value in a report, with where it came from."""

    __tablename__ = "report_values"
    __table_args__ = (UniqueConstraint("report_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    num: Mapped[float | None] = mapped_column(Float)
    decimals: Mapped[int | None] = mapped_column(SmallInteger)
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[ValueSource] = mapped_column(
        Enum(ValueSource, native_enum=False, length=16), default=ValueSource.typed
    )
    evidence: Mapped[dict | None] = mapped_column(JSON)


class ValueChange(Base):
    """Audit log of every value change (who, when, old → new)."""

    __tablename__ = "value_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    old_num: Mapped[float | None] = mapped_column(Float)
    old_text: Mapped[str | None] = mapped_column(Text)
    new_num: Mapped[float | None] = mapped_column(Float)
    new_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    __table_args__ = (Index("ix_value_changes_report", "report_id", "indicator_id"),)


class ReportEvent(Base):
    """Audit log of workflow steps (nộp, duyệt, trả lại) with the reason given."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class AdminChange(Base):
    """Audit log of what administrators change outside reports: units, deadlines, catalog.
    Its newest id also versions cached roll-ups, which such changes can alter."""

    __tablename__ = "admin_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class DocumentRow(Base):
    """A report document as imported (tài liệu): its text, restored text and what was read."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    pages: Mapped[int | None] = mapped_column(Integer)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    restored_text: Mapped[str | None] = mapped_column(Text)
    extraction: Mapped[dict] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ReportSection(Base):
    """The narrative a unit writes for one section of its report (phần thuyết minh)."""

    __tablename__ = "report_sections"
    __table_args__ = (UniqueConstraint("report_id", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )


class Comment(Base):
    """A remark on one item of a report (ý kiến), by a reporter or an approver."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id"))
    author: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class User(Base):
    """An account of the web app and API (tài khoản), limited to a unit's subtree."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # reporter, approver, aggregator, admin
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    unit: Mapped[Unit | None] = relationship()


class ApiToken(Base):
    """A bearer token of the API (`POST /api/auth/token`), stored as a hash."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class LoginAttempt(Base):
    """A login attempt (lần đăng nhập) by the name typed and the client's address, kept for the
    lockout window. Recorded before the password is checked, so that concurrent guesses are
    all counted; a successful login removes that name and address's attempts."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_name", "username", "address", "at"),
        Index("ix_login_attempts_address", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)


class WebSession(Base):
    """A logged-in browser session (phiên đăng nhập), known by the hash of the random id in
    its signed cookie; logging out or changing the password deletes it, so a copied cookie
    stops working at once."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
