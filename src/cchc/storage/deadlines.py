"""Deadlines an administrator sets per period and level (hạn gửi báo cáo do địa phương quy định),
in place of those the regime derives."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cchc.errors import InputError
from cchc.storage.admin_log import record_change
from cchc.storage.models import PeriodDeadline
from cchc.units import Period
from cchc.units.records import LEVEL_LABELS

# A deadline later than this after the window's end is surely a typing error.
LATEST_AFTER_END = timedelta(days=90)


def with_stored_deadlines(session: Session, period: Period) -> Period:
    """``period`` with the deadlines set for it in the database."""
    rows = session.execute(
        select(PeriodDeadline.level, PeriodDeadline.deadline).where(
            PeriodDeadline.period_code == period.code
        )
    )
    return period.with_deadlines(dict(rows.all()))


def set_deadline(session: Session, period: Period, level: str, day: date, actor: str) -> None:
    """Set the deadline of ``level`` for ``period``; it must fall after the window's end."""
    if level not in LEVEL_LABELS:
        raise InputError(f"Cấp «{level}» không hợp lệ.", f"unknown level {level!r}")
    if not period.end < day <= period.end + LATEST_AFTER_END:
        raise InputError(
            f"Hạn gửi báo cáo {period.label} phải sau ngày chốt số liệu {period.end:%d/%m/%Y} "
            f"và không quá {LATEST_AFTER_END.days} ngày sau đó.",
            "deadline outside the allowed range",
        )
    row = session.get(PeriodDeadline, (period.code, level))
    if row is None:
        row = PeriodDeadline(period_code=period.code, level=level)
        session.add(row)
    row.deadline, row.set_by, row.set_at = day, actor, func.current_timestamp()
    record_change(session, "deadline.set", f"{period.code} {level}", actor, day=day.isoformat())


def clear_deadline(session: Session, period: Period, level: str, actor: str) -> None:
    """Go back to the regime's deadline for ``level`` in ``period``."""
    session.execute(
        delete(PeriodDeadline).where(
            PeriodDeadline.period_code == period.code, PeriodDeadline.level == level
        )
    )
    record_change(session, "deadline.clear", f"{period.code} {level}", actor)
