"""Combining figures of several units into their parent's, by each indicator's semantics.

Counts add; ratios and totals are recomputed from their aggregated parts (never averaged);
coded answers become a distribution; level-specific items ("none") are never summed up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cchc.catalog import Catalog, RatioRelation, SumRelation

_ADDITIVE = {"sum", "recompute"}


@dataclass
class Figures:
    """A unit's effective figures: values, code distributions, and how many reporting units
    each value rests on."""

    values: dict[str, float] = field(default_factory=dict)
    distributions: dict[str, Counter[int]] = field(default_factory=dict)
    reporters: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of_report(cls, catalog: Catalog, values: dict[str, float]) -> Figures:
        """Figures of one unit's own report (each value rests on one reporter)."""
        figures = cls(values=dict(values), reporters=dict.fromkeys(values, 1))
        for indicator_id, number in values.items():
            if catalog.indicators[indicator_id].aggregate_rule == "distribution":
                figures.distributions[indicator_id] = Counter({int(number): 1})
        return figures


def combine(catalog: Catalog, own: Figures | None, children: Iterable[Figures]) -> Figures:
    """A unit's figures from its own report and its children's figures.

    A value the unit reported itself wins over the sum of its children (a district's count of
    commune dossiers already covers its communes); then totals and ratios are recomputed.
    Distributions count every unit's answer, the unit's own included.
    """
    own = own or Figures()
    result = Figures(distributions={k: Counter(v) for k, v in own.distributions.items()})
    for child in children:
        _add(catalog, result, child)
    for indicator_id, number in own.values.items():
        result.values[indicator_id] = number
        result.reporters[indicator_id] = own.reporters.get(indicator_id, 1)
    _drop_unsummable(catalog, result, own)
    recompute(catalog, result)
    return result


def _add(catalog: Catalog, total: Figures, child: Figures) -> None:
    for indicator_id, number in child.values.items():
        indicator = catalog.indicators.get(indicator_id)
        if indicator is None or indicator.aggregate_rule not in _ADDITIVE:
            continue
        total.values[indicator_id] = total.values.get(indicator_id, 0.0) + number
        total.reporters[indicator_id] = total.reporters.get(indicator_id, 0) + child.reporters.get(
            indicator_id, 1
        )
    for indicator_id, counts in child.distributions.items():
        total.distributions.setdefault(indicator_id, Counter()).update(counts)


def _drop_unsummable(catalog: Catalog, result: Figures, own: Figures) -> None:
    """Ratios summed from children mean nothing: keep only the unit's own until recomputed."""
    for indicator_id in list(result.values):
        indicator = catalog.indicators[indicator_id]
        if indicator.type == "percent" and indicator_id not in own.values:
            del result.values[indicator_id]


def recompute(catalog: Catalog, figures: Figures) -> None:
    """Recompute totals (Σ parts) and then ratios (part / whole × 100) where parts exist."""
    for relation in catalog.relations:
        if isinstance(relation, SumRelation) and relation.compare == "=":
            parts = [figures.values.get(p) for p in relation.parts]
            if all(p is not None for p in parts):
                figures.values[relation.result] = sum(parts)  # type: ignore[arg-type]
    for relation in catalog.relations:
        if isinstance(relation, RatioRelation):
            numerator = figures.values.get(relation.numerator)
            denominator = figures.values.get(relation.denominator)
            if numerator is not None and denominator:
                figures.values[relation.result] = numerator / denominator * 100
                figures.reporters[relation.result] = figures.reporters.get(relation.denominator, 1)
