"""The unit's form template laid out as the printed annex forms: STT, chỉ tiêu, đơn vị tính,
số liệu, ghi chú — ratios computed from their parts where the parts exist."""

from __future__ import annotations

from collections import Counter

from cchc.catalog import Catalog, Template, TemplateItem
from cchc.render.model import FormRow, FormTable, RowStyle
from cchc.render.texts import figure_in_table, fill, outline, unit_label
from cchc.values import Value


def form_tables(
    catalog: Catalog,
    template: Template,
    values: dict[str, float],
    own: dict[str, Value],
    distributions: dict[str, Counter[int]],
) -> list[FormTable]:
    """Every form of ``template`` with the effective values."""
    return [
        FormTable(
            form.number,
            form.title,
            tuple(_row(catalog, item, values, own, distributions) for item in form.items),
        )
        for form in template.forms
    ]


def _row(
    catalog: Catalog,
    item: TemplateItem,
    values: dict[str, float],
    own: dict[str, Value],
    distributions: dict[str, Counter[int]],
) -> FormRow:
    code = print_code(item.code)
    if item.indicator is None:
        return FormRow(code, item.label or "", "", None, "", "", "heading")
    indicator = catalog.indicator(item.indicator)
    ratio = _ratio_parts(catalog, item.indicator, values)
    value = values.get(item.indicator)
    stated = own.get(item.indicator)
    decimals = None if ratio or stated is None else stated.decimals
    return FormRow(
        code=code,
        label=indicator.name,
        unit=unit_label(indicator),
        value=value,
        shown="" if value is None else figure_in_table(indicator, value, decimals),
        note=_distribution_note(catalog, item.indicator, distributions),
        style=_style(item.code),
        indicator=item.indicator,
        decimals=_cell_decimals(indicator.type, value, decimals),
        ratio_of=ratio,
    )


def _cell_decimals(value_type: str, value: float | None, stated: int | None) -> int:
    """Decimals a spreadsheet cell shows: 2 for rates, else as stated (or as needed)."""
    if value_type == "percent":
        return 2
    if stated is not None:
        return stated
    return 0 if value is None or float(value).is_integer() else 2


def print_code(code: str) -> str:
    """ "1" → "1." as the forms print a top-level item; deeper codes as they are."""
    return f"{code}." if code.isdigit() else code


def _style(code: str) -> RowStyle:
    depth = code.count(".")
    return "top" if depth == 0 else "item" if depth == 1 else "detail"


def _ratio_parts(
    catalog: Catalog, indicator_id: str, values: dict[str, float]
) -> tuple[str, str] | None:
    """(numerator, denominator) when the value is a ratio computed from parts at hand."""
    relation = catalog.composition(indicator_id)
    if relation is None or relation.kind != "ratio":
        return None
    if relation.numerator in values and values.get(relation.denominator):
        return relation.numerator, relation.denominator
    return None


def _distribution_note(
    catalog: Catalog, indicator_id: str, distributions: dict[str, Counter[int]]
) -> str:
    """ "Có: 5 đơn vị; Không: 2 đơn vị" for a coded answer rolled up from several units."""
    counts = distributions.get(indicator_id)
    if not counts or sum(counts.values()) < 2:
        return ""
    options = catalog.indicator(indicator_id).options or {}
    template = outline()["annex"]["distribution_note"]
    return "; ".join(
        fill(template, label=options.get(code, str(code)), count=count)
        for code, count in sorted(counts.items())
    )
