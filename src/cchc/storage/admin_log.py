"""The audit log of administrators' changes to units, deadlines and the catalog."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.storage.models import AdminChange


def record_change(
    session: Session, kind: str, subject: str, actor: str, **detail: Any
) -> AdminChange:
    """Log one change (``kind`` e.g. "unit.add", "deadline.set") with what it set."""
    change = AdminChange(kind=kind, subject=subject[:200], actor=actor, detail=detail)
    session.add(change)
    session.flush()
    return change


def recent_changes(session: Session, prefix: str, limit: int = 20) -> list[AdminChange]:
    """The newest changes whose kind starts with ``prefix``."""
    statement = (
        select(AdminChange)
        .where(AdminChange.kind.startswith(prefix))
        .order_by(AdminChange.id.desc())
        .limit(limit)
    )
    return list(session.scalars(statement))
