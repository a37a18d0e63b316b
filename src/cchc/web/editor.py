"""The report editor's view: the template's forms row by row, as on paper, with each value,
how a ratio or total is computed from its parts, and the findings placed next to items."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import Catalog, Form, Indicator, Template
from cchc.storage.models import IndicatorRow, ReportValue, User
from cchc.storage.reports import EDITABLE, SECTION_KEYS, STATUS_LABELS, report_sections
from cchc.validation import Finding
from cchc.values import Value, display_value
from cchc.web.permissions import allowed
from cchc.web.reports import ReportPlace, current_values, report_findings

SECTION_TITLES = {
    "direction": "I. Công tác chỉ đạo, điều hành CCHC",
    "institutions": "II.1. Cải cách thể chế",
    "procedures": "II.2. Cải cách thủ tục hành chính",
    "organisation": "II.3. Cải cách tổ chức bộ máy",
    "civil_service": "II.4. Cải cách chế độ công vụ",
    "finance": "II.5. Cải cách tài chính công",
    "egov": "II.6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "assessment": "III. Đánh giá chung (ưu điểm, tồn tại, nguyên nhân)",
    "plans": "IV. Phương hướng, nhiệm vụ kỳ tới",
    "proposals": "V. Kiến nghị, đề xuất",
}
SOURCE_LABELS = {
    "typed": "nhập tay",
    "spreadsheet": "bảng tính",
    "document": "từ tài liệu",
    "computed": "tính toán",
}


@dataclass
class Row:
    """One printed row of a form: a heading, or an item with its value."""

    code: str
    label: str
    indicator: Indicator | None = None
    text: str = ""
    source: str | None = None
    confidence: float | None = None
    required: bool = False
    compute: str | None = None  # "ratio" or "sum"
    parts: list[str] = field(default_factory=list)


@dataclass
class EditorView:
    """Everything the editor page shows."""

    place: ReportPlace
    forms: list[tuple[Form, list[Row]]]
    findings: list[Finding]
    by_item: dict[str, list[Finding]]
    general: list[Finding]
    sections: list[tuple[str, str, str]]
    editable: bool
    can: dict[str, bool]

    @property
    def status(self) -> str:
        """The report's status code, ``new`` before anything was saved."""
        return self.place.report.status.value if self.place.report else "new"

    @property
    def status_label(self) -> str:
        """The status in Vietnamese."""
        return STATUS_LABELS[self.place.report.status] if self.place.report else "Chưa có số liệu"

    @property
    def errors(self) -> int:
        """How many errors block submission."""
        return sum(f.severity == "error" for f in self.findings)


def place_findings(
    template: Template, findings: list[Finding]
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """Each finding next to the first of its items that the template prints."""
    printed = set(template.indicator_ids())
    by_item: dict[str, list[Finding]] = defaultdict(list)
    general: list[Finding] = []
    for finding in findings:
        target = next((i for i in finding.indicators if i in printed), None)
        (by_item[target] if target else general).append(finding)
    return dict(by_item), general


def build_rows(
    catalog: Catalog,
    template: Template,
    values: dict[str, Value],
    meta: dict[str, tuple[str, float | None]],
) -> list[tuple[Form, list[Row]]]:
    """The forms, row by row, with values and how computed items relate to their parts."""
    forms = []
    for form in template.forms:
        rows = []
        for item in form.items:
            if item.indicator is None:
                rows.append(Row(item.code, item.label or ""))
                continue
            indicator = catalog.indicator(item.indicator)
            source, confidence = meta.get(item.indicator, (None, None))
            row = Row(
                item.code,
                indicator.name,
                indicator,
                display_value(values.get(item.indicator)),
                source,
                confidence,
                item.required,
            )
            _add_composition(catalog, row)
            rows.append(row)
        forms.append((form, rows))
    return forms


def _add_composition(catalog: Catalog, row: Row) -> None:
    relation = catalog.composition(row.indicator.id) if row.indicator else None
    if relation is None:
        return
    if relation.kind == "ratio":
        row.compute, row.parts = "ratio", [relation.numerator, relation.denominator]
    else:
        row.compute, row.parts = "sum", list(relation.parts)


def value_meta(session: Session, place: ReportPlace) -> dict[str, tuple[str, float | None]]:
    """Indicator → (where the value came from, extraction confidence)."""
    if place.report is None:
        return {}
    rows = session.execute(
        select(IndicatorRow.key, ReportValue.source, ReportValue.evidence)
        .join(IndicatorRow, IndicatorRow.id == ReportValue.indicator_id)
        .where(ReportValue.report_id == place.report.id)
    )
    return {
        key: (str(source.value), (evidence or {}).get("confidence"))
        for key, source, evidence in rows.all()
    }


def editor_view(session: Session, catalog: Catalog, user: User, place: ReportPlace) -> EditorView:
    """Build the editor for one report (existing or not yet started)."""
    values = current_values(session, place)
    findings = report_findings(session, catalog, place)
    by_item, general = place_findings(place.template, findings)
    narratives = report_sections(session, report=place.report) if place.report else {}
    status = place.report.status if place.report else None
    can = {
        action: allowed(session, user, action, place.unit)
        for action in ("edit", "submit", "review", "comment")
    }
    editable = can["edit"] and (status is None or status in EDITABLE)
    return EditorView(
        place=place,
        forms=build_rows(catalog, place.template, values, value_meta(session, place)),
        findings=findings,
        by_item=by_item,
        general=general,
        sections=[(k, SECTION_TITLES[k], narratives.get(k, "")) for k in SECTION_KEYS],
        editable=editable,
        can=can,
    )
