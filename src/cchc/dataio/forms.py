"""Values laid out as a form: rows of (form number, printed code, value).

This is the layout of ``cchc check VALUES.csv``: columns ``form,code,value``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cchc.catalog import Catalog, Template
from cchc.errors import InputError
from cchc.validation import Finding
from cchc.values import Value, value_from_text

FORM_COLUMNS = ("form", "code", "value")


@dataclass(frozen=True)
class FormRow:
    """One row as read: where it was (line) and what it said."""

    line: int
    form: str
    code: str
    value: str


def read_form_csv(path: Path) -> list[FormRow]:
    """Rows of a ``form,code,value`` CSV (UTF-8, with or without BOM); rows without a value
    are skipped. A missing column or an unreadable file is an InputError."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in FORM_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"Tệp {path.name} thiếu cột {', '.join(missing)}; cần các cột form,code,value.",
                    f"{path}: missing columns {missing}",
                )
            return [
                FormRow(n, (row["form"] or "").strip(), _code(row["code"]), (row["value"] or ""))
                for n, row in enumerate(reader, start=2)
                if (row.get("value") or "").strip()
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"Không đọc được tệp {path}: {exc}", f"cannot read {path}: {exc}") from exc


def _code(raw: str | None) -> str:
    """ "1.4." → "1.4"; "I.2" stays."""
    return (raw or "").strip().rstrip(".")


def values_from_rows(
    catalog: Catalog, template: Template, rows: Iterable[FormRow]
) -> tuple[dict[str, Value], list[Finding]]:
    """Map rows to the template's indicators; rows that fit no indicator become findings."""
    values: dict[str, Value] = {}
    findings: list[Finding] = []
    for row in rows:
        item = (
            template.find(int(row.form), row.code)
            if row.form.isascii() and row.form.isdigit()
            else None
        )
        if item is None or item.indicator is None:
            findings.append(_unplaced(row, template, heading=item is not None))
            continue
        if item.indicator in values:
            findings.append(
                Finding(
                    "duplicate",
                    "error",
                    f"Dòng {row.line}: biểu {row.form}, mục {row.code} được ghi hai lần.",
                    f"line {row.line}: form {row.form} item {row.code} given twice",
                    [item.indicator],
                    [],
                )
            )
            continue
        values[item.indicator] = value_from_text(catalog.indicator(item.indicator), row.value)
    return values, findings


def _unplaced(row: FormRow, template: Template, *, heading: bool) -> Finding:
    if heading:
        vi = f"Dòng {row.line}: biểu {row.form}, mục {row.code} là tiêu đề nhóm, không ghi số liệu."
        en = f"line {row.line}: form {row.form} item {row.code} is a heading"
        return Finding("heading_value", "warning", vi, en, [], [])
    vi = f"Dòng {row.line}: bộ biểu mẫu {template.id} không có biểu {row.form}, mục {row.code}."
    en = f"line {row.line}: template {template.id} has no form {row.form} item {row.code}"
    return Finding("unknown_item", "error", vi, en, [], [])
