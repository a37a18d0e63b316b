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
"""

from __future__ import annotations

import math
import random
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from graphlib import TopologicalSorter

from cchc.catalog import AtMostRelation, Catalog, Indicator, RatioRelation, SumRelation, Template
from cchc.units import Period, UnitRecord, parse_period_code
from cchc.validation import Finding, validate_report
from cchc.values import Value

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

# A level without a template of its own borrows from these levels' templates, keeping the items
# whose id ends in its suffix (a department's dossiers are provincial-level dossiers).
_FALLBACK = {
    "commune": ("district", "province"),
    "district": ("province",),
    "department": ("province",),
}
_SUFFIX = {"commune": ".commune", "district": ".district", "department": ".province"}
_LEVEL_WORDS = {"province", "department", "district", "commune"}

_FLOW_SHARE = {"Q1": 0.25, "H1": 0.5, "Q3": 0.25, "9M": 0.75, "Y": 1.0}
_PROGRESS = {"Q1": 0.25, "H1": 0.5, "Q3": 0.75, "9M": 0.75, "Y": 1.0}
_MAGNITUDE = {
    "province": (50, 50_000),
    "department": (20, 5_000),
    "district": (20, 10_000),
    "commune": (5, 1_000),
}


@dataclass(frozen=True)
class IndicatorSet:
    """What units of one level report on: the template they file on and its indicators."""

    level: str
    template: str
    indicators: tuple[str, ...]
    native: bool  # False: borrowed from a higher level's template (see the module docstring)


def indicator_set(catalog: Catalog, level: str, day: date) -> IndicatorSet | None:
    """The indicators units of ``level`` report on ``day`` (None: the level has no template)."""
    own = catalog.templates_for(level, day)
    if own:
        return IndicatorSet(level, own[0].id, _reported(catalog, own[0].indicator_ids()), True)
    for higher in _FALLBACK.get(level, ()):
        found = catalog.templates_for(higher, day)
        if found:
            chosen = [i for i in found[0].indicator_ids() if _belongs(catalog, i, level)]
            return IndicatorSet(level, found[0].id, _reported(catalog, chosen), False)
    return None


def _belongs(catalog: Catalog, indicator_id: str, level: str) -> bool:
    if indicator_id.endswith(_SUFFIX[level]):
        return True
    indicator = catalog.indicators[indicator_id]
    return indicator.type == "count" and indicator_id.rsplit(".", 1)[-1] not in _LEVEL_WORDS


def _reported(catalog: Catalog, ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if catalog.indicators[i].is_numeric)


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class _Step:
    """How one indicator's value is made, once the values it depends on are known."""

    key: str
    kind: str  # "coded", "percent", "ratio", "quantity", "part" (set by its total's split)
    behaviour: str
    decimals: int
    options: tuple[int, ...] = ()
    caps: tuple[tuple[str, str | None], ...] = ()  # (whole, share group or None)
    ratio: tuple[str, str] | None = None  # (numerator, denominator)
    split: tuple[str, ...] = ()  # parts that add up exactly to this value
    denominator: bool = False
    scale: float = 1.0


@dataclass
class _Plan:
    steps: list[_Step]
    shares: dict[str, tuple[str, ...]]  # share group → share keys (their weights add up to 1)
    decimals: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.decimals = {step.key: step.decimals for step in self.steps}


