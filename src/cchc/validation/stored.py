"""Validation of reports kept in the database, with their earlier periods for comparison."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.storage import Report, report_values
from cchc.units import parse_period_code
from cchc.validation import Finding, validate_report


def check_stored_report(session: Session, catalog: Catalog, report: Report) -> list[Finding]:
    """Findings on a stored report, compared with the unit's previous period (cumulative
    values) and with the same period last year (large jumps)."""
    period = parse_period_code(report.period_code)
    previous = period.previous()
    return validate_report(
        catalog,
        report_values(session, report=report),
        template=catalog.templates.get(report.template.key),
        previous=_values_of(session, report, previous.code),
        previous_same_year=previous.year == period.year,
        same_period_last_year=_values_of(session, report, period.same_period_last_year().code),
    )


def _values_of(session: Session, report: Report, period_code: str) -> dict | None:
    other = session.scalar(
        select(Report).where(
            Report.unit_id == report.unit_id,
            Report.template_id == report.template_id,
            Report.period_code == period_code,
        )
    )
    return report_values(session, report=other) if other else None
