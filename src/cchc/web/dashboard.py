"""The dashboard (tổng quan) of one unit for one period: who has reported, key figures with
their trend, and a ranking of the units below."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cchc.aggregation import COUNTED_STATUSES, Figures
from cchc.catalog import Catalog
from cchc.errors import CchcError
from cchc.storage import children, find_unit
from cchc.storage.deadlines import with_stored_deadlines
from cchc.storage.models import IndicatorRow, Report, ReportValue, Unit, UnitClosure, User
from cchc.units import Period, current_period, parse_period_code
from cchc.web.figures import cached_roll_up, data_version
from cchc.web.permissions import authorize

LEVELS = ("province", "district", "commune")
KEY_FIGURES = [
    ("procedures.on_time_rate.province", "Hồ sơ đúng hạn — sở, ngành tiếp nhận"),
    ("procedures.on_time_rate.district", "Hồ sơ đúng hạn — cấp huyện"),
    ("procedures.on_time_rate.commune", "Hồ sơ đúng hạn — cấp xã"),
    ("egov.full_online_dossier_rate", "Hồ sơ trực tuyến toàn trình"),
    ("egov.partial_online_dossier_rate", "Hồ sơ trực tuyến một phần"),
    ("egov.online_payment_rate", "TTHC thanh toán trực tuyến"),
    ("direction.plan_completion_rate", "Hoàn thành kế hoạch CCHC"),
]
STATE_LABELS = {
    "approved": "Đã duyệt",
    "submitted": "Đã nộp",
    "returned": "Bị trả lại",
    "late": "Quá hạn, chưa nộp",
    "due": "Chưa nộp",
}
TREND_LENGTH = 5


@dataclass
class Expected:
    """One unit expected to report, and where its report stands."""

    unit: Unit
    state: str
    status: str | None
    submitted_at: datetime | None
    on_time: bool | None
    template_key: str | None


@dataclass
class Dashboard:
    """What the dashboard shows."""

    unit: Unit
    period: Period
    periods: list[Period]
    expected: list[Expected]
    figures: list[tuple[str, str, float | None]]
    trend: list[tuple[str, float | None]]
    ranking: list[tuple[Unit, float | None]]
    counts: dict[str, int] = field(default_factory=dict)


def dashboard(
    session: Session,
    catalog: Catalog,
    user: User,
    unit_key: str | None = None,
    period_code: str | None = None,
    today: date | None = None,
) -> Dashboard:
    """The dashboard of ``unit_key`` (default: the user's unit) for a period (default: the
    latest one with reports below the unit, else the one being prepared)."""
    unit = _unit(session, user, unit_key)
    authorize(session, user, "view", unit)
    today = today or date.today()
    period = parse_period_code(period_code) if period_code else latest_period(session, unit, today)
    period = with_stored_deadlines(session, period)
    expected = _expected(session, unit, period, today)
    version = data_version(session)
    rollup = (
        cached_roll_up(session, catalog, unit, period, version) if _exists(unit, period) else None
    )
    figures = rollup.figures if rollup else Figures()
    board = Dashboard(
        unit=unit,
        period=period,
        periods=_recent_periods(period, 8),
        expected=expected,
        figures=[(key, name, figures.values.get(key)) for key, name in KEY_FIGURES],
        trend=_trend(session, catalog, unit, period, version),
        ranking=_ranking(session, unit, period),
    )
    for item in expected:
        board.counts[item.state] = board.counts.get(item.state, 0) + 1
    return board


def _unit(session: Session, user: User, unit_key: str | None) -> Unit:
    if unit_key:
        return find_unit(session, unit_key)
    if user.unit is not None:
        return user.unit
    return find_unit(session, "vn")


def _exists(unit: Unit, period: Period) -> bool:
    day = period.end
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or day <= unit.valid_to
    )


def latest_period(session: Session, unit: Unit, today: date) -> Period:
    """The latest period with reports in the unit's subtree, else the one being prepared."""
    codes = session.scalars(
        select(Report.period_code)
        .join(UnitClosure, UnitClosure.descendant_id == Report.unit_id)
        .where(UnitClosure.ancestor_id == unit.id)
        .distinct()
    ).all()
    periods = [parse_period_code(code) for code in codes]
    if periods:
        return max(periods, key=lambda p: (p.end, p.start))
    if unit.valid_to and unit.valid_to < today:
        return current_period(unit.valid_to - timedelta(days=20))
    return current_period(today)


