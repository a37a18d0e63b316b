"""Report flows shared by the pages and the API: find a report, save typed values as a draft,
validate, move it through the workflow — each step checked by ``permissions.authorize``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import Catalog, Template
from cchc.errors import ConflictError, InputError, NotFoundError, WorkflowError
from cchc.storage import (
    ReportStatus,
    change_status,
    filled_values,
    find_unit,
    open_report,
    save_section,
    save_values,
)
from cchc.storage.models import Comment, IndicatorRow, Report, ReportEvent, TemplateRow, Unit, User
from cchc.storage.reports import SECTION_KEYS
from cchc.text import check_length
from cchc.units import Period, parse_period_code
from cchc.validation import Finding, implausible_values
from cchc.validation.stored import check_report_values
from cchc.values import Value, display_value, value_from_text
from cchc.web.permissions import authorize

# Longest text each field takes (characters); longer is refused before anything is stored.
MAX_VALUE_TEXT = 500
MAX_SECTION = 50_000
MAX_COMMENT = 4_000
MAX_REASON = 2_000


WORKFLOW_ACTIONS = {
    "submit": (ReportStatus.submitted, "submit"),
    "approve": (ReportStatus.approved, "review"),
    "return": (ReportStatus.returned, "review"),
    "reopen": (ReportStatus.draft, "edit"),
}


@dataclass
class ReportPlace:
    """A unit × period × template, and the report there if one exists."""

    unit: Unit
    period: Period
    template: Template
    report: Report | None

    @property
    def path(self) -> str:
        """The editor's address."""
        return f"/reports/{self.unit.key}/{self.period.code}/{self.template.id}"

    @property
    def version(self) -> int:
        """The report's version (0 while it does not exist)."""
        return self.report.version if self.report else 0


def locate(
    session: Session, catalog: Catalog, unit_key: str, period_code: str, template_key: str
) -> ReportPlace:
    """Resolve the three parts of a report's address (NotFound for each unknown one)."""
    unit = find_unit(session, unit_key)
    period = parse_period_code(period_code)
    template = catalog.template(template_key)
    report = session.scalar(
        select(Report)
        .join(TemplateRow, TemplateRow.id == Report.template_id)
        .where(
            Report.unit_id == unit.id,
            Report.period_code == period.code,
            TemplateRow.key == template.id,
        )
    )
    return ReportPlace(unit, period, template, report)


def place_of(session: Session, catalog: Catalog, report_id: int) -> ReportPlace:
    """The place of a report known by its id."""
    report = session.get(Report, report_id)
    if report is None:
        raise NotFoundError(f"Không có báo cáo số {report_id}.", "unknown report")
    period = parse_period_code(report.period_code)
    return ReportPlace(report.unit, period, catalog.template(report.template.key), report)


def current_values(session: Session, place: ReportPlace) -> dict[str, Value]:
    """The stored values, cleared ones left out."""
    return filled_values(session, report=place.report) if place.report else {}


def report_findings(session: Session, catalog: Catalog, place: ReportPlace) -> list[Finding]:
    """Validation findings on the stored values, with the previous periods for comparison."""
    return check_report_values(
        session,
        catalog,
        unit_id=place.unit.id,
        period=place.period,
        template=place.template,
        values=current_values(session, place),
    )


def save_typed(
    session: Session,
    catalog: Catalog,
    user: User,
    place: ReportPlace,
    raw: dict[str, str],
    base_version: int | None,
) -> int:
    """Save what the user typed as a draft — unreadable text too, so nothing typed is lost;
    an empty field clears the value. Fields that are not items of the template are ignored.
    Refused (ConflictError, with the current values of the items sent) when the report has
    changed since ``base_version``."""
    authorize(session, user, "edit", place.unit)
    wanted = set(place.template.indicator_ids())
    for key, text in raw.items():
        if key in wanted:
            check_length(str(text), MAX_VALUE_TEXT, f"Số liệu mục {key}")
    values = [_typed_value(catalog, key, text) for key, text in raw.items() if key in wanted]
    if not values:
        return 0
    _refuse_implausible(catalog, place, values)
    report = _ensure_report(session, user, place)
    try:
        return save_values(
            session, report=report, values=values, actor=user.username, base_version=base_version
        )
    except ConflictError as exc:
        keys = [v.indicator for v in values]
        raise _with_current_values(session, catalog, place, keys, exc) from exc


def _refuse_implausible(catalog: Catalog, place: ReportPlace, values: list[Value]) -> None:
    """Values no report can hold (a negative or fractional count, 120 %) are not stored."""
    problems = implausible_values(catalog, values, place.template)
    if problems:
        listed = " ".join(p.message for p in problems[:5])
        more = f" (và {len(problems) - 5} lỗi khác)" if len(problems) > 5 else ""
        raise InputError(
            f"Chưa lưu: {listed}{more} Hãy sửa rồi lưu lại.",
            "; ".join(p.message_en for p in problems),
        )


