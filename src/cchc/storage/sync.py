"""Bring the database's mirror of the catalog and the unit tree up to date with the data files."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.storage.models import IndicatorRow, TemplateRow, Unit, UnitClosure, UnitSuccessor
from cchc.text import fold
from cchc.units.records import REORGANISATION_DATE, UnitRecord


def sync_catalog(session: Session, catalog: Catalog) -> None:
    """Insert or update every indicator and template of ``catalog`` (never deletes: values
    may still point at an indicator that a newer catalog dropped)."""
    indicators = {row.key: row for row in session.scalars(select(IndicatorRow))}
    for indicator in catalog.indicators.values():
        row = indicators.get(indicator.id) or IndicatorRow(key=indicator.id)
        row.name, row.type = indicator.name, indicator.type
        row.aggregate = indicator.aggregate_rule
        session.add(row)
    templates = {row.key: row for row in session.scalars(select(TemplateRow))}
    for template in catalog.templates.values():
        row = templates.get(template.id) or TemplateRow(key=template.id)
        row.version, row.name = template.version, template.name
        row.definition = template.model_dump(mode="json")
        session.add(row)
    session.flush()


def sync_units(session: Session, records: Iterable[UnitRecord]) -> int:
    """Insert or update units by key (ids stay stable), then rebuild closure and successors.

    ``records`` must list parents before children. Returns the number of units.
    """
    records = list(records)
    ids = dict(session.execute(select(Unit.key, Unit.id)).all())
    stored = {row.key: row for row in session.execute(select(*_COMPARED)).all()}
    local = _local_units(session)
    new_rows, changed_rows = [], []
    for record in records:
        row = _unit_columns(record)
        if record.key not in ids:
            new_rows.append(row)
        elif record.key in local:
            continue  # an administrator's version wins over the shipped one
        elif tuple(stored[record.key]) != tuple(row[c.key] for c in _COMPARED):
            changed_rows.append({**row, "uid": ids[record.key]})
    if changed_rows:
        table = Unit.__table__
        statement = update(table).where(table.c.id == bindparam("uid"))
        columns = {c.key: bindparam(c.key) for c in _COMPARED if c.key != "key"}
        session.connection().execute(statement.values(**columns), changed_rows)
    _insert_new_units(session, new_rows, ids)
    shipped = [r for r in records if r.key not in local]
    _set_parents(session, shipped, ids)
    parents = {r.key: r.parent_key for r in shipped} | {k: p for k, (_id, p) in local.items()}
    _rebuild_closure(session, parents, ids)
    _rebuild_successors(session, shipped, {local_id for local_id, _p in local.values()}, ids)
    return len(records)


def _local_units(session: Session) -> dict[str, tuple[int, str | None]]:
    """Units an administrator created or changed: key → (id, parent key)."""
    parent = Unit.__table__.alias("parent")
    rows = session.execute(
        select(Unit.key, Unit.id, parent.c.key)
        .outerjoin(parent, parent.c.id == Unit.parent_id)
        .where(Unit.origin == "local")
    )
    return {key: (unit_id, parent_key) for key, unit_id, parent_key in rows}


_COMPARED = (
    Unit.key,
    Unit.name,
    Unit.short_name,
    Unit.folded_name,
    Unit.level,
    Unit.kind,
    Unit.code,
    Unit.valid_from,
    Unit.valid_to,
)


def _unit_columns(record: UnitRecord) -> dict:
    return {
        "key": record.key,
        "name": record.name,
        "short_name": record.short_name,
        "folded_name": fold(record.short_name),
        "level": record.level,
        "kind": record.kind,
        "code": record.code,
        "valid_from": record.valid_from,
        "valid_to": record.valid_to,
        "parent_key": record.parent_key,
    }


def _insert_new_units(session: Session, rows: list[dict], ids: dict[str, int]) -> None:
    if not rows:
        return
    clean = [{k: v for k, v in row.items() if k != "parent_key"} for row in rows]
    session.execute(insert(Unit), clean)
    ids.update(session.execute(select(Unit.key, Unit.id)).all())


def _set_parents(session: Session, records: list[UnitRecord], ids: dict[str, int]) -> None:
    current = dict(session.execute(select(Unit.id, Unit.parent_id)).all())
    changes = [
        {"uid": ids[r.key], "pid": ids[r.parent_key] if r.parent_key else None}
        for r in records
        if current.get(ids[r.key]) != (ids[r.parent_key] if r.parent_key else None)
    ]
    if changes:
        statement = update(Unit.__table__).where(Unit.__table__.c.id == bindparam("uid"))
        session.connection().execute(statement.values(parent_id=bindparam("pid")), changes)


def _rebuild_closure(session: Session, parents: dict[str, str | None], ids: dict[str, int]) -> None:
    """Every ancestor → descendant pair of the tree given as unit key → parent key."""
    session.execute(delete(UnitClosure))
    rows = []
    for unit_key in parents:
        key, depth = unit_key, 0
        while key is not None:
            rows.append({"ancestor_id": ids[key], "descendant_id": ids[unit_key], "depth": depth})
            key, depth = parents.get(key), depth + 1
    session.execute(insert(UnitClosure), rows)


def _rebuild_successors(
    session: Session, records: list[UnitRecord], kept: set[int], ids: dict[str, int]
) -> None:
    """Successors as shipped, except those of the units in ``kept`` (set by an admin)."""
    session.execute(delete(UnitSuccessor).where(UnitSuccessor.unit_id.not_in(kept)))
    rows = [
        {
            "unit_id": ids[r.key],
            "successor_id": ids[s],
            "effective": _effective(r),
        }
        for r in records
        for s in r.successors
        if s in ids
    ]
    if rows:
        session.execute(insert(UnitSuccessor), rows)


def _effective(record: UnitRecord) -> date:
    """The day a unit's successors take over: the day after it ends."""
    return record.valid_to + timedelta(days=1) if record.valid_to else REORGANISATION_DATE
