"""Checks of one report's values against the catalog: types, ranges, options, relations."""

from __future__ import annotations

import math

from cchc.catalog import AtMostRelation, Indicator, RatioRelation, Relation, SumRelation
from cchc.validation.findings import Finding, Labeller, vn
from cchc.values import Value

_EPSILON = 1e-9


def check_value(indicator: Indicator, value: Value, label: Labeller) -> list[Finding]:
    """Type, integer, option and range checks of one value."""
    where = label.full(indicator.id)
    if indicator.type == "text":
        return []
    if value.num is None:
        return [
            _finding(
                "type",
                "error",
                indicator,
                value,
                f"{where}: «{value.text}» không phải là số.",
                f"{indicator.id}: {value.text!r} is not a number",
            )
        ]
    if indicator.type == "count" and not float(value.num).is_integer():
        return [
            _finding(
                "integer",
                "error",
                indicator,
                value,
                f"{where}: phải là số nguyên, nhưng ghi {vn(value.num)}.",
                f"{indicator.id}: a count must be a whole number",
            )
        ]
    if indicator.options is not None and int(value.num) not in indicator.options:
        allowed = "; ".join(f"{label_} = {code}" for code, label_ in indicator.options.items())
        return [
            _finding(
                "option",
                "error",
                indicator,
                value,
                f"{where}: giá trị {vn(value.num)} không thuộc các mã cho phép ({allowed}).",
                f"{indicator.id}: {value.num} is not one of the coded options",
            )
        ]
    return _check_range(indicator, value, where)


def _check_range(indicator: Indicator, value: Value, where: str) -> list[Finding]:
    low, high = indicator.bounds
    assert value.num is not None
    if low is not None and value.num < low - _EPSILON:
        return [
            _finding(
                "range",
                "error",
                indicator,
                value,
                f"{where}: giá trị {vn(value.num)} nhỏ hơn mức tối thiểu {vn(low)}.",
                f"{indicator.id}: {value.num} is below {low}",
            )
        ]
    if high is not None and value.num > high + _EPSILON:
        return [
            _finding(
                "range",
                "error",
                indicator,
                value,
                f"{where}: giá trị {vn(value.num)} vượt quá mức tối đa {vn(high)}.",
                f"{indicator.id}: {value.num} is above {high}",
            )
        ]
    return []


def _finding(
    rule: str, severity: str, indicator: Indicator, value: Value, vi: str, en: str
) -> Finding:
    return Finding(rule, severity, vi, en, [indicator.id], [value.num])  # type: ignore[arg-type]


def check_relation(relation: Relation, values: dict[str, Value], label: Labeller) -> list[Finding]:
    """Check one declared relation where all its values are present and numeric."""
    present = {i: values[i].num for i in relation.indicators if i in values}
    if isinstance(relation, RatioRelation):
        return _check_ratio(relation, values, label)
    if any(present.get(i) is None for i in relation.indicators):
        return []
    if isinstance(relation, SumRelation):
        return _check_sum(relation, values, label)
    return _check_at_most(relation, values, label)


def _check_sum(relation: SumRelation, values: dict[str, Value], label: Labeller) -> list[Finding]:
    total = values[relation.result]
    parts = [values[p] for p in relation.parts]
    sum_parts = math.fsum(p.num for p in parts)  # type: ignore[misc]
    tolerance = sum(_half_unit(v) for v in [total, *parts]) if _has_decimals(total, *parts) else 0
    difference = total.num - sum_parts  # type: ignore[operator]
    if relation.compare == "=" and abs(difference) <= tolerance + _EPSILON:
        return []
    if relation.compare == ">=" and difference >= -tolerance - _EPSILON:
        return []
    terms = " + ".join(vn(p.num) for p in parts)
    ids = [relation.result, *relation.parts]
    nums = [total.num, *(p.num for p in parts), sum_parts]
    codes = label.codes(relation.parts)
    if relation.compare == "=":
        vi = (
            f"{label.full(relation.result)} ghi {vn(total.num)}, nhưng tổng các mục thành phần "
            f"{codes} = {terms} = {vn(sum_parts)} (chênh {vn(difference)})."
        )
        en = f"{relation.result} = {total.num} but its parts add up to {sum_parts}"
    else:
        vi = (
            f"{label.full(relation.result)} ghi {vn(total.num)}, nhỏ hơn tổng các mục "
            f"{codes} = {terms} = {vn(sum_parts)}."
        )
        en = f"{relation.result} = {total.num} is less than its parts' sum {sum_parts}"
    return [Finding("sum", "error", vi, en, ids, nums)]


def _check_at_most(
    relation: AtMostRelation, values: dict[str, Value], label: Labeller
) -> list[Finding]:
    part, whole = values[relation.part], values[relation.whole]
    if part.num <= whole.num + _EPSILON:  # type: ignore[operator]
        return []
    vi = (
        f"{label.full(relation.part)} = {vn(part.num)} lớn hơn "
        f"{label.full(relation.whole)} = {vn(whole.num)}."
    )
    en = f"{relation.part} = {part.num} exceeds {relation.whole} = {whole.num}"
    return [
        Finding("at_most", "error", vi, en, [relation.part, relation.whole], [part.num, whole.num])
    ]


def _check_ratio(
    relation: RatioRelation, values: dict[str, Value], label: Labeller
) -> list[Finding]:
    printed = values.get(relation.result)
    numerator, denominator = values.get(relation.numerator), values.get(relation.denominator)
    if not (printed and numerator and denominator):
        return []
    if None in (printed.num, numerator.num, denominator.num) or denominator.num == 0:
        return []
    computed = numerator.num / denominator.num * 100  # type: ignore[operator]
    decimals = printed.decimals if printed.decimals is not None else 2
    if ratio_matches(printed.num, computed, decimals):  # type: ignore[arg-type]
        return []
    vi = (
        f"{label.full(relation.result)} ghi {vn(printed.num)}%, nhưng "
        f"{label.codes([relation.numerator])} / {label.codes([relation.denominator])} = "
        f"{vn(numerator.num)} / {vn(denominator.num)} = {vn(computed)}%."
    )
    en = f"{relation.result} printed {printed.num}% but the parts give {computed:.4f}%"
    ids = [relation.result, relation.numerator, relation.denominator]
    nums = [printed.num, numerator.num, denominator.num, round(computed, 4)]
    return [Finding("ratio", "error", vi, en, ids, nums)]


def ratio_matches(printed: float, computed: float, decimals: int) -> bool:
    """True when ``printed`` is ``computed`` rounded (or truncated) to ``decimals`` places."""
    half_unit = 0.5 * 10**-decimals
    if abs(printed - computed) <= half_unit + _EPSILON:
        return True
    return abs(printed - math.floor(computed * 10**decimals + _EPSILON) / 10**decimals) < _EPSILON


def _half_unit(value: Value) -> float:
    return 0.5 * 10 ** -(value.decimals or 0)


def _has_decimals(*values: Value) -> bool:
    return any((v.decimals or 0) > 0 for v in values)
