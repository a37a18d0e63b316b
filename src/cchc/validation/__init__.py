"""Validation (kiểm tra số liệu): catalog checks and cross-period checks with clear messages.

Public surface: :func:`validate_report`, :class:`Finding`, :func:`read_values_csv`.
"""

from __future__ import annotations

from cchc.catalog import Catalog, Template
from cchc.validation.findings import SEVERITY_LABELS, Finding, Labeller
from cchc.validation.periods import check_cumulative, check_jumps
from cchc.validation.rules import check_relation, check_value, ratio_matches
from cchc.values import Value

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# What no report can hold: refused when entered or imported, not only flagged.
_ENTRY_RULES = frozenset({"integer", "option", "range"})


def implausible_values(
    catalog: Catalog, values: list[Value], template: Template | None = None
) -> list[Finding]:
    """The findings that make a value impossible (a fractional or negative count, a
    percentage over 100, a code that is no option) — every surface refuses to store such a
    value. Unreadable text is not among them: it is kept, and flagged by validation."""
    label = Labeller(catalog, template)
    return [
        finding
        for value in values
        if value.num is not None
        for finding in check_value(catalog.indicator(value.indicator), value, label)
        if finding.rule in _ENTRY_RULES
    ]


def validate_report(
    catalog: Catalog,
    values: dict[str, Value],
    *,
    template: Template | None = None,
    previous: dict[str, Value] | None = None,
    same_period_last_year: dict[str, Value] | None = None,
    previous_same_year: bool = True,
) -> list[Finding]:
    """Every finding on one report's values, errors first.

    ``previous`` is the unit's report for the period just before (cumulative values may not
    fall within a year: pass ``previous_same_year=False`` across a year boundary);
    ``same_period_last_year`` is compared for large jumps.
    """
    label = Labeller(catalog, template)
    findings: list[Finding] = []
    for indicator_id, value in values.items():
        findings += check_value(catalog.indicator(indicator_id), value, label)
    for relation in catalog.relations_of(set(values)):
        findings += check_relation(relation, values, label)
    if template is not None:
        findings += _missing_required(template, values, label)
    if previous and previous_same_year:
        findings += check_cumulative(catalog, values, previous, label)
    if same_period_last_year:
        findings += check_jumps(catalog, values, same_period_last_year, label, "cùng kỳ năm trước")
    return sorted(findings, key=lambda f: _SEVERITY_ORDER[f.severity])


def _missing_required(
    template: Template, values: dict[str, Value], label: Labeller
) -> list[Finding]:
    return [
        Finding(
            "required",
            "warning",
            f"Chưa có số liệu cho {label.full(item.indicator)} (mục bắt buộc).",
            f"required item {item.indicator} is missing",
            [item.indicator],
            [],
        )
        for _, item in template.items()
        if item.required and item.indicator and item.indicator not in values
    ]


__all__ = ["SEVERITY_LABELS", "Finding", "Labeller", "ratio_matches", "validate_report"]
