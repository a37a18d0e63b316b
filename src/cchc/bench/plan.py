"""Value planning for the synthetic data set: what each level reports, and how each value is made.

:func:`indicator_set` picks the template and indicators of a level (borrowing a higher level's
template when the level has none, see :mod:`cchc.bench.synthetic`); :func:`compile_plan` turns
the catalog's relations among those indicators into :class:`Step`\\ s, ordered so that a value
comes after the values it depends on (its whole, its total, its ratio's parts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from graphlib import TopologicalSorter

from cchc.catalog import AtMostRelation, Catalog, Indicator, RatioRelation, SumRelation

# A level without a template of its own borrows from these levels' templates, keeping the items
# whose id ends in its suffix (a department's dossiers are provincial-level dossiers).
_FALLBACK = {
    "commune": ("district", "province"),
    "district": ("province",),
    "department": ("province",),
}
_SUFFIX = {"commune": ".commune", "district": ".district", "department": ".province"}
_LEVEL_WORDS = {"province", "department", "district", "commune"}

_Caps = dict[str, list[tuple[str, str | None]]]  # part → (whole, share group or None)


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
class Step:
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
class Plan:
    """The steps making one indicator set's values, in dependency order."""

    steps: list[Step]
    shares: dict[str, tuple[str, ...]]  # share group → share keys (their weights add up to 1)
    decimals: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.decimals = {step.key: step.decimals for step in self.steps}


@dataclass
class _Relations:
    """The catalog's relations among the chosen indicators, by what each constrains."""

    caps: _Caps
    split: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ratio: dict[str, tuple[str, str]] = field(default_factory=dict)
    shares: dict[str, tuple[str, ...]] = field(default_factory=dict)


def compile_plan(catalog: Catalog, ids: tuple[str, ...]) -> Plan:
    """The plan making the values of indicators ``ids`` obey the catalog's relations."""
    found = _relations(catalog, ids)
    for total, parts in found.split.items():
        found.shares[f"{total}="] = tuple(f"{total}={p}" for p in parts)
    parts_of = {p for parts in found.split.values() for p in parts}
    denominators = {den for _num, den in found.ratio.values()}
    order = _order(ids, found.caps, found.split, found.ratio)
    steps = [
        _step(
            catalog.indicators[i], found.caps[i], found.split, found.ratio, parts_of, denominators
        )
        for i in order
    ]
    return Plan(steps, found.shares)


def _relations(catalog: Catalog, ids: tuple[str, ...]) -> _Relations:
    found = _Relations(caps={i: [] for i in ids})
    for relation in catalog.relations_of(set(ids)):
        if isinstance(relation, AtMostRelation):
            found.caps[relation.part].append((relation.whole, None))
        elif isinstance(relation, RatioRelation):
            found.ratio[relation.result] = (relation.numerator, relation.denominator)
            found.caps[relation.numerator].append((relation.denominator, None))
        elif isinstance(relation, SumRelation) and relation.compare == "=":
            found.split[relation.result] = tuple(relation.parts)
        elif isinstance(relation, SumRelation):
            group = f"{relation.result}>="
            found.shares[group] = tuple(f"{group}{p}" for p in relation.parts)
            for part in relation.parts:
                found.caps[part].append((relation.result, group))
    return found


def _order(
    ids: tuple[str, ...],
    caps: _Caps,
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
) -> Step:
    key = indicator.id
    common = {"key": key, "behaviour": indicator.period, "split": split.get(key, ())}
    if indicator.options:
        return Step(kind="coded", decimals=0, options=tuple(indicator.options), **common)
    if indicator.type == "percent":
        kind = "ratio" if key in ratio else "percent"
        return Step(kind=kind, decimals=2, ratio=ratio.get(key), **common)
    return Step(
        kind="part" if key in parts_of else "quantity",
        decimals=0,
        caps=tuple(caps),
        denominator=key in denominators,
        scale=100.0 if indicator.type == "amount" else 1.0,
        **common,
    )
