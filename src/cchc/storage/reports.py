"""Reports (báo cáo) and their values: open, save with an audit trail, move through the workflow.

Plain functions over a Session; callers own the transaction (see :func:`storage.transaction`).

Every write of values, sections or status first claims the report's version (one
conditional UPDATE, which also takes the row's write lock): a write that names the version it
was based on is refused when someone else has written since, and concurrent writers take
turns, so the audit trail's old values chain exactly and one workflow step wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cchc.catalog import report_areas
from cchc.errors import ConflictError, NotFoundError, WorkflowError
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
    """The unit's report for the period on that template, created (in ``status``, version 0)
    if new. Race-free: concurrent callers all get the one report, none an error."""
    template = session.scalar(select(TemplateRow).where(TemplateRow.key == template_key))
    if template is None:
        raise NotFoundError(f"Không có bộ biểu mẫu «{template_key}».", "unknown template")
    key = {"unit_id": unit.id, "period_code": period.code, "template_id": template.id}
    report = _find_report(session, key)
    if report is None:
        if _insert_if_absent(session, {**key, "status": status.value, "version": 0}):
            report = _find_report(session, key)
            assert report is not None
            session.add(ReportEvent(report_id=report.id, to_status=status.value, actor=actor))
        else:
            report = _find_report(session, key)
    assert report is not None
    return report


def _find_report(session: Session, key: dict) -> Report | None:
    return session.scalar(
        select(Report).where(*(getattr(Report, column) == value for column, value in key.items()))
    )


def _insert_if_absent(session: Session, row: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on the report's unique key; True when inserted."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(Report)
        .values(**row)
        .on_conflict_do_nothing(index_elements=["unit_id", "period_code", "template_id"])
    )
    return bool(session.execute(statement).rowcount)


def claim_version(session: Session, report: Report, base_version: int | None) -> None:
    """Raise the report's version by one, only if it is still ``base_version`` (any version
    when None), and reload the report under the write lock this takes. A stale base raises
    ConflictError with the current version, status and last writer."""
    statement = update(Report).where(Report.id == report.id)
    if base_version is not None:
        statement = statement.where(Report.version == base_version)
    result = session.execute(
        statement.values(version=Report.version + 1).execution_options(synchronize_session=False)
    )
    session.refresh(report)
    if not result.rowcount:
        raise ConflictError(
            "Báo cáo vừa được người khác thay đổi sau khi bạn mở nó "
            f"(bạn sửa trên phiên bản {base_version}, hiện là phiên bản {report.version}). "
            "Hãy tải lại báo cáo để xem số liệu hiện tại rồi lưu lại.",
            f"stale write: based on version {base_version}, the report is at {report.version}",
            {"version": report.version, "status": report.status.value},
        )


def save_values(
    session: Session,
    *,
    report: Report,
    values: Iterable[Value],
    actor: str,
    source: ValueSource = ValueSource.typed,
    evidence: dict[str, dict] | None = None,
    base_version: int | None = None,
) -> int:
    """Store values (None num and text clears one), logging each change; returns how many
    changed. Refused on a report that is submitted or approved, and when the report is no
    longer at ``base_version`` (see :func:`claim_version`)."""
    claim_version(session, report, base_version)
    if report.status not in EDITABLE:
        raise WorkflowError(
            f"Báo cáo đang ở trạng thái «{STATUS_LABELS[report.status]}», không sửa được số liệu.",
            f"report is {report.status.value}; values are locked",
        )
    ids = indicator_ids(session)
    stored = {
        row.indicator_id: row
        for row in session.scalars(
            select(ReportValue)
            .where(ReportValue.report_id == report.id)
            .execution_options(populate_existing=True)  # as stored now, under the lock
        )
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


def filled_values(session: Session, *, report: Report) -> dict[str, Value]:
    """The report's values by indicator key, cleared ones (no number, no text) left out."""
    return {
        key: value
        for key, value in report_values(session, report=report).items()
        if value.num is not None or (value.text or "").strip()
    }


def change_status(
    session: Session,
    *,
    report: Report,
    to: ReportStatus,
    actor: str,
    reason: str | None = None,
    base_version: int | None = None,
) -> Report:
    """Move a report through the workflow (from the status it has under the write lock, so of
    concurrent steps exactly one is taken); returning it needs a reason."""
    claim_version(session, report, base_version)
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


def save_section(
    session: Session,
    *,
    report: Report,
    section: str,
    text: str,
    actor: str,
    base_version: int | None = None,
) -> None:
    """Store the narrative of one section (refused when values are locked or the report is
    no longer at ``base_version``)."""
    if section not in SECTION_KEYS:
        raise NotFoundError(f"Không có mục «{section}» trong đề cương báo cáo.", "bad section")
    claim_version(session, report, base_version)
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
