"""A deterministic synthetic data set over the pre-2025 unit tree, for benchmarks.

Every province, department, district and commune gets one approved report per period, sent
before its deadline, with a value for every indicator its template asks for. The values obey
the catalog: parts add up to their totals, a part never exceeds its whole, ratios are computed
from their parts and rounded to 2 decimals, coded answers come from their options, percentages
without parts lie in 0–100, cumulative (lũy kế) values never fall within a year, and stocks stay
put within a year — so that validating the generated data finds no errors.

Each level takes the template that ``catalog.templates_for(level, day)`` names. A level without
one of its own (communes until their template exists) files its reports on the nearest higher
level's template, restricted to that level's items (ids ending in ``.commune``…) and the plain
counts; :attr:`IndicatorSet.native` says which happened.

This module chooses the units and periods and drives the generation; the parts live in
:mod:`cchc.bench.plan` (what is reported, how each value is made), :mod:`cchc.bench.unit_values`
(one unit's values), :mod:`cchc.bench.dataset` (the columns) and :mod:`cchc.bench.validate`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta

from cchc.bench.dataset import ReportSpec, SyntheticData
from cchc.bench.plan import IndicatorSet, Plan, compile_plan, indicator_set
from cchc.bench.unit_values import UnitValues
from cchc.bench.validate import ValidationSummary, validate_all, validate_one
from cchc.catalog import Catalog
from cchc.units import Period, UnitRecord, parse_period_code

__all__ = [
    "DEFAULT_SEED",
    "NATIONAL_PERIODS",
    "REPORTING_LEVELS",
    "SMALL_PERIODS",
    "SMALL_PROVINCES",
    "STATUS",
    "IndicatorSet",
    "ReportSpec",
    "SyntheticData",
    "ValidationSummary",
    "generate",
    "indicator_set",
    "reporting_units",
    "validate_all",
    "validate_one",
]

NATIONAL_PERIODS = (
    "2022-Q1",
    "2022-H1",
    "2022-Q3",
    "2022-Y",
    "2023-Q1",
    "2023-H1",
    "2023-Q3",
    "2023-Y",
)
SMALL_PERIODS = ("2023-Q1", "2023-H1")
SMALL_PROVINCES = ("p24", "p48", "p58")  # Bắc Giang (the sample), Đà Nẵng, Ninh Thuận
REPORTING_LEVELS = ("province", "department", "district", "commune")
STATUS = "approved"
DEFAULT_SEED = 581


def reporting_units(
    records: Iterable[UnitRecord], periods: list[Period], provinces: Iterable[str] | None = None
) -> list[UnitRecord]:
    """Units of the reporting levels that exist through all ``periods`` (under ``provinces``
    only, when given), parents before children."""
    records = list(records)
    first, last = min(p.end for p in periods), max(p.end for p in periods)
    wanted = set(provinces) if provinces is not None else None
    parent = {r.key: r.parent_key for r in records}
    chosen = []
    for record in records:
        if record.level not in REPORTING_LEVELS:
            continue
        if (record.valid_from and record.valid_from > first) or (
            record.valid_to and record.valid_to < last
        ):
            continue
        if wanted is None or _province_of(record.key, parent) in wanted:
            chosen.append(record)
    return chosen


def _province_of(key: str, parent: dict[str, str | None]) -> str | None:
    while key is not None and not (key.startswith("p") and parent.get(key) == "vn"):
        key = parent.get(key)  # type: ignore[assignment]
    return key


def generate(
    catalog: Catalog,
    records: Iterable[UnitRecord],
    period_codes: Iterable[str] = NATIONAL_PERIODS,
    *,
    provinces: Iterable[str] | None = None,
    seed: int = DEFAULT_SEED,
    on_unit: Callable[[int], None] | None = None,
) -> SyntheticData:
    """Generate every report of every reporting unit (under ``provinces`` when given) for the
    periods; the same seed gives the same data. ``on_unit(n)`` reports progress."""
    periods = sorted((parse_period_code(c) for c in period_codes), key=lambda p: (p.end, p.start))
    units = reporting_units(records, periods, provinces)
    sets = _sets(catalog, periods)
    data = SyntheticData(seed, periods, units, sets)
    plans: dict[tuple[str, ...], Plan] = {}
    positions: dict[str, int] = {}
    for done, unit in enumerate(units, start=1):
        rng = random.Random(f"{seed}/{unit.key}")
        values = UnitValues(rng, unit.level)
        for period in periods:
            chosen = sets.get((unit.level, period.code))
            if chosen is None:
                continue
            plan = plans.get(chosen.indicators)
            if plan is None:
                plan = plans[chosen.indicators] = compile_plan(catalog, chosen.indicators)
            spec = _spec(rng, unit, period, chosen.template)
            data.add(spec, values.report(plan, period), plan, positions)
        if on_unit and (done % 100 == 0 or done == len(units)):
            on_unit(100 if done % 100 == 0 else done % 100)
    return data


def _sets(catalog: Catalog, periods: list[Period]) -> dict[tuple[str, str], IndicatorSet]:
    sets = {}
    for level in REPORTING_LEVELS:
        for period in periods:
            found = indicator_set(catalog, level, period.end)
            if found is not None:
                sets[(level, period.code)] = found
    return sets


def _spec(rng: random.Random, unit: UnitRecord, period: Period, template: str) -> ReportSpec:
    day = period.deadline_for(unit.level) - timedelta(days=rng.randint(0, 6))
    submitted = datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)))
    decided = submitted + timedelta(hours=rng.randint(1, 72))
    return ReportSpec(unit.key, unit.level, period, template, submitted, decided)
