"""Checks of a report against earlier periods of the same unit (kiểm tra giữa các kỳ)."""

from __future__ import annotations

from cchc.catalog import Catalog
from cchc.validation.findings import Finding, Labeller, vn
from cchc.values import Value

JUMP_RATIO = 2.0  # a value more than doubling or halving is worth a look
JUMP_MIN_DIFFERENCE = 10.0  # …unless the numbers are small


def check_cumulative(
    catalog: Catalog, current: dict[str, Value], previous: dict[str, Value], label: Labeller
) -> list[Finding]:
    """Cumulative (lũy kế) values must not fall from an earlier period of the same year."""
    findings = []
    for indicator_id, value in current.items():
        before = previous.get(indicator_id)
        indicator = catalog.indicators.get(indicator_id)
        if not indicator or indicator.period != "cumulative" or not _both(value, before):
            continue
        if indicator.type == "percent" and catalog.composition(indicator_id):
            continue  # a rate of cumulative parts may fall when the plan grows
        if value.num < before.num:  # type: ignore[operator,union-attr]
            findings.append(
                Finding(
                    "cumulative_decrease",
                    "error",
                    f"{label.full(indicator_id)} là số lũy kế nhưng giảm từ {vn(before.num)} "
                    f"(kỳ trước) xuống {vn(value.num)}.",
                    f"{indicator_id} is cumulative but fell from {before.num} to {value.num}",
                    [indicator_id],
                    [before.num, value.num],
                )
            )
    return findings


def check_jumps(
    catalog: Catalog,
    current: dict[str, Value],
    earlier: dict[str, Value],
    label: Labeller,
    earlier_name: str,
) -> list[Finding]:
    """Warn where a value more than doubles or halves against a comparable earlier report."""
    findings = []
    for indicator_id, value in current.items():
        before = earlier.get(indicator_id)
        indicator = catalog.indicators.get(indicator_id)
        if (
            not indicator
            or not indicator.is_numeric
            or indicator.options
            or not _both(value, before)
        ):
            continue
        if _is_jump(before.num, value.num):  # type: ignore[arg-type,union-attr]
            findings.append(
                Finding(
                    "jump",
                    "warning",
                    f"{label.full(indicator_id)} thay đổi lớn: {vn(value.num)} so với "
                    f"{vn(before.num)} của {earlier_name}. Đề nghị kiểm tra lại.",
                    f"{indicator_id} changed from {before.num} to {value.num} ({earlier_name})",
                    [indicator_id],
                    [before.num, value.num],
                )
            )
    return findings


def _is_jump(before: float, now: float) -> bool:
    if abs(now - before) < JUMP_MIN_DIFFERENCE:
        return False
    low, high = sorted((abs(before), abs(now)))
    return low == 0 or high / low > JUMP_RATIO


def _both(value: Value | None, before: Value | None) -> bool:
    return bool(value and before and value.num is not None and before.num is not None)
