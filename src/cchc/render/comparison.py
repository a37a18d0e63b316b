"""The annex comparing the units below the reporting unit: for each, its rolled-up parts and
rate of each measure of outline.yaml, ranked within its level, with whether it reported."""

from __future__ import annotations

from typing import Any

from cchc.aggregation import ChildStatus, Rollup
from cchc.render.model import (
    Comparison,
    ComparisonGroup,
    ComparisonRow,
    MeasureCell,
    MeasureSpec,
)
from cchc.render.texts import fill, one_line, outline, plain_number


def build_comparison(
    rollup: Rollup | None, child_figures: dict[str, dict[str, float]], unit_name: str
) -> Comparison | None:
    """The comparison annex, or None for a unit with nobody below it."""
    if rollup is None or not rollup.children:
        return None
    spec = outline()["comparison"]
    measures = spec["measures"]
    groups = []
    for level, group in spec["groups"].items():
        members = [c for c in rollup.children if c.level == level]
        if members:
            rows = [_row(c, child_figures.get(c.key, {}), measures, unit_name) for c in members]
            groups.append(ComparisonGroup(group["title"], tuple(_ranked(rows, measures))))
    return Comparison(
        heading=spec["heading"],
        title=spec["title"],
        measures=tuple(_measure(m) for m in measures),
        groups=tuple(groups),
    )


def comparison_sentence(comparison: Comparison | None) -> str | None:
    """ "Tỷ lệ … đúng hạn của các cơ quan, đơn vị trực thuộc …: đối với UBND cấp huyện, cao
    nhất là huyện A (99,8%), thấp nhất là huyện B (97,1%)." None when nothing ranks."""
    if comparison is None:
        return None
    spec = outline()["comparison"]
    phrases = {g["title"]: g["phrase"] for g in spec["groups"].values()}
    parts = []
    for group in comparison.groups:
        ranked = [r for r in group.rows if r.cells and r.cells[0].rank is not None]
        if len(ranked) < 2:
            continue
        best, worst = ranked[0], ranked[-1]
        parts.append(
            fill(
                spec["group"],
                group=phrases.get(group.title, group.title),
                best=in_sentence(best.name),
                best_rate=plain_number(best.cells[0].rate or 0) + "%",
                worst=in_sentence(worst.name),
                worst_rate=plain_number(worst.cells[0].rate or 0) + "%",
            )
        )
    return fill(one_line(spec["sentence"]), groups="; ".join(parts)) if parts else None


def _measure(spec: dict[str, Any]) -> MeasureSpec:
    return MeasureSpec(
        label=spec["label"],
        numerator_label=spec["numerator_label"],
        denominator_label=spec["denominator_label"],
        rate_label=spec["rate_label"],
        rank=bool(spec.get("rank")),
    )


def _row(
    child: ChildStatus, values: dict[str, float], measures: list[dict], unit_name: str
) -> ComparisonRow:
    cells = tuple(
        _cell(values, measure["numerator"], measure["denominator"]) for measure in measures
    )
    return ComparisonRow(child.key, short_name(child.name, unit_name), _status(child), cells)


def _cell(values: dict[str, float], numerator: list[str], denominator: list[str]) -> MeasureCell:
    """Σ parts over the listed indicators; the rate recomputed from them (never averaged)."""
    top = [values[k] for k in numerator if k in values]
    bottom = [values[k] for k in denominator if k in values]
    num = sum(top) if top else None
    den = sum(bottom) if bottom else None
    rate = num / den * 100 if num is not None and den else None
    return MeasureCell(num, den, rate)


def _ranked(rows: list[ComparisonRow], measures: list[dict]) -> list[ComparisonRow]:
    """Rows by the first ranked measure's rate, best first, equal rates sharing a rank (1, 2, 2,
    4); rows without that rate follow in their order."""
    index = next((i for i, m in enumerate(measures) if m.get("rank")), None)
    if index is None:
        return rows
    rated = sorted(
        (r for r in rows if r.cells[index].rate is not None),
        key=lambda r: -(r.cells[index].rate or 0),
    )
    result, rank, previous = [], 0, None
    for position, row in enumerate(rated, start=1):
        rate = round(row.cells[index].rate or 0, 2)
        rank = rank if rate == previous else position
        previous = rate
        cells = list(row.cells)
        cell = cells[index]
        cells[index] = MeasureCell(cell.numerator, cell.denominator, cell.rate, rank)
        result.append(ComparisonRow(row.key, row.name, row.status, tuple(cells)))
    return result + [r for r in rows if r.cells[index].rate is None]


def _status(child: ChildStatus) -> str:
    words = outline()["comparison"]["status"]
    if not child.reported:
        return words["missing"]
    if child.on_time is None:
        return words["reported"]
    return words["on_time"] if child.on_time else words["late"]


def short_name(name: str, unit_name: str) -> str:
    """ "Sở Tư pháp tỉnh Bắc Giang" → "Sở Tư pháp" inside the report of tỉnh Bắc Giang."""
    suffix = f" {unit_name[:1].lower()}{unit_name[1:]}"
    return name[: -len(suffix)] if name.endswith(suffix) else name


def in_sentence(name: str) -> str:
    """ "Huyện Tứ Kỳ" → "huyện Tứ Kỳ" inside a sentence; "Sở Tư pháp" stays."""
    kinds = ("Huyện ", "Quận ", "Thị xã ", "Thành phố ", "Xã ", "Phường ", "Thị trấn ")
    return name[:1].lower() + name[1:] if name.startswith(kinds) else name
