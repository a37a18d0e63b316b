"""Value generation for the synthetic data set: one unit's values, period by period.

A unit keeps stable traits (its size, the shares of its parts, its habits) drawn once from its
own random stream, so its values stay coherent across periods: flows scale with the period's
length, cumulative values grow through the year, stocks stay put within a year.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from cchc.bench.plan import Plan, Step
from cchc.units import Period

_FLOW_SHARE = {"Q1": 0.25, "H1": 0.5, "Q3": 0.25, "9M": 0.75, "Y": 1.0}
_PROGRESS = {"Q1": 0.25, "H1": 0.5, "Q3": 0.75, "9M": 0.75, "Y": 1.0}
_MAGNITUDE = {
    "province": (50, 50_000),
    "department": (20, 5_000),
    "district": (20, 10_000),
    "commune": (5, 1_000),
}


class UnitValues:
    """The stable traits of one unit (sizes, shares, habits) and its values period by period."""

    def __init__(self, rng: random.Random, level: str) -> None:
        self.rng = rng
        self.low, self.high = _MAGNITUDE[level]
        self.traits: dict[str, float] = {}
        self.year_traits: dict[tuple[int, str], float] = {}
        self.year_factor: dict[int, float] = {}

    def _trait(self, key: str, make: Callable[[], float]) -> float:
        value = self.traits.get(key)
        if value is None:
            value = self.traits[key] = make()
        return value

    def _share(self, plan: Plan, group: str, key: str) -> float:
        if key not in self.traits:
            weights = [self.rng.uniform(0.5, 1.5) for _ in plan.shares[group]]
            total = sum(weights)
            for share_key, weight in zip(plan.shares[group], weights, strict=True):
                self.traits[share_key] = weight / total
        return self.traits[key]

    def report(self, plan: Plan, period: Period) -> dict[str, float]:
        """Values of every step of ``plan`` for ``period`` (ratios over a zero are left out)."""
        values: dict[str, float] = {}
        year = self.year_factor.get(period.year)
        if year is None:
            year = self.year_factor[period.year] = self.rng.uniform(0.9, 1.1)
        noise = self.rng.uniform(0.95, 1.05)
        for step in plan.steps:
            number = self._value(plan, step, values, period, year * noise, noise)
            if number is None:
                continue
            values[step.key] = number
            if step.split:
                self._split(plan, step, number, values)
        return values

    def _value(
        self,
        plan: Plan,
        step: Step,
        values: dict[str, float],
        period: Period,
        factor: float,
        noise: float,
    ) -> float | None:
        if step.kind == "part":
            return values[step.key]
        if step.kind == "quantity":
            return self._quantity(plan, step, values, period, factor)
        if step.kind == "ratio":
            return _ratio(step, values)
        if step.kind == "percent":
            return self._percent(step, period, noise)
        return self._coded(step, period)

    def _quantity(
        self, plan: Plan, step: Step, values: dict[str, float], period: Period, factor: float
    ) -> float:
        if not step.caps:
            return self._free_quantity(step, period, factor)
        cap = min(
            values[whole] * (self._share(plan, group, group + step.key) if group else 1.0)
            for whole, group in step.caps
        )
        fraction = self._trait(step.key, lambda: self.rng.uniform(0.7, 1.0))
        if step.behaviour == "cumulative":
            fraction *= _PROGRESS[period.kind]
        number = math.floor(cap * fraction)
        if step.denominator and number < 1 <= cap:
            number = 1
        return float(number)

    def _free_quantity(self, step: Step, period: Period, factor: float) -> float:
        """A quantity bounded by no other value: the unit's size, by the step's behaviour."""
        base = self._trait(step.key, self._magnitude) * step.scale
        if step.behaviour == "flow":
            base *= _FLOW_SHARE[period.kind] * factor
        elif step.behaviour == "cumulative":
            base *= _PROGRESS[period.kind] * self.year_factor[period.year]
        else:
            base *= self.year_factor[period.year]
        return float(max(1, round(base)))

    def _magnitude(self) -> float:
        return math.exp(self.rng.uniform(math.log(self.low), math.log(self.high)))

    def _percent(self, step: Step, period: Period, noise: float) -> float:
        base = self._trait(step.key, lambda: self.rng.uniform(40.0, 100.0))
        if step.behaviour == "cumulative":
            base *= _PROGRESS[period.kind]
        elif step.behaviour == "flow":
            base *= noise
        return round(min(100.0, base), 2)

    def _coded(self, step: Step, period: Period) -> float:
        if step.behaviour == "flow":
            return float(self.rng.choice(step.options))
        slot = (period.year, step.key)
        if slot not in self.year_traits:
            self.year_traits[slot] = float(self.rng.choice(step.options))
        return self.year_traits[slot]

    def _split(self, plan: Plan, step: Step, total: float, values: dict[str, float]) -> None:
        group = f"{step.key}="
        given = 0.0
        for part in step.split[:-1]:
            values[part] = float(math.floor(total * self._share(plan, group, group + part)))
            given += values[part]
        values[step.split[-1]] = total - given


def _ratio(step: Step, values: dict[str, float]) -> float | None:
    assert step.ratio is not None
    numerator, denominator = (values.get(i) for i in step.ratio)
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator * 100, 2)