def _recent_periods(period: Period, count: int) -> list[Period]:
    """``period`` and the regular periods before it, newest first."""
    found = [period]
    while len(found) < count:
        found.append(found[-1].previous())
    return found


def _expected(session: Session, unit: Unit, period: Period, today: date) -> list[Expected]:
    units = [unit, *children(session, unit, on=period.end)] if _exists(unit, period) else []
    ids = [u.id for u in units]
    reports: dict[int, Report] = {}
    for report in session.scalars(
        select(Report).where(Report.unit_id.in_(ids), Report.period_code == period.code)
    ):
        current = reports.get(report.unit_id)
        if current is None or _rank(report) > _rank(current):
            reports[report.unit_id] = report
    return [_expected_one(u, reports.get(u.id), period, today) for u in units]


def _rank(report: Report) -> int:
    return ["imported", "draft", "returned", "submitted", "approved"].index(report.status.value)


def _expected_one(unit: Unit, report: Report | None, period: Period, today: date) -> Expected:
    deadline = period.deadline_for(unit.level)
    status = report.status.value if report else None
    on_time = None
    if report is not None and report.submitted_at is not None:
        on_time = report.submitted_at.date() <= deadline
    if status in ("approved", "submitted", "returned"):
        state = status
    else:
        state = "late" if today > deadline else "due"
    return Expected(
        unit, state, status, report.submitted_at if report else None, on_time,
        report.template.key if report else None,
    )  # fmt: skip


def overall_on_time(values: dict[str, float]) -> float | None:
    """Σ on-time / Σ resolved over every level, in percent."""
    resolved = sum(values.get(f"procedures.resolved.{level}", 0.0) for level in LEVELS)
    on_time = sum(values.get(f"procedures.resolved_on_time.{level}", 0.0) for level in LEVELS)
    return on_time / resolved * 100 if resolved else None


def _trend(
    session: Session, catalog: Catalog, unit: Unit, period: Period, version: tuple[int, int]
) -> list[tuple[str, float | None]]:
    points = []
    for p in reversed(_recent_periods(period, TREND_LENGTH)):
        try:
            figures = cached_roll_up(session, catalog, unit, p, version).figures
        except CchcError:
            points.append((p.code, None))
            continue
        points.append((p.code, overall_on_time(figures.values)))
    return points


def _ranking(session: Session, unit: Unit, period: Period) -> list[tuple[Unit, float | None]]:
    """Units directly below, by the on-time rate their own reports give."""
    below = children(session, unit, on=period.end) if _exists(unit, period) else []
    if not below:
        return []
    rows = session.execute(
        select(Report.unit_id, IndicatorRow.key, func.sum(ReportValue.num))
        .join(ReportValue, ReportValue.report_id == Report.id)
        .join(IndicatorRow, IndicatorRow.id == ReportValue.indicator_id)
        .where(
            Report.unit_id.in_([u.id for u in below]),
            Report.period_code == period.code,
            Report.status.in_(COUNTED_STATUSES),
            IndicatorRow.key.like("procedures.resolved%"),
        )
        .group_by(Report.unit_id, IndicatorRow.key)
    )
    values: dict[int, dict[str, float]] = {}
    for unit_id, key, total in rows.all():
        values.setdefault(unit_id, {})[key] = total or 0.0
    ranked = [(u, overall_on_time(values.get(u.id, {}))) for u in below]
    return sorted(ranked, key=lambda item: (item[1] is None, -(item[1] or 0.0), item[0].name))