def _compile(catalog: Catalog, ids: tuple[str, ...]) -> _Plan:
    chosen = set(ids)
    relations = catalog.relations_of(chosen)
    caps: dict[str, list[tuple[str, str | None]]] = {i: [] for i in ids}
    split: dict[str, tuple[str, ...]] = {}
    ratio: dict[str, tuple[str, str]] = {}
    shares: dict[str, tuple[str, ...]] = {}
    for relation in relations:
        if isinstance(relation, AtMostRelation):
            caps[relation.part].append((relation.whole, None))
        elif isinstance(relation, RatioRelation):
            ratio[relation.result] = (relation.numerator, relation.denominator)
            caps[relation.numerator].append((relation.denominator, None))
        elif isinstance(relation, SumRelation) and relation.compare == "=":
            split[relation.result] = tuple(relation.parts)
        elif isinstance(relation, SumRelation):
            group = f"{relation.result}>="
            shares[group] = tuple(f"{group}{p}" for p in relation.parts)
            for part in relation.parts:
                caps[part].append((relation.result, group))
    for total, parts in split.items():
        shares[f"{total}="] = tuple(f"{total}={p}" for p in parts)
    parts_of = {p for parts in split.values() for p in parts}
    denominators = {den for _num, den in ratio.values()}
    order = _order(ids, caps, split, ratio)
    steps = [
        _step(catalog.indicators[i], caps[i], split, ratio, parts_of, denominators) for i in order
    ]
    return _Plan(steps, shares)


def _order(
    ids: tuple[str, ...],
    caps: dict[str, list[tuple[str, str | None]]],
    split: dict[str, tuple[str, ...]],
    ratio: dict[str, tuple[str, str]],
) -> list[str]:
    graph: dict[str, set[str]] = {i: {whole for whole, _ in caps[i]} for i in ids}
    for total, parts in split.items():
        for part in parts:
            graph[part].add(total)
    for result, pair in ratio.items():
        graph[result].update(pair)
    position = {i: n for n, i in enumerate(ids)}
    sorter = TopologicalSorter(graph)
    sorter.prepare()
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        order += ready
        sorter.done(*ready)
    return order


def _step(
    indicator: Indicator,
    caps: list[tuple[str, str | None]],
    split: dict[str, tuple[str, ...]],
    ratio: dict[str, tuple[str, str]],
    parts_of: set[str],
    denominators: set[str],
) -> _Step:
    key = indicator.id
    common = {"key": key, "behaviour": indicator.period, "split": split.get(key, ())}
    if indicator.options:
        return _Step(kind="coded", decimals=0, options=tuple(indicator.options), **common)
    if indicator.type == "percent":
        kind = "ratio" if key in ratio else "percent"
        return _Step(kind=kind, decimals=2, ratio=ratio.get(key), **common)
    return _Step(
        kind="part" if key in parts_of else "quantity",
        decimals=0,
        caps=tuple(caps),
        denominator=key in denominators,
        scale=100.0 if indicator.type == "amount" else 1.0,
        **common,
    )


# --------------------------------------------------------------------------- one unit's values


class _UnitValues:
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

    def _share(self, plan: _Plan, group: str, key: str) -> float:
        if key not in self.traits:
            weights = [self.rng.uniform(0.5, 1.5) for _ in plan.shares[group]]
            total = sum(weights)
            for share_key, weight in zip(plan.shares[group], weights, strict=True):
                self.traits[share_key] = weight / total
        return self.traits[key]

    def report(self, plan: _Plan, period: Period) -> dict[str, float]:
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
        plan: _Plan,
        step: _Step,
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
        self, plan: _Plan, step: _Step, values: dict[str, float], period: Period, factor: float
    ) -> float:
        if not step.caps:
            base = self._trait(step.key, self._magnitude) * step.scale
            if step.behaviour == "flow":
                base *= _FLOW_SHARE[period.kind] * factor
            elif step.behaviour == "cumulative":
                base *= _PROGRESS[period.kind] * self.year_factor[period.year]
            else:
                base *= self.year_factor[period.year]
            return float(max(1, round(base)))
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

    def _magnitude(self) -> float:
        return math.exp(self.rng.uniform(math.log(self.low), math.log(self.high)))

    def _percent(self, step: _Step, period: Period, noise: float) -> float:
        base = self._trait(step.key, lambda: self.rng.uniform(40.0, 100.0))
        if step.behaviour == "cumulative":
            base *= _PROGRESS[period.kind]
        elif step.behaviour == "flow":
            base *= noise
        return round(min(100.0, base), 2)

    def _coded(self, step: _Step, period: Period) -> float:
        if step.behaviour == "flow":
            return float(self.rng.choice(step.options))
        slot = (period.year, step.key)
        if slot not in self.year_traits:
            self.year_traits[slot] = float(self.rng.choice(step.options))
        return self.year_traits[slot]

    def _split(self, plan: _Plan, step: _Step, total: float, values: dict[str, float]) -> None:
        group = f"{step.key}="
        given = 0.0
        for part in step.split[:-1]:
            values[part] = float(math.floor(total * self._share(plan, group, group + part)))
            given += values[part]
        values[step.split[-1]] = total - given