def _with_current_values(
    session: Session, catalog: Catalog, place: ReportPlace, keys: list[str], exc: ConflictError
) -> ConflictError:
    """The conflict, telling the current value of each item the user tried to save."""
    current = current_values(session, place)
    shown = [
        f"«{_item_label(catalog, place, key)}» hiện là {display_value(current.get(key))}"
        for key in keys[:5]
    ]
    more = f" và {len(keys) - 5} mục khác" if len(keys) > 5 else ""
    values = {k: {"num": v.num, "text": display_value(v)} for k, v in current.items()}
    return ConflictError(
        f"{exc.message_vi} Giá trị hiện tại: {'; '.join(shown)}{more}.",
        exc.message_en,
        {**exc.details, "values": values},
    )


def _item_label(catalog: Catalog, place: ReportPlace, key: str) -> str:
    found = place.template.locate(key)
    name = catalog.indicator(key).name
    return f"Biểu {found[0]} · {found[1]} {name}" if found else name


def _typed_value(catalog: Catalog, key: str, text: str) -> Value:
    text = str(text).strip()
    if not text:
        return Value(key, None, None, None)
    return value_from_text(catalog.indicator(key), text)


def _ensure_report(session: Session, user: User, place: ReportPlace) -> Report:
    if place.report is None:
        place.report = open_report(
            session,
            unit=place.unit,
            period=place.period,
            template_key=place.template.id,
            actor=user.username,
        )
    return place.report


def save_narrative(
    session: Session,
    user: User,
    place: ReportPlace,
    section: str,
    text: str,
    base_version: int | None,
) -> None:
    """Save the narrative of one section (phần thuyết minh), based on ``base_version``."""
    authorize(session, user, "edit", place.unit)
    if section not in SECTION_KEYS:
        raise NotFoundError(f"Không có mục «{section}».", "unknown section")
    check_length(text, MAX_SECTION, "Phần thuyết minh")
    save_section(
        session,
        report=_ensure_report(session, user, place),
        section=section,
        text=text,
        actor=user.username,
        base_version=base_version,
    )


def move(
    session: Session,
    catalog: Catalog,
    user: User,
    place: ReportPlace,
    action: str,
    reason: str | None = None,
    *,
    base_version: int | None,
) -> Report:
    """One workflow step: submit (refused while errors remain), approve, return (with a
    reason), reopen a returned report as a draft — taken from ``base_version``; of
    concurrent steps exactly one is taken, the others are refused (409)."""
    if action not in WORKFLOW_ACTIONS:
        raise InputError(f"Thao tác «{action}» không hợp lệ.", f"unknown action {action!r}")
    to, permission = WORKFLOW_ACTIONS[action]
    check_length(reason or "", MAX_REASON, "Lý do")
    authorize(session, user, permission, place.unit)  # type: ignore[arg-type]
    if place.report is None:
        raise WorkflowError("Báo cáo chưa có số liệu nào.", "report does not exist yet")
    if action == "submit":
        errors = [f for f in report_findings(session, catalog, place) if f.severity == "error"]
        if errors:
            raise WorkflowError(
                f"Báo cáo còn {len(errors)} lỗi, chưa nộp được. Lỗi đầu tiên: {errors[0].message}",
                f"{len(errors)} errors remain",
            )
    return change_status(
        session,
        report=place.report,
        to=to,
        actor=user.username,
        reason=reason,
        base_version=base_version,
    )


def add_comment(
    session: Session, user: User, place: ReportPlace, indicator: str | None, text: str
) -> Comment:
    """A remark on one item (or on the whole report when ``indicator`` is None)."""
    authorize(session, user, "comment", place.unit)
    if not text.strip():
        raise InputError("Ý kiến đang để trống.", "empty comment")
    check_length(text, MAX_COMMENT, "Ý kiến")
    indicator_id = None
    if indicator:
        indicator_id = session.scalar(select(IndicatorRow.id).where(IndicatorRow.key == indicator))
        if indicator_id is None:
            raise NotFoundError(f"Không có chỉ tiêu «{indicator}».", "unknown indicator")
    comment = Comment(
        report_id=_ensure_report(session, user, place).id,
        indicator_id=indicator_id,
        author=user.username,
        text=text.strip(),
    )
    session.add(comment)
    session.flush()
    return comment


def comments_of(session: Session, place: ReportPlace) -> list[tuple[str | None, Comment]]:
    """Every comment of the report with its indicator key, oldest first."""
    if place.report is None:
        return []
    rows = session.execute(
        select(IndicatorRow.key, Comment)
        .outerjoin(IndicatorRow, IndicatorRow.id == Comment.indicator_id)
        .where(Comment.report_id == place.report.id)
        .order_by(Comment.id)
    )
    return [(key, comment) for key, comment in rows.all()]


def events_of(session: Session, place: ReportPlace) -> list[ReportEvent]:
    """The report's workflow steps, oldest first."""
    if place.report is None:
        return []
    return list(
        session.scalars(
            select(ReportEvent)
            .where(ReportEvent.report_id == place.report.id)
            .order_by(ReportEvent.id)
        )
    )
