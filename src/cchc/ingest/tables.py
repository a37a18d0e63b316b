"""Annex tables (biểu mẫu) as tab-separated rows: rows read, then matched to indicators by
their wording, with the printed code as a second opinion when a template fits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.catalog import Catalog, Template
from cchc.ingest.folding import fold_ocr
from cchc.ingest.indicators import IndicatorMatcher
from cchc.values import value_from_text

_FORM = re.compile(r"^\s*\**\s*(?:bieu\s*(?:mau|so)|phu\s*luc)\s*(?:so\s*)?(\d{1,2})\b")
_CODE = re.compile(r"^(?:[IVX]+|\d{1,2})(?:\.\d{1,2}){0,3}\.?$")
_HEADER_WORDS = ("stt", "chi tieu", "don vi tinh", "so lieu", "ket qua")
_MARKUP = re.compile(r"</?[a-z]+>")


@dataclass
class TableRow:
    """One row of an annex form as printed."""

    line: int
    form: int | None
    code: str
    label: str
    unit: str
    value: str
    text: str
    parent_label: str = ""


def read_table_rows(lines: list[str]) -> list[TableRow]:
    """Rows of every annex table, with inferred codes and parent labels."""
    rows: list[TableRow] = []
    form: int | None = None
    for number, raw in enumerate(lines, start=1):
        heading = _FORM.match(fold_ocr(raw))
        if heading and "\t" not in raw:
            form = int(heading.group(1))
            continue
        if raw.count("\t") < 2:
            raw = _columns_from_spaces(raw) if form is not None else ""
            if not raw:
                continue
        row = _row(number, form, raw)
        if row is None:
            continue
        if not row.code and not row.value and rows and rows[-1].line >= number - 2:
            rows[-1].label = f"{rows[-1].label} {row.label}".strip()
            continue
        rows.append(row)
    _infer_codes(rows)
    _set_parents(rows)
    return rows


_SPACED_ROW = re.compile(
    r"^\s*(?P<code>(?:[IVX]+|\d{1,2})(?:\.\d{1,2}){0,3}\.?)\s+(?P<label>\D.*?\S)\s+"
    r"(?P<value>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*%?\s*$"
)


def _columns_from_spaces(line: str) -> str:
    """An annex row whose columns OCR turned into spaces ("3.1.1 Tổng số hồ sơ … 54.106"):
    code, label and value as tab-separated cells (the unit stays in the label), or ""."""
    match = _SPACED_ROW.match(line)
    if not match:
        return ""
    return "\t".join((match.group("code"), match.group("label"), "", match.group("value")))


def _row(number: int, form: int | None, raw: str) -> TableRow | None:
    cells = [_MARKUP.sub("", c).strip() for c in raw.split("\t")]
    folded = fold_ocr(" ".join(cells))
    if sum(word in folded for word in _HEADER_WORDS) >= 2:
        return None
    code = cells[0].rstrip(".") if _CODE.match(cells[0]) else ""
    rest = cells[1:] if code or not cells[0] else cells
    label = next((c for c in rest if c and not _is_number(c)), "")
    after = rest[rest.index(label) + 1 :] if label in rest else []
    unit = after[0] if after else ""
    value = next((c for c in after[1:] if c), "") if len(after) > 1 else ""
    if not label:
        return None
    return TableRow(number, form, code, label, unit, value, raw)


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%\s-]+", cell))


def _infer_codes(rows: list[TableRow]) -> None:
    """A row printed without its code takes the code before its next sibling ("3.2" → 3.1)."""
    for i, row in enumerate(rows):
        if row.code:
            continue
        following = next((r for r in rows[i + 1 :] if r.code and r.form == row.form), None)
        if following is None:
            continue
        head, _, last = following.code.rpartition(".")
        if head and last.isascii() and last.isdigit() and int(last) > 1:
            row.code = f"{head}.{int(last) - 1}"


def _set_parents(rows: list[TableRow]) -> None:
    labels: dict[tuple[int | None, str], str] = {}
    for row in rows:
        if row.code:
            labels[(row.form, row.code)] = row.label
            parent = row.code.rpartition(".")[0]
            row.parent_label = labels.get((row.form, parent), "")


@dataclass(frozen=True)
class TableValue:
    """A value read from a table row and the indicator it was matched to."""

    row: TableRow
    indicator: str
    value: float
    decimals: int
    confidence: float
    template: str | None


def best_template(
    catalog: Catalog, matcher: IndicatorMatcher, rows: list[TableRow]
) -> Template | None:
    """The template whose printed codes best agree with the rows' wording (None if none
    agrees for at least a third of the rows)."""
    best, best_hits = None, 0
    for template in catalog.templates.values():
        hits = sum(1 for row in rows if _code_agrees(template, matcher, row))
        if hits > best_hits:
            best, best_hits = template, hits
    return best if rows and best_hits * 3 >= len(rows) else None


def _code_agrees(template: Template, matcher: IndicatorMatcher, row: TableRow) -> bool:
    item = template.find(row.form, row.code) if row.form and row.code else None
    if item is None or item.indicator is None:
        return False
    found = matcher.match(row.label, context=row.parent_label, min_score=60)
    return found is not None and found.indicator == item.indicator


def table_values(
    catalog: Catalog, matcher: IndicatorMatcher, rows: list[TableRow], unit_level: str | None
) -> list[TableValue]:
    """Every row with a value, matched to an indicator."""
    template = best_template(catalog, matcher, rows)
    found: list[TableValue] = []
    for row in rows:
        if not row.value:
            continue
        indicator, confidence = _indicator_of(template, matcher, row, unit_level)
        if indicator is None:
            continue
        number = _number(catalog, indicator, row.value)
        if number is not None:
            found.append(
                TableValue(
                    row,
                    indicator,
                    number[0],
                    number[1],
                    confidence,
                    template.id if template else None,
                )
            )
    return found


def _indicator_of(
    template: Template | None, matcher: IndicatorMatcher, row: TableRow, unit_level: str | None
) -> tuple[str | None, float]:
    by_words = matcher.match(row.label, context=row.parent_label, unit_level=unit_level)
    item = template.find(row.form, row.code) if template and row.form and row.code else None
    if item is not None and item.indicator:
        agrees = by_words is not None and by_words.indicator == item.indicator
        return item.indicator, 0.97 if agrees else 0.8
    if by_words is None:
        return None, 0.0
    return by_words.indicator, round(0.9 * by_words.score / 100, 2)


def _number(catalog: Catalog, indicator_id: str, text: str) -> tuple[float, int] | None:
    value = value_from_text(catalog.indicator(indicator_id), text)
    return None if value.num is None else (value.num, value.decimals or 0)
