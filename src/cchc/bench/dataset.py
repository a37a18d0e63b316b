"""The synthetic data set's container: reports and their values, column by column.

Columns (Python arrays) rather than objects keep the national data set (millions of values)
small; :mod:`cchc.bench.load` bulk-loads them, :mod:`cchc.bench.validate` reads them back.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import datetime

from cchc.bench.plan import IndicatorSet, Plan
from cchc.units import Period, UnitRecord
from cchc.values import Value


@dataclass(frozen=True)
class ReportSpec:
    """One generated report (the values live in :class:`SyntheticData`'s columns)."""

    unit_key: str
    level: str
    period: Period
    template: str
    submitted_at: datetime
    decided_at: datetime


@dataclass
class SyntheticData:
    """Reports and their values, column by column (values of report ``i`` are the slice
    ``offsets[i]:offsets[i + 1]``)."""

    seed: int
    periods: list[Period]
    units: list[UnitRecord]
    sets: dict[tuple[str, str], IndicatorSet]  # (level, period code) → what is reported
    indicator_keys: list[str] = field(default_factory=list)
    reports: list[ReportSpec] = field(default_factory=list)
    offsets: array = field(default_factory=lambda: array("q", [0]))
    indicators: array = field(default_factory=lambda: array("H"))
    nums: array = field(default_factory=lambda: array("d"))
    decimals: array = field(default_factory=lambda: array("b"))
    _index: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    @property
    def rows(self) -> int:
        """Number of values (rows of report_values)."""
        return len(self.nums)

    def report_index(self, unit_key: str, period_code: str) -> int | None:
        """Position of a unit's report for a period, if generated."""
        return self._index.get((unit_key, period_code))

    def values_of(self, i: int) -> dict[str, Value]:
        """Report ``i``'s values as validation reads them."""
        keys, nums, decimals = self.indicator_keys, self.nums, self.decimals
        return {
            keys[self.indicators[j]]: Value(keys[self.indicators[j]], nums[j], decimals[j], None)
            for j in range(self.offsets[i], self.offsets[i + 1])
        }

    def numbers_of(self, i: int) -> dict[str, float]:
        """Report ``i``'s values as plain numbers."""
        keys = self.indicator_keys
        return {
            keys[self.indicators[j]]: self.nums[j]
            for j in range(self.offsets[i], self.offsets[i + 1])
        }

    def add(
        self, spec: ReportSpec, values: dict[str, float], plan: Plan, positions: dict[str, int]
    ) -> None:
        """Append a report and its values (``positions``: indicator key → column code)."""
        self._index[(spec.unit_key, spec.period.code)] = len(self.reports)
        self.reports.append(spec)
        for key, number in values.items():
            position = positions.get(key)
            if position is None:
                position = positions[key] = len(self.indicator_keys)
                self.indicator_keys.append(key)
            self.indicators.append(position)
            self.nums.append(number)
            self.decimals.append(plan.decimals[key])
        self.offsets.append(len(self.nums))
