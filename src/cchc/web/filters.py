"""Jinja filters and globals: Vietnamese numbers and dates, safe DOM ids, labels."""

from __future__ import annotations

from datetime import date, datetime

from jinja2 import Environment

from cchc.ingest.confidence import BAND_LABELS, band
from cchc.numbers import format_number
from cchc.storage.models import ReportStatus
from cchc.storage.reports import STATUS_LABELS
from cchc.units.records import LEVEL_LABELS
from cchc.validation import SEVERITY_LABELS
from cchc.web.accounts import ROLES
from cchc.web.admin_changes import describe_change
from cchc.web.auth import csrf_token


def vn_number(value: float | None, decimals: int | None = None) -> str:
    """59790 → "59.790", 99.3 → "99,3"; None → "—"."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    return format_number(float(value), decimals)


def dom_id(key: str) -> str:
    """An indicator key usable as an HTML id and CSS selector."""
    return key.replace(".", "__")


def vn_datetime(value: datetime | date | None) -> str:
    """ "21/11/2026 14:05" (or a date alone)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def vn_iso_date(text: str | None) -> str:
    """ "2025-11-30" → "30/11/2025"."""
    return vn_datetime(date.fromisoformat(text)) if text else "—"


def status_label(status: str | ReportStatus | None) -> str:
    """A report status in Vietnamese."""
    if status is None or status == "new":
        return "Chưa có số liệu"
    return STATUS_LABELS[ReportStatus(status)]


def install(env: Environment) -> None:
    """Register the filters and globals on a Jinja environment."""
    env.filters.update(
        vn=vn_number,
        dom_id=dom_id,
        vn_dt=vn_datetime,
        vn_iso_date=vn_iso_date,
        status_label=status_label,
        severity=lambda s: SEVERITY_LABELS.get(s, s),
        level=lambda level: LEVEL_LABELS.get(level, level),
        role=lambda role: ROLES.get(role, role),
        change=describe_change,
        band=band,
        band_label=lambda confidence: BAND_LABELS[band(confidence)],
        sentence=lambda text: text[:1].upper() + text[1:] if text else text,
    )
    env.globals.update(csrf_token=csrf_token, ROLES=ROLES, LEVEL_LABELS=LEVEL_LABELS)
