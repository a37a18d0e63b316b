"""Storage (lưu trữ): SQLAlchemy models, migrations, reports with audit trail and workflow."""

from cchc.storage.db import make_engine, session_factory, transaction, upgrade_schema
from cchc.storage.models import Report, ReportStatus, ReportValue, Unit, ValueSource
from cchc.storage.reports import (
    SECTION_KEYS,
    change_status,
    filled_values,
    open_report,
    report_sections,
    report_values,
    save_section,
    save_values,
    value_history,
)
from cchc.storage.setup import DatabaseSummary, init_database, summarize
from cchc.storage.units import ancestors, children, describe, find_unit

__all__ = [
    "SECTION_KEYS",
    "DatabaseSummary",
    "Report",
    "ReportStatus",
    "ReportValue",
    "Unit",
    "ValueSource",
    "ancestors",
    "change_status",
    "children",
    "describe",
    "filled_values",
    "find_unit",
    "init_database",
    "make_engine",
    "open_report",
    "report_sections",
    "report_values",
    "save_section",
    "save_values",
    "session_factory",
    "summarize",
    "transaction",
    "upgrade_schema",
    "value_history",
]
