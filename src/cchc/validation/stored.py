"""Validation of reports kept in the database, with their earlier periods for comparison —
the one check of a stored report that the editor, the API, `cchc status` and the signer's
checklist all show."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import Catalog, Template
from cchc.storage import Report, filled_values
from cchc.storage.models import TemplateRow
from cchc.units import Period, parse_period_code
from cchc.validation import Finding, validate_report
from cchc.values import Value


def check_stored_report(session: Session, catalog: Catalog, report: Report) -> list[Finding]:
    """Findings on a stored report's values (cleared ones are no values)."""
    return check_report_values(
        session,
        catalog,
        unit_id=report.unit_id,
        period=parse_period_code(report.period_code),
        template=catalog.templates.get(report.template.key),
        values=filled_values(session, report=report),
    )


def check_report_values(
    session: Session,
    catalog: Catalog,
    *,
    unit_id: int,
    period: Period,
    template: Template | None,
    values: dict[str, Value],
) -> list[Finding]:
    """Findings on a unit's values for a period, compared with its previous period
    (cumulative values) and with the same period last year (large jumps)."""
    previous = period.previous()
    return validate_report(
        catalog,
        values,
        template=template,
        previous=_values_of(session, unit_id, template, previous.code),
        previous_same_year=previous.year == period.year,
        same_period_last_year=_values_of(
            session, unit_id, template, period.same_period_last_year().code
        ),
    )


def _values_of(
    session: Session, unit_id: int, template: Template | None, period_code: str
) -> dict[str, Value] | None:
    """The filled values of the unit's report on the same template for another period."""
    if template is None:
        return None
    other = session.scalar(
        select(Report)
        .join(TemplateRow, TemplateRow.id == Report.template_id)
        .where(
            Report.unit_id == unit_id,
            TemplateRow.key == template.id,
            Report.period_code == period_code,
        )
    )
    return (filled_values(session, report=other) or None) if other else None
