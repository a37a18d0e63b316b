"""The aggregation screen's flow: a unit's rolled-up forms with completeness and timeliness,
its children to drill down into, and building the unit's own report from the roll-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from cchc.aggregation import Rollup, roll_up
from cchc.catalog import Catalog, Form, Template
from cchc.errors import NotFoundError
from cchc.storage import ValueSource, find_unit, open_report, save_values
from cchc.storage.models import Unit, User
from cchc.units import Period, parse_period_code
from cchc.values import value_from_number
from cchc.web.dashboard import latest_period
from cchc.web.figures import cached_roll_up
from cchc.web.permissions import authorize


@dataclass
class AggregateRow:
    """One printed row with its rolled-up value and how many units it rests on."""

    code: str
    label: str
    key: str | None
    unit: str | None
    value: float | None
    reporters: int | None
    distribution: dict[int, int] | None


@dataclass
class AggregateView:
    """What the aggregation page shows."""

    unit: Unit
    period: Period
    template: Template | None
    rollup: Rollup
    forms: list[tuple[Form, list[AggregateRow]]]


def template_for(catalog: Catalog, unit: Unit, period: Period) -> Template | None:
    """The form set a unit of this level fills in for the period."""
    found = catalog.templates_for(unit.level, period.end)
    return found[0] if found else None


def aggregate_view(
    session: Session,
    catalog: Catalog,
    user: User,
    unit_key: str | None,
    period_code: str | None,
    *,
    only_filled: bool = False,
) -> AggregateView:
    """Roll up ``unit_key`` (default: the user's unit) for a period (default: the latest);
    ``only_filled`` leaves out items without a figure (and headings left with none)."""
    unit = find_unit(session, unit_key) if unit_key else (user.unit or find_unit(session, "vn"))
    authorize(session, user, "view", unit)
    period = (
        parse_period_code(period_code)
        if period_code
        else latest_period(session, unit, date.today())
    )
    rollup = cached_roll_up(session, catalog, unit, period)
    template = template_for(catalog, unit, period)
    forms = []
    for form in template.forms if template else []:
        rows = []
        for item in form.items:
            key = item.indicator
            indicator = catalog.indicator(key) if key else None
            rows.append(
                AggregateRow(
                    item.code,
                    indicator.name if indicator else item.label or "",
                    key,
                    indicator.unit if indicator else None,
                    rollup.figures.values.get(key) if key else None,
                    rollup.figures.reporters.get(key) if key else None,
                    dict(rollup.figures.distributions[key])
                    if key in rollup.figures.distributions
                    else None,
                )
            )
        forms.append((form, _filled(rows) if only_filled else rows))
    return AggregateView(unit, period, template, rollup, forms)


def _filled(rows: list[AggregateRow]) -> list[AggregateRow]:
    """The rows with a figure, each under the headings it had."""
    kept: list[AggregateRow] = []
    headings: list[AggregateRow] = []
    for row in rows:
        if row.key is None:
            headings.append(row)
        elif row.value is not None or row.distribution:
            kept.extend(headings)
            headings = []
            kept.append(row)
    return kept


def build_parent_report(
    session: Session, catalog: Catalog, user: User, unit_key: str, period_code: str
) -> str:
    """Store the roll-up as the unit's own report (a draft, values marked "computed");
    returns the report's editor address."""
    unit = find_unit(session, unit_key)
    authorize(session, user, "aggregate", unit)
    authorize(session, user, "edit", unit)
    period = parse_period_code(period_code)
    template = template_for(catalog, unit, period)
    if template is None:
        raise NotFoundError(f"Chưa có bộ biểu mẫu cho {unit.name}.", "no template")
    figures = roll_up(session, catalog, unit, period).figures
    values = [
        value_from_number(key, round(figures.values[key], 2))
        for key in template.indicator_ids()
        if key in figures.values and catalog.indicator(key).aggregate_rule != "distribution"
    ]
    report = open_report(
        session, unit=unit, period=period, template_key=template.id, actor=user.username
    )
    save_values(
        session, report=report, values=values, actor=user.username, source=ValueSource.computed
    )
    return f"/reports/{unit.key}/{period.code}/{template.id}"
