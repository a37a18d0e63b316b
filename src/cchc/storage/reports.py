"""Reports (báo cáo) and their values: open, save with an audit trail, move through the workflow.

Plain functions over a Session; callers own the transaction (see :func:`storage.transaction`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import report_areas
from cchc.errors import NotFoundError, WorkflowError
from cchc.storage.models import (
    IndicatorRow,
    Report,
    ReportEvent,
    ReportSection,
    ReportStatus,
    ReportValue,
    TemplateRow,
    Unit,
    ValueChange,
    ValueSource,
)
from cchc.units.periods import Period
from cchc.values import Value

EDITABLE = {ReportStatus.draft, ReportStatus.returned, ReportStatus.imported}
TRANSITIONS: dict[ReportStatus, set[ReportStatus]] = {
    ReportStatus.imported: {ReportStatus.draft, ReportStatus.submitted},
    ReportStatus.draft: {ReportStatus.submitted},
    ReportStatus.returned: {ReportStatus.submitted, ReportStatus.draft},
    ReportStatus.submitted: {ReportStatus.approved, ReportStatus.returned},
    ReportStatus.approved: {ReportStatus.returned},
}
STATUS_LABELS = {
    ReportStatus.draft: "Bản nháp",
    ReportStatus.submitted: "Đã nộp",
    ReportStatus.approved: "Đã duyệt",
    ReportStatus.returned: "Bị trả lại",
    ReportStatus.imported: "Nhập từ tài liệu — chờ rà soát",
}


def open_report(
    session: Session,
    *,
    unit: Unit,
    period: Period,
    template_key: str,
    actor: str,
    status: ReportStatus = ReportStatus.draft,
) -> Report:
    """The unit's report for the period on that template, created (in ``status``) if new."""
    template = session.scalar(select(TemplateRow).where(TemplateRow.key == template_key))
    if template is None:
        raise NotFoundError(f"Không có bộ biểu mẫu «{template_key}».", "unknown template")
    report = session.scalar(
        select(Report).where(
            Report.unit_id == unit.id,
            Report.period_code == period.code,
            Report.template_id == template.id,
        )
    )
    if report is None:
        report = Report(unit=unit, period_code=period.code, template=template, status=status)
        session.add(report)
        session.flush()
        session.add(ReportEvent(report_id=report.id, to_status=status.value, actor=actor))
    return report


def save_values(
    session: Session,
    *,
    report: Report,
    values: Iterable[Value],
    actor: str,
    source: ValueSource = ValueSource.typed,
    evidence: dict[str, dict] | None = None,
) -> int:
    """Store values (None num and text clears one), logging each change; returns how many
    changed. Refused on a report that is submitted or approved."""
    if report.status not in EDITABLE:
        raise WorkflowError(
            f"Báo cáo đang ở trạng thái «{STATUS_LABELS[report.status]}», không sửa được số liệu.",
            f"report is {report.status.value}; values are locked",
        )
    ids = indicator_ids(session)
    stored = {
        row.indicator_id: row
        for row in session.scalars(select(ReportValue).where(ReportValue.report_id == report.id))
    }
    changed = 0
    for value in values:
        indicator_id = ids.get(value.indicator)
        if indicator_id is None:
            raise NotFoundError(f"Không có chỉ tiêu «{value.indicator}».", "unknown indicator")
        row = stored.get(indicator_id)
        if row is not None and _same(row, value):
            continue
        session.add(
            ValueChange(
                report_id=report.id,
                indicator_id=indicator_id,
                old_num=row.num if row else None,
                old_text=row.text if row else None,
                new_num=value.num,
                new_text=value.text,
                source=source.value,
                actor=actor,
            )
        )
        row = row or ReportValue(report_id=report.id, indicator_id=indicator_id)
        row.num, row.decimals, row.text, row.source = value.num, value.decimals, value.text, source
        row.evidence = (evidence or {}).get(value.indicator)
        session.add(row)
        stored[indicator_id] = row
        changed += 1
    session.flush()
    return changed


def report_values(session: Session, *, report: Report) -> dict[str, Value]:
    """The report's values by indicator key."""
    rows = session.execute(
        select(IndicatorRow.key, ReportValue.num, ReportValue.decimals, ReportValue.text)
        .join(IndicatorRow, IndicatorRow.id == ReportValue.indicator_id)
        .where(ReportValue.report_id == report.id)
    )
    return {key: Value(key, num, decimals, text) for key, num, decimals, text in rows}


def change_status(
    session: Session,
    *,
    report: Report,
    to: ReportStatus,
    actor: str,
    reason: str | None = None,
) -> Report:
    """Move a report through the workflow; returning it needs a reason."""
    if to not in TRANSITIONS.get(report.status, set()):
        raise WorkflowError(
            f"Không thể chuyển báo cáo từ «{STATUS_LABELS[report.status]}» sang "
            f"«{STATUS_LABELS[to]}».",
            f"cannot move a report from {report.status.value} to {to.value}",
        )
    if to == ReportStatus.returned and not (reason or "").strip():
        raise WorkflowError("Cần ghi lý do khi trả lại báo cáo.", "returning needs a reason")
    session.add(
        ReportEvent(
            report_id=report.id,
            from_status=report.status.value,
            to_status=to.value,
            actor=actor,
            reason=reason,
        )
    )
    now = datetime.now()
    if to == ReportStatus.submitted:
        report.submitted_at = now
    if to in (ReportStatus.approved, ReportStatus.returned):
        report.decided_at = now
    report.status = to
    session.flush()
    return report


def value_history(session: Session, *, report: Report, indicator: str) -> list[ValueChange]:
    """Every change of one value, oldest first (who, when, old → new)."""
    return list(
        session.scalars(
            select(ValueChange)
            .join(IndicatorRow, IndicatorRow.id == ValueChange.indicator_id)
            .where(ValueChange.report_id == report.id, IndicatorRow.key == indicator)
            .order_by(ValueChange.id)
        )
    )


def indicator_ids(session: Session) -> dict[str, int]:
    """Indicator key → database id."""
    return dict(session.execute(select(IndicatorRow.key, IndicatorRow.id)).all())


def _same(row: ReportValue, value: Value) -> bool:
    """Numbers compare by value ("54.106" is 54106); text values by their text."""
    if value.num is not None or row.num is not None:
        return row.num == value.num
    return row.text == value.text


SECTION_KEYS = tuple(report_areas())


def save_section(session: Session, *, report: Report, section: str, text: str, actor: str) -> None:
    """Store the narrative of one section (refused when values are locked)."""
    if section not in SECTION_KEYS:
        raise NotFoundError(f"Không có mục «{section}» trong đề cương báo cáo.", "bad section")
    if report.status not in EDITABLE:
        raise WorkflowError(
            f"Báo cáo đang ở trạng thái «{STATUS_LABELS[report.status]}», không sửa được.",
            f"report is {report.status.value}",
        )
    row = session.scalar(
        select(ReportSection).where(
            ReportSection.report_id == report.id, ReportSection.section == section
        )
    )
    row = row or ReportSection(report_id=report.id, section=section)
    row.text, row.updated_by = text, actor
    session.add(row)
    session.flush()


def report_sections(session: Session, *, report: Report) -> dict[str, str]:
    """Section key → the narrative the unit wrote."""
    rows = session.execute(
        select(ReportSection.section, ReportSection.text).where(
            ReportSection.report_id == report.id
        )
    )
    return dict(rows.all())
