"""What the database holds for one unit and period, gathered for a report: its own report
(whatever its status: the clerk renders his own draft), the roll-up of the units below (counted
statuses only, as aggregation defines), the same for the previous period and the same period
last year, the narrative, each child's figures, and the open validation findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.aggregation import COUNTED_STATUSES, Figures, Rollup, combine, roll_up
from cchc.catalog import Catalog, Template
from cchc.errors import NotFoundError
from cchc.render.narrative import document_narrative
from cchc.storage import ancestors, report_sections, report_values
from cchc.storage.models import Report, Unit
from cchc.units.periods import Period
from cchc.validation import Finding, validate_report
from cchc.validation.stored import check_stored_report
from cchc.values import Value


@dataclass
class PeriodFigures:
    """A unit's figures for one period: its own report and the effective (rolled-up) values."""

    report: Report | None
    own: dict[str, Value]
    figures: Figures
    rollup: Rollup | None = None

    @property
    def values(self) -> dict[str, float]:
        """Effective values by indicator."""
        return self.figures.values


@dataclass
class Facts:
    """Everything a report on ``unit`` for ``period`` is built from."""

    unit: Unit
    ancestors: list[Unit]
    period: Period
    template: Template
    current: PeriodFigures
    previous: dict[str, float]
    last_year: dict[str, float]
    narrative: dict[str, str]
    narrative_source: str | None  # the imported file the narrative was taken from, if any
    child_figures: dict[str, dict[str, float]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def child_levels(self) -> set[str]:
        """Levels of the units expected to report to this one."""
        rollup = self.current.rollup
        return {c.level for c in rollup.children} if rollup else set()


def gather(session: Session, catalog: Catalog, unit: Unit, period: Period) -> Facts:
    """Read everything the report on ``unit`` for ``period`` needs."""
    current = period_figures(session, catalog, unit, period)
    template = _template(catalog, unit, period, current.report)
    narrative, source = _narrative(session, current.report)
    facts = Facts(
        unit=unit,
        ancestors=ancestors(session, unit),
        period=period,
        template=template,
        current=current,
        previous=_values_or_nothing(session, catalog, unit, period.previous()),
        last_year=_values_or_nothing(session, catalog, unit, period.same_period_last_year()),
        narrative=narrative,
        narrative_source=source,
    )
    facts.child_figures = _child_figures(session, catalog, current.rollup, period)
    facts.findings = _findings(session, catalog, current, template)
    return facts


def period_figures(session: Session, catalog: Catalog, unit: Unit, period: Period) -> PeriodFigures:
    """The unit's own report (any status) combined with the roll-up of the units below it
    (counted statuses). The unit's own figures win, and the totals it states are kept as
    stated (validation reports a total that differs from its parts); ratios are recomputed
    from their parts wherever the parts exist."""
    report = _own_report(session, catalog, unit, period)
    own = report_values(session, report=report) if report else {}
    numbers = {
        key: value.num
        for key, value in own.items()
        if value.num is not None and key in catalog.indicators
    }
    rollup = roll_up(session, catalog, unit, period)
    if report is not None and report.status.value in COUNTED_STATUSES:
        figures = rollup.figures
    else:
        mine = Figures.of_report(catalog, numbers) if numbers else None
        figures = combine(catalog, mine, [rollup.figures])
    for key, number in numbers.items():
        relation = catalog.composition(key)
        if relation is None or relation.kind != "ratio":
            figures.values[key] = number
    return PeriodFigures(report, own, figures, rollup if rollup.children else None)


def _own_report(session: Session, catalog: Catalog, unit: Unit, period: Period) -> Report | None:
    """The unit's report for the period; with several, one on a template meant for its level."""
    reports = session.scalars(
        select(Report)
        .where(Report.unit_id == unit.id, Report.period_code == period.code)
        .order_by(Report.id.desc())
    ).all()
    fitting = [
        r
        for r in reports
        if r.template.key in catalog.templates
        and unit.level in catalog.templates[r.template.key].unit_levels
    ]
    return (fitting or list(reports) or [None])[0]


def _template(catalog: Catalog, unit: Unit, period: Period, report: Report | None) -> Template:
    if report is not None and report.template.key in catalog.templates:
        return catalog.templates[report.template.key]
    found = catalog.templates_for(unit.level, period.end)
    if not found:
        raise NotFoundError(
            f"Chưa có bộ biểu mẫu báo cáo cho {unit.name} (cấp «{unit.level}») kỳ {period.label}.",
            f"no template for level {unit.level} in {period.code}",
        )
    return found[0]


def _values_or_nothing(
    session: Session, catalog: Catalog, unit: Unit, period: Period
) -> dict[str, float]:
    """Effective values of an earlier period; nothing when the unit did not exist then."""
    try:
        return dict(period_figures(session, catalog, unit, period).values)
    except NotFoundError:
        return {}


def _narrative(session: Session, report: Report | None) -> tuple[dict[str, str], str | None]:
    """The narrative stored per section; sections left empty take the text of the imported
    document the report was read from, when it is clean Vietnamese text."""
    if report is None:
        return {}, None
    stored = {k: v for k, v in report_sections(session, report=report).items() if v.strip()}
    from_document, source = document_narrative(session, report)
    taken = {k: v for k, v in from_document.items() if k not in stored}
    return {**taken, **stored}, source if taken else None


def _child_figures(
    session: Session, catalog: Catalog, rollup: Rollup | None, period: Period
) -> dict[str, dict[str, float]]:
    """Each unit below: its own roll-up (counted statuses), for the comparison annex."""
    if rollup is None:
        return {}
    keys = [c.key for c in rollup.children]
    units = session.scalars(select(Unit).where(Unit.key.in_(keys))).all()
    return {u.key: roll_up(session, catalog, u, period).figures.values for u in units}


def _findings(
    session: Session, catalog: Catalog, current: PeriodFigures, template: Template
) -> list[Finding]:
    """Open findings: on the unit's own report, else on the rolled-up figures."""
    if current.report is not None:
        return check_stored_report(session, catalog, current.report)
    if not current.values:
        return []
    values = {key: Value(key, number) for key, number in current.values.items()}
    return validate_report(catalog, values, template=template)
