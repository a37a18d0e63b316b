"""Roll any unit's figures up for a period (tổng hợp số liệu), with completeness and timeliness,
across the 2025 reorganisation through the unit mapping."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from cchc.aggregation.figures import Figures, combine
from cchc.aggregation.queries import (
    CHILD_REPORTS,
    LEAF_SUMS,
    LEVEL_COMPLETENESS,
    NON_LEAF_UNITS,
    OWN_VALUES,
    with_statuses,
)
from cchc.catalog import Catalog
from cchc.errors import NotFoundError
from cchc.storage.deadlines import with_stored_deadlines
from cchc.storage.models import Unit, UnitSuccessor
from cchc.units.periods import Period

COUNTED_STATUSES = ("submitted", "approved")


@dataclass(frozen=True)
class ChildStatus:
    """Whether one expected unit has reported, and in time."""

    key: str
    name: str
    level: str
    reported: bool
    on_time: bool | None


@dataclass
class Rollup:
    """A unit's aggregated figures for a period, and who did (not) report."""

    unit_key: str
    period: str
    figures: Figures
    children: list[ChildStatus] = field(default_factory=list)
    levels: dict[str, tuple[int, int]] = field(default_factory=dict)
    predecessors: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[ChildStatus]:
        """Expected units that have not reported."""
        return [c for c in self.children if not c.reported]

    @property
    def late(self) -> list[ChildStatus]:
        """Units that reported after their deadline."""
        return [c for c in self.children if c.on_time is False]


def roll_up(
    session: Session,
    catalog: Catalog,
    unit: Unit,
    period: Period,
    statuses: tuple[str, ...] = COUNTED_STATUSES,
) -> Rollup:
    """Aggregate everything below ``unit`` (and its own report) for ``period``.

    A unit created by the 2025 reorganisation, asked about a period before it existed, is
    rolled up from its predecessors. Timeliness uses the deadlines set for the period.
    """
    period = with_stored_deadlines(session, period)
    day = period.end
    if unit.valid_from and unit.valid_from > day:
        return _from_predecessors(session, catalog, unit, period, statuses)
    if unit.valid_to and unit.valid_to < day:
        successors = session.scalars(
            select(Unit)
            .join(UnitSuccessor, UnitSuccessor.successor_id == Unit.id)
            .where(UnitSuccessor.unit_id == unit.id)
        ).all()
        named = ", ".join(f"{s.name} ({s.key})" for s in successors) or "không có"
        raise NotFoundError(
            f"{unit.name} không còn tồn tại vào cuối kỳ {period.label} (đến "
            f"{unit.valid_to:%d/%m/%Y}). Đơn vị kế thừa: {named}.",
            f"{unit.key} ended before {period.code}",
        )
    connection = session.connection()
    figures = aggregate_figures(
        sqlalchemy_runner(connection), catalog, unit.id, period.code, day, statuses
    )
    rollup = Rollup(unit.key, period.code, figures)
    rollup.children = _children(connection, unit.id, period, statuses)
    rollup.levels = _levels(connection, unit.id, period, statuses)
    return rollup


Runner = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]


def sqlalchemy_runner(connection: Connection) -> Runner:
    """Run roll-up SQL on an SQLAlchemy connection (SQLite or PostgreSQL)."""
    return lambda sql, params: connection.execute(text(sql), params).all()


def aggregate_figures(
    run: Runner,
    catalog: Catalog,
    unit_id: int,
    period_code: str,
    day: date,
    statuses: tuple[str, ...] = COUNTED_STATUSES,
) -> Figures:
    """The unit's effective figures, computed bottom-up over the non-leaf units.

    ``run`` executes one SQL statement with named parameters and returns its rows; the same
    SQL runs on SQLite, PostgreSQL and DuckDB.
    """
    params = {"unit": unit_id, "period": period_code, "day": day}
    leaf_groups: dict[int, Figures] = defaultdict(Figures)
    for parent, key, bucket, total, count in run(with_statuses(LEAF_SUMS, statuses), params):
        _add_leaf_group(leaf_groups[parent], key, bucket, total, count)
    own: dict[int, dict[str, float]] = defaultdict(dict)
    for unit, key, number in run(with_statuses(OWN_VALUES, statuses), params):
        own[unit][key] = number
    tree = list(run(NON_LEAF_UNITS, params))
    return _bottom_up(catalog, unit_id, tree, leaf_groups, own)


