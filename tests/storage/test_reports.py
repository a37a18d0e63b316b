"""Reports on SQLite and on the real PostgreSQL server: values with audit, workflow, atomicity."""

import pytest
from sqlalchemy import func, select

from cchc.errors import WorkflowError
from cchc.storage import (
    ReportStatus,
    change_status,
    find_unit,
    open_report,
    report_values,
    save_values,
    transaction,
    value_history,
)
from cchc.storage.models import Report, ReportEvent, ReportValue
from cchc.units import parse_period_code
from cchc.values import Value

Q3 = parse_period_code("2023-Q3")


def _province_report(session):
    unit = find_unit(session, "tỉnh Bắc Giang", on=Q3.end)
    return open_report(session, unit=unit, period=Q3, template_key="province-581", actor="an")


def test_values_are_saved_and_every_change_is_audited(engine):
    with transaction(engine) as session:
        report = _province_report(session)
        changed = save_values(
            session,
            report=report,
            actor="an",
            values=[
                Value("procedures.in_force", 1902.0, 0, "1.902"),
                Value("procedures.in_force.province", 1486.0, 0, "1.486"),
            ],
        )
        assert changed == 2
    with transaction(engine) as session:
        report = _province_report(session)
        assert (
            save_values(
                session,
                report=report,
                actor="binh",
                values=[Value("procedures.in_force", 1896.0, 0, "1.896")],
            )
            == 1
        )
        assert (
            save_values(
                session,
                report=report,
                actor="binh",
                values=[Value("procedures.in_force", 1896.0, 0, "1.896")],
            )
            == 0
        )
    with transaction(engine) as session:
        report = _province_report(session)
        assert report_values(session, report=report)["procedures.in_force"].num == 1896
        history = value_history(session, report=report, indicator="procedures.in_force")
        assert [(h.old_num, h.new_num, h.actor) for h in history] == [
            (None, 1902, "an"),
            (1902, 1896, "binh"),
        ]
        assert all(h.at is not None for h in history)


def test_workflow_locks_approved_reports_and_returning_needs_a_reason(engine):
    with transaction(engine) as session:
        report = _province_report(session)
        save_values(
            session, report=report, actor="an", values=[Value("procedures.in_force", 10.0, 0, "10")]
        )
        change_status(session, report=report, to=ReportStatus.submitted, actor="an")
        with pytest.raises(WorkflowError) as locked:
            save_values(
                session,
                report=report,
                actor="an",
                values=[Value("procedures.in_force", 11.0, 0, "11")],
            )
        assert "không sửa được" in locked.value.message_vi
        with pytest.raises(WorkflowError):
            change_status(session, report=report, to=ReportStatus.returned, actor="lan")
        change_status(
            session,
            report=report,
            to=ReportStatus.returned,
            actor="lan",
            reason="Thiếu số liệu biểu 3",
        )
        save_values(
            session, report=report, actor="an", values=[Value("procedures.in_force", 11.0, 0, "11")]
        )
        change_status(session, report=report, to=ReportStatus.submitted, actor="an")
        change_status(session, report=report, to=ReportStatus.approved, actor="lan")
        with pytest.raises(WorkflowError):
            change_status(session, report=report, to=ReportStatus.submitted, actor="an")
        events = session.scalars(
            select(ReportEvent).where(ReportEvent.report_id == report.id).order_by(ReportEvent.id)
        ).all()
        assert [e.to_status for e in events] == [
            "draft",
            "submitted",
            "returned",
            "submitted",
            "approved",
        ]
        assert events[2].reason == "Thiếu số liệu biểu 3"
        assert report.submitted_at is not None and report.decided_at is not None


def test_a_failed_transaction_leaves_nothing_behind(engine):
    with pytest.raises(RuntimeError), transaction(engine) as session:
        report = _province_report(session)
        save_values(
            session, report=report, actor="an", values=[Value("procedures.in_force", 1.0, 0, "1")]
        )
        raise RuntimeError("power cut")
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 0
        assert session.scalar(select(func.count()).select_from(ReportValue)) == 0


def test_one_report_per_unit_period_and_template(engine):
    with transaction(engine) as session:
        first = _province_report(session)
        again = _province_report(session)
        assert first.id == again.id