def _ratio(step: _Step, values: dict[str, float]) -> float | None:
    assert step.ratio is not None
    numerator, denominator = (values.get(i) for i in step.ratio)
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator * 100, 2)


# --------------------------------------------------------------------------- the data set


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

    def _add(
        self, spec: ReportSpec, values: dict[str, float], plan: _Plan, positions: dict[str, int]
    ) -> None:
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
    plans: dict[tuple[str, ...], _Plan] = {}
    positions: dict[str, int] = {}
    for done, unit in enumerate(units, start=1):
        rng = random.Random(f"{seed}/{unit.key}")
        values = _UnitValues(rng, unit.level)
        for period in periods:
            chosen = sets.get((unit.level, period.code))
            if chosen is None:
                continue
            plan = plans.get(chosen.indicators)
            if plan is None:
                plan = plans[chosen.indicators] = _compile(catalog, chosen.indicators)
            spec = _spec(rng, unit, period, chosen.template)
            data._add(spec, values.report(plan, period), plan, positions)
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


# --------------------------------------------------------------------------- validation


@dataclass
class ValidationSummary:
    """What validating every generated report found."""

    reports: int = 0
    values: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # severity → count
    rules: Counter[str] = field(default_factory=Counter)  # "severity:rule" → count
    examples: list[str] = field(default_factory=list)  # the first errors, in English

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return self.findings["error"]

    def to_json(self) -> dict:
        """The JSON shape used in the benchmark output."""
        return {
            "reports": self.reports,
            "values": self.values,
            "errors": self.findings["error"],
            "warnings": self.findings["warning"],
            "infos": self.findings["info"],
            "rules": dict(sorted(self.rules.items())),
            "examples": self.examples,
        }


def validate_one(catalog: Catalog, data: SyntheticData, i: int) -> list[Finding]:
    """Validate report ``i`` as the application would: with its template (when native), the
    previous period of the same year and the same period of last year."""
    spec = data.reports[i]
    chosen = data.sets[(spec.level, spec.period.code)]
    template: Template | None = catalog.templates[chosen.template] if chosen.native else None
    previous_period = spec.period.previous()
    previous = data.report_index(spec.unit_key, previous_period.code)
    last_year = data.report_index(spec.unit_key, spec.period.same_period_last_year().code)
    return validate_report(
        catalog,
        data.values_of(i),
        template=template,
        previous=data.values_of(previous) if previous is not None else None,
        same_period_last_year=data.values_of(last_year) if last_year is not None else None,
        previous_same_year=previous_period.year == spec.period.year,
    )


def validate_all(
    catalog: Catalog, data: SyntheticData, on_report: Callable[[int], None] | None = None
) -> ValidationSummary:
    """Validate every generated report; ``on_report(n)`` reports progress."""
    summary = ValidationSummary()
    for i in range(len(data.reports)):
        findings = validate_one(catalog, data, i)
        summary.reports += 1
        summary.values += data.offsets[i + 1] - data.offsets[i]
        for finding in findings:
            summary.findings[finding.severity] += 1
            summary.rules[f"{finding.severity}:{finding.rule}"] += 1
            if finding.severity == "error" and len(summary.examples) < 10:
                spec = data.reports[i]
                summary.examples.append(f"{spec.unit_key} {spec.period.code}: {finding.message_en}")
        if on_report and (i + 1) % 1000 == 0:
            on_report(1000)
    if on_report:
        on_report(len(data.reports) % 1000)
    return summary
