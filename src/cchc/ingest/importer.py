"""Importing documents: read each (in a bounded child process, no database involved), then
store it as a report "imported — to review" on the caller's session.

`cchc import` stores each file in a transaction of its own: a file that fails leaves nothing
behind and does not stop the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cchc.catalog import Catalog, Template
from cchc.errors import InputError, WorkflowError
from cchc.ingest.document import Document
from cchc.ingest.extract import Extraction, extract
from cchc.ingest.formats import read_document
from cchc.ingest.limits import LIMITS, Limits
from cchc.ingest.restoration import needs_restoration, restore_selected
from cchc.ingest.results import extraction_json
from cchc.ingest.sandbox import run_bounded
from cchc.storage import (
    ReportStatus,
    ValueSource,
    find_unit,
    open_report,
    save_values,
    transaction,
)
from cchc.storage.models import DocumentRow, Unit
from cchc.storage.reports import EDITABLE, STATUS_LABELS
from cchc.units import Period, current_period, parse_period_code
from cchc.units.index import default_unit_index
from cchc.validation import Finding, implausible_values
from cchc.values import Value


@dataclass(frozen=True)
class ReadReport:
    """What reading one file gave, before anything is stored."""

    path: Path
    document: Document
    extraction: Extraction
    restored: str | None
    sha256: str


@dataclass(frozen=True)
class ImportedReport:
    """What one imported file became."""

    path: Path
    unit_key: str
    unit_name: str
    period: str
    template: str
    values: int
    findings: int
    document_id: int


def read_report(path: Path, catalog: Catalog, limits: Limits = LIMITS) -> ReadReport:
    """Read and extract one file (no database); InputError when it is no report."""
    document = read_document(path, limits=limits)
    extraction = extract(document, catalog, default_unit_index())
    if not extraction.is_report:
        raise InputError(
            f"{path.name}: không nhận ra đây là một báo cáo (không có tiêu đề, số hiệu, cơ quan "
            "ban hành hay số liệu nào).",
            f"{path.name}: not a report",
        )
    restored = _restored(document.text, extraction.restored_lines)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return ReadReport(path, document, extraction, restored, sha256)


def read_report_bounded(path: Path, catalog: Catalog, limits: Limits = LIMITS) -> ReadReport:
    """:func:`read_report` in a child process, within ``limits``' time and memory."""
    return run_bounded(read_report, path, catalog, limits, limits=limits, name=path.name)


def store_import(
    session: Session,
    catalog: Catalog,
    read: ReadReport,
    *,
    unit: str | None = None,
    period: str | None = None,
    actor: str = "cli",
    fallback_unit: str | None = None,
    check_unit: Callable[[Session, Unit], None] | None = None,
) -> ImportedReport:
    """Store what was read as a report "imported — to review", on the caller's session (no
    commit): ``unit`` overrides the unit the document names, ``fallback_unit`` stands in when
    it names none; ``check_unit`` may refuse the unit (raising) before anything is stored."""
    path, extraction = read.path, read.extraction
    chosen_period = _period(extraction, period, path)
    target = _unit(session, extraction, unit or None, chosen_period, path, fallback_unit)
    if check_unit is not None:
        check_unit(session, target)
    template = _template(catalog, extraction, target, chosen_period, path)
    report = open_report(
        session,
        unit=target,
        period=chosen_period,
        template_key=template.id,
        actor=actor,
        status=ReportStatus.imported,
    )
    if report.status not in EDITABLE:
        raise WorkflowError(
            f"{path.name}: báo cáo {target.name} kỳ {chosen_period.label} đang ở trạng thái "
            f"«{STATUS_LABELS[report.status]}», không ghi đè.",
            "report is locked",
        )
    values, evidence = _values(catalog, extraction, template)
    save_values(
        session,
        report=report,
        values=values,
        actor=actor,
        source=ValueSource.document,
        evidence=evidence,
    )
    row = DocumentRow(
        report_id=report.id,
        file_name=path.name,
        format=read.document.format,
        sha256=read.sha256,
        pages=read.document.pages,
        ocr=read.document.ocr,
        text=read.document.text,
        restored_text=read.restored,
        extraction=extraction_json(extraction, catalog),
        actor=actor,
    )
    session.add(row)
    session.flush()
    return ImportedReport(
        path,
        target.key,
        target.name,
        chosen_period.code,
        template.id,
        len(values),
        len(extraction.findings),
        row.id,
    )