def _add_leaf_group(
    group: Figures, key: str, bucket: float | None, total: float, count: int
) -> None:
    if bucket is not None:
        group.distributions.setdefault(key, Counter())[int(bucket)] += count
        return
    group.values[key] = group.values.get(key, 0.0) + total
    group.reporters[key] = group.reporters.get(key, 0) + count


def _bottom_up(
    catalog: Catalog,
    root: int,
    tree: list,
    leaf_groups: dict[int, Figures],
    own: dict[int, dict[str, float]],
) -> Figures:
    children: dict[int, list[int]] = defaultdict(list)
    for unit, parent, depth in tree:
        if depth > 0:
            children[parent].append(unit)
    effective: dict[int, Figures] = {}
    for unit, _parent, _depth in sorted(tree, key=lambda row: -row[2]):
        parts = [effective[c] for c in children[unit] if c in effective]
        if unit in leaf_groups:
            parts.append(leaf_groups[unit])
        mine = Figures.of_report(catalog, own[unit]) if unit in own else None
        effective[unit] = combine(catalog, mine, parts)
    return effective.get(root, Figures())


def _from_predecessors(
    session: Session, catalog: Catalog, unit: Unit, period: Period, statuses: tuple[str, ...]
) -> Rollup:
    predecessors = session.scalars(
        select(Unit)
        .join(UnitSuccessor, UnitSuccessor.unit_id == Unit.id)
        .where(UnitSuccessor.successor_id == unit.id)
        .order_by(Unit.key)
    ).all()
    if not predecessors:
        raise NotFoundError(
            f"{unit.name} chỉ có từ {unit.valid_from:%d/%m/%Y} và không có đơn vị tiền thân "
            f"để tổng hợp cho kỳ {period.label}.",
            f"{unit.key} did not exist in {period.code} and has no predecessors",
        )
    parts = [roll_up(session, catalog, p, period, statuses) for p in predecessors]
    rollup = Rollup(unit.key, period.code, combine(catalog, None, [p.figures for p in parts]))
    rollup.predecessors = [p.key for p in predecessors]
    rollup.children = [c for part in parts for c in part.children]
    for part in parts:
        for level, (expected, reported) in part.levels.items():
            old = rollup.levels.get(level, (0, 0))
            rollup.levels[level] = (old[0] + expected, old[1] + reported)
    return rollup


def _children(
    connection: Connection, unit_id: int, period: Period, statuses: tuple[str, ...]
) -> list[ChildStatus]:
    rows = connection.execute(
        text(with_statuses(CHILD_REPORTS, statuses)),
        {"unit": unit_id, "period": period.code, "day": period.end},
    )
    result = []
    for _id, key, name, level, status, submitted_at in rows:
        on_time = None
        if status is not None and submitted_at is not None:
            on_time = _as_date(submitted_at) <= period.deadline_for(level)
        result.append(ChildStatus(key, name, level, status is not None, on_time))
    return result


def _levels(
    connection: Connection, unit_id: int, period: Period, statuses: tuple[str, ...]
) -> dict[str, tuple[int, int]]:
    rows = connection.execute(
        text(with_statuses(LEVEL_COMPLETENESS, statuses)),
        {"unit": unit_id, "period": period.code, "day": period.end},
    )
    return {level: (expected, reported) for level, expected, reported in rows}


def _as_date(value: object) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if hasattr(value, "date") else value  # type: ignore[return-value]
