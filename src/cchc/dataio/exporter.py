"""`cchc data export`: stored values as rows, in the long layout (one row per value)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.storage.models import IndicatorRow, Report, ReportValue, TemplateRow, Unit, UnitClosure

LONG_HEADER = (
    "unit",
    "unit_name",
    "period",
    "template",
    "form",
    "code",
    "indicator",
    "name",
    "value",
    "status",
    "source",
)


def export_rows(
    session: Session,
    catalog: Catalog,
    *,
    unit: Unit | None = None,
    period: str | None = None,
) -> Iterator[tuple]:
    """Rows of the long layout for the values below ``unit`` (all when None) in ``period``."""
    statement = (
        select(
            Unit.key,
            Unit.name,
            Report.period_code,
            TemplateRow.key,
            IndicatorRow.key,
            ReportValue.num,
            ReportValue.text,
            Report.status,
            ReportValue.source,
        )
        .join(Report, Report.unit_id == Unit.id)
        .join(TemplateRow, TemplateRow.id == Report.template_id)
        .join(ReportValue, ReportValue.report_id == Report.id)
        .join(IndicatorRow, IndicatorRow.id == ReportValue.indicator_id)
        .order_by(Unit.key, Report.period_code, TemplateRow.key, IndicatorRow.key)
    )
    if unit is not None:
        statement = statement.join(UnitClosure, UnitClosure.descendant_id == Unit.id).where(
            UnitClosure.ancestor_id == unit.id
        )
    if period:
        statement = statement.where(Report.period_code == period)
    for key, name, code, template_key, indicator, num, text, status, source in session.execute(
        statement
    ):
        template = catalog.templates.get(template_key)
        place = template.locate(indicator) if template else None
        value = text if num is None else (int(num) if float(num).is_integer() else num)
        yield (
            key,
            name,
            code,
            template_key,
            place[0] if place else "",
            place[1] if place else "",
            indicator,
            catalog.indicators[indicator].name if indicator in catalog.indicators else "",
            value,
            status.value,
            source.value,
        )