def import_file(
    engine: Engine,
    catalog: Catalog,
    path: Path,
    *,
    unit: str | None = None,
    period: str | None = None,
    actor: str = "cli",
) -> ImportedReport:
    """Read one file (bounded, no transaction open meanwhile), then store it in a
    transaction of its own; a CchcError (nothing stored) when either fails."""
    read = read_report_bounded(Path(path), catalog)
    with transaction(engine) as session:
        return store_import(session, catalog, read, unit=unit, period=period, actor=actor)


def _period(extraction: Extraction, period: str | None, path: Path) -> Period:
    """The period given, else the one the report names, else the one being prepared on the
    day the report was signed (a thematic "5 tháng" report goes with that period)."""
    if period:
        return parse_period_code(period)
    meta = extraction.metadata
    if meta.period is not None:
        return meta.period
    if meta.issued_on is not None:
        inferred = current_period(meta.issued_on)
        extraction.findings.append(
            Finding(
                "period_inferred",
                "warning",
                f"Văn bản không ghi kỳ báo cáo chuẩn; xếp vào kỳ {inferred.label} theo ngày ký "
                f"{meta.issued_on:%d/%m/%Y}. Dùng --period để chọn kỳ khác.",
                f"no standard period named; filed under {inferred.code} by its date",
            )
        )
        return inferred
    raise InputError(
        f"{path.name}: không xác định được kỳ báo cáo; hãy chỉ rõ kỳ (ví dụ 2023-Q3: --period ở "
        "dòng lệnh, ô «Kỳ báo cáo» trên trang nhập tài liệu).",
        f"{path.name}: no period",
    )


def _unit(
    session,
    extraction: Extraction,
    unit: str | None,
    period: Period,
    path: Path,
    fallback: str | None = None,
) -> Unit:
    if unit:
        return find_unit(session, unit, on=period.end)
    found = extraction.metadata.unit
    if found is not None:
        return find_unit(session, found.key)
    if fallback:
        return find_unit(session, fallback)
    raise InputError(
        f"{path.name}: không nhận ra đơn vị báo cáo"
        f"{' «' + extraction.metadata.issuer + '»' if extraction.metadata.issuer else ''}; "
        "hãy chỉ rõ đơn vị (--unit ở dòng lệnh, ô «Đơn vị» trên trang nhập tài liệu).",
        f"{path.name}: no unit",
    )


def _template(
    catalog: Catalog, extraction: Extraction, unit: Unit, period: Period, path: Path
) -> Template:
    if extraction.template and unit.level in extraction.template.unit_levels:
        return extraction.template
    found = catalog.templates_for(unit.level, period.end)
    if not found:
        raise InputError(f"{path.name}: chưa có bộ biểu mẫu cho cấp «{unit.level}».", "no template")
    return found[0]


def _values(
    catalog: Catalog, extraction: Extraction, template: Template
) -> tuple[list[Value], dict[str, dict]]:
    """The figures read that belong on ``template``; those no report can hold (a fractional
    count, 140 %) are left out, each with a finding saying so."""
    wanted = set(template.indicator_ids())
    values, evidence = [], {}
    for key, item in extraction.chosen().items():
        if key not in wanted:
            continue
        value = Value(key, item.value, item.decimals, None)
        problems = implausible_values(catalog, [value], template)
        if problems:
            extraction.findings.append(_left_out(problems[0], item.evidence.line))
            continue
        values.append(value)
        evidence[key] = {
            "line": item.evidence.line,
            "text": item.evidence.text,
            "source": item.evidence.source,
            "confidence": item.confidence,
        }
    return values, evidence


def _left_out(problem: Finding, line: int) -> Finding:
    return Finding(
        "implausible",
        "warning",
        f"Dòng {line}: không lấy số liệu này — {problem.message[:1].lower()}{problem.message[1:]}",
        f"line {line}: left out, {problem.message_en}",
        problem.indicators,
        problem.values,
    )


def _restored(text: str, partly: list[str] | None) -> str | None:
    """The whole text restored, for reading and search, when it lost its diacritics
    (the paragraphs extraction already restored are reused)."""
    if not needs_restoration(text):
        return None
    return "\n".join(restore_selected(text.split("\n"), everything=True, done=partly))
