"""`cchc data import`: values from CSV or XLSX into reports, all or nothing.

Two layouts are accepted:
- long: one row per unit × period × indicator — columns ``unit, period, indicator, value``
  (``indicator`` is the catalog id; or give ``template, form, code`` instead of it);
- form: ``form, code, value`` for one report, with unit, period and template given apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from cchc.catalog import Catalog, Template
from cchc.dataio.sheets import read_rows
from cchc.errors import CchcError, InputError
from cchc.numbers import parse_number
from cchc.storage import Unit, ValueSource, find_unit, open_report, save_values
from cchc.units.periods import Period, parse_period_code
from cchc.validation import implausible_values
from cchc.values import Value, value_from_text

MAX_ERRORS_SHOWN = 20


@dataclass
class ImportPlan:
    """Values grouped by report, ready to store, and the rows that could not be read."""

    reports: dict[tuple[int, str, str], list[Value]] = field(
        default_factory=lambda: defaultdict(list)
    )
    units: dict[int, Unit] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rows: int = 0


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    rows: int
    reports: int
    changed: int


def plan_import(
    session: Session,
    catalog: Catalog,
    path: Path,
    *,
    unit: str | None = None,
    period: str | None = None,
    template: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Read and check every row; nothing is stored here."""
    header, rows = read_rows(path)
    reader = _RowReader(session, catalog, header, unit, period, template)
    plan = ImportPlan()
    seen: dict[tuple[tuple[int, str, str], str], int] = {}
    for number, row in rows:
        plan.rows += 1
        try:
            key, value, found = reader.read(row)
        except CchcError as exc:
            plan.errors.append(f"Dòng {number}: {exc.message_vi}")
            continue
        if (key, value.indicator) in seen:
            plan.errors.append(
                f"Dòng {number}: trùng với dòng {seen[key, value.indicator]} (cùng đơn vị, kỳ "
                "và chỉ tiêu); mỗi số liệu chỉ ghi một lần."
            )
            continue
        seen[key, value.indicator] = number
        plan.reports[key].append(value)
        plan.units[found.id] = found
        if progress:
            progress(1)
    if plan.rows == 0:
        plan.errors.append("Tệp không có dòng số liệu nào.")
    return plan


def store_plan(session: Session, catalog: Catalog, plan: ImportPlan, *, actor: str) -> ImportResult:
    """Store a checked plan; the caller's transaction makes it all or nothing."""
    if plan.errors:
        shown = "\n".join(plan.errors[:MAX_ERRORS_SHOWN])
        more = len(plan.errors) - MAX_ERRORS_SHOWN
        tail = f"\n… và {more} lỗi khác." if more > 0 else ""
        raise InputError(
            f"Tệp bị từ chối, không lưu số liệu nào ({len(plan.errors)} dòng lỗi):\n{shown}{tail}",
            f"file rejected: {len(plan.errors)} bad rows",
        )
    changed = 0
    for (unit_id, period_code, template_id), values in plan.reports.items():
        report = open_report(
            session,
            unit=plan.units[unit_id],
            period=parse_period_code(period_code),
            template_key=template_id,
            actor=actor,
        )
        changed += save_values(
            session, report=report, values=values, actor=actor, source=ValueSource.spreadsheet
        )
    return ImportResult(plan.rows, len(plan.reports), changed)


class _RowReader:
    """Turns one row into (report key, value), raising a CchcError that says what is wrong."""

    def __init__(
        self,
        session: Session,
        catalog: Catalog,
        header: list[str],
        unit: str | None,
        period: str | None,
        template: str | None,
    ) -> None:
        self.session, self.catalog = session, catalog
        self.fixed = {"unit": unit, "period": period, "template": template}
        needed = (
            {"value"} | ({"unit"} if not unit else set()) | ({"period"} if not period else set())
        )
        has_indicator = "indicator" in header or {"form", "code"} <= set(header)
        missing = sorted(needed - set(header)) + ([] if has_indicator else ["indicator"])
        if missing:
            raise InputError(
                f"Tệp thiếu cột: {', '.join(missing)}. Cần unit, period, indicator, value "
                "(hoặc form, code, value kèm --unit, --period, --template).",
                f"missing columns {missing}",
            )
        self._units: dict[tuple[str, str], Unit] = {}

    def read(self, row: dict[str, str]) -> tuple[tuple[int, str, str], Value, Unit]:
        period = parse_period_code(row.get("period") or self.fixed["period"] or "")
        unit = self._unit(row.get("unit") or self.fixed["unit"] or "", period)
        template, indicator_id = self._indicator(row, unit)
        raw = row.get("value", "")
        value = value_from_text(self.catalog.indicator(indicator_id), raw)
        if value.num is None and self.catalog.indicators[indicator_id].type != "text":
            parse_number(raw)  # raises why: not a number, or too large
            raise InputError(f"giá trị «{raw}» không hợp lệ.", "not a number")
        for problem in implausible_values(self.catalog, [value], template):
            raise InputError(problem.message[:1].lower() + problem.message[1:], problem.message_en)
        return (unit.id, period.code, template.id), value, unit

    def _unit(self, name: str, period: Period) -> Unit:
        if not name.strip():
            raise InputError("thiếu đơn vị.", "no unit")
        key = (name, period.code)
        if key not in self._units:
            self._units[key] = find_unit(self.session, name, on=period.end)
        return self._units[key]

    def _indicator(self, row: dict[str, str], unit: Unit) -> tuple[Template, str]:
        template_id = row.get("template") or self.fixed["template"]
        if row.get("indicator"):
            indicator_id = row["indicator"]
            self.catalog.indicator(indicator_id)
            return self._template_with(unit, indicator_id, template_id), indicator_id
        if not template_id:
            raise InputError("cần cột template khi dùng form và code.", "template needed")
        template = self.catalog.template(template_id)
        form, code = row.get("form", ""), (row.get("code") or "").rstrip(".")
        item = template.find(int(form), code) if form.isascii() and form.isdigit() else None
        if item is None or item.indicator is None:
            raise InputError(
                f"bộ biểu mẫu {template_id} không có biểu {form}, mục {code}.", "unknown form item"
            )
        return template, item.indicator

    def _template_with(self, unit: Unit, indicator_id: str, template_id: str | None) -> Template:
        if template_id:
            return self.catalog.template(template_id)
        for template in self.catalog.templates_for(unit.level):
            if indicator_id in template.indicator_ids():
                return template
        raise InputError(
            f"không bộ biểu mẫu nào cho cấp «{unit.level}» có chỉ tiêu {indicator_id}.",
            "no template for this unit level has the indicator",
        )
