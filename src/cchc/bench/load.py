"""Bulk loading of synthetic data into an initialised database, and the DuckDB reference copy.

- PostgreSQL: ``COPY … FROM STDIN`` through psycopg in one transaction, with the foreign keys
  of report_values dropped for the copy and added back (checked in one pass) before commit, as
  PostgreSQL's "Populating a Database" advises (row-by-row checks tripled the load time); then
  the id sequences are moved past the loaded ids, and :func:`analyze` vacuums and analyses
  (what autovacuum would do after a bulk load).
- SQLite: ``executemany`` in one big transaction, then ``ANALYZE``.
- DuckDB: an in-memory database with the tables and columns the roll-up SQL reads (units,
  unit_closure, indicators, reports, report_values); units, closure and indicators are copied
  from the SQLAlchemy database so that ids match, and everything goes in through ``COPY`` from
  a temporary tab-separated file (the fastest way in without numpy or pyarrow).

The databases must hold the catalog and units (:func:`cchc.storage.init_database`) and no
reports of the generated units and periods.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text

from cchc.aggregation import Runner
from cchc.bench.synthetic import STATUS, SyntheticData
from cchc.storage.models import IndicatorRow, Report, ReportValue, TemplateRow, Unit

Progress = Callable[[int], None]
CHUNK = 200_000  # values per batch
VALUE_SOURCE = "typed"


@dataclass(frozen=True)
class Ids:
    """Database ids of the units, templates and indicators by key, and the first free ids."""

    units: dict[str, int]
    templates: dict[str, int]
    indicators: dict[str, int]
    first_report: int
    first_value: int


def lookup_ids(engine: Engine) -> Ids:
    """Read the key → id maps and the next free report and value ids."""
    with engine.connect() as connection:

        def pairs(model: Any) -> dict[str, int]:
            return {key: id_ for key, id_ in connection.execute(select(model.key, model.id))}

        last_report = connection.scalar(select(func.max(Report.id))) or 0
        last_value = connection.scalar(select(func.max(ReportValue.id))) or 0
        return Ids(
            pairs(Unit), pairs(TemplateRow), pairs(IndicatorRow), last_report + 1, last_value + 1
        )


def report_rows(data: SyntheticData, ids: Ids) -> Iterator[tuple]:
    """Rows of ``reports``: id, unit_id, period_code, template_id, status, submitted_at,
    decided_at."""
    for n, spec in enumerate(data.reports):
        yield (
            ids.first_report + n,
            ids.units[spec.unit_key],
            spec.period.code,
            ids.templates[spec.template],
            STATUS,
            spec.submitted_at,
            spec.decided_at,
        )


def value_batches(data: SyntheticData, ids: Ids) -> Iterator[list[tuple]]:
    """Rows of ``report_values`` (id, report_id, indicator_id, num, decimals) in batches of
    about :data:`CHUNK`."""
    indicator_ids = [ids.indicators[key] for key in data.indicator_keys]
    indicators, nums, decimals, offsets = data.indicators, data.nums, data.decimals, data.offsets
    batch: list[tuple] = []
    for n in range(len(data.reports)):
        report_id = ids.first_report + n
        batch += [
            (ids.first_value + j, report_id, indicator_ids[indicators[j]], nums[j], decimals[j])
            for j in range(offsets[n], offsets[n + 1])
        ]
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def load_database(engine: Engine, data: SyntheticData, on_rows: Progress | None = None) -> int:
    """Load every generated report and value into ``engine``'s database; returns the number of
    values. ``on_rows(n)`` reports progress."""
    ids = lookup_ids(engine)
    if engine.dialect.name == "sqlite":
        _load_sqlite(engine, data, ids, on_rows)
    elif engine.dialect.name == "postgresql":
        _load_postgres(engine, data, ids, on_rows)
    else:
        raise ValueError(f"no bulk loader for {engine.dialect.name}")
    return data.rows


ROLLUP_TABLES = ("units", "unit_closure", "indicators", "reports", "report_values")


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics of every table the roll-up reads, after a bulk load.

    All of them, not only the loaded ones: on a fresh PostgreSQL database that autovacuum has
    not reached yet, units and unit_closure have no statistics, the planner expects a handful
    of units and picks a nested loop over units × indicators — 4.6 s instead of 0.3 s for the
    national leaf sums. PostgreSQL also vacuums, which sets the visibility map.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f"VACUUM (ANALYZE) {', '.join(ROLLUP_TABLES)}"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _load_sqlite(engine: Engine, data: SyntheticData, ids: Ids, on_rows: Progress | None) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.executemany(
            "INSERT INTO reports (id, unit_id, period_code, template_id, status, submitted_at,"
            " decided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
            [
                (*row[:5], _sqlite_time(row[5]), _sqlite_time(row[6]))
                for row in report_rows(data, ids)
            ],
        )
        for batch in value_batches(data, ids):
            cursor.executemany(
                "INSERT INTO report_values (id, report_id, indicator_id, num, decimals, source)"
                f" VALUES (?, ?, ?, ?, ?, '{VALUE_SOURCE}')",
                batch,
            )
            if on_rows:
                on_rows(len(batch))
        raw.commit()
    finally:
        raw.close()


def _load_postgres(engine: Engine, data: SyntheticData, ids: Ids, on_rows: Progress | None) -> None:
    """COPY in one transaction; the foreign keys of report_values are dropped for the copy and
    added back (checked in one pass) before commit — PostgreSQL's advice for bulk loading."""
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY reports (id, unit_id, period_code, template_id, status, submitted_at,"
                " decided_at) FROM STDIN"
            ) as copy:
                copy.write(_tsv(report_rows(data, ids)))
            foreign_keys = cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = 'report_values'::regclass AND contype = 'f'"
            ).fetchall()
            for name, _definition in foreign_keys:
                cursor.execute(f"ALTER TABLE report_values DROP CONSTRAINT {name}")
            for batch in value_batches(data, ids):
                with cursor.copy(
                    "COPY report_values (id, report_id, indicator_id, num, decimals, source)"
                    " FROM STDIN"
                ) as copy:
                    copy.write(_value_tsv(batch))
                if on_rows:
                    on_rows(len(batch))
            for name, definition in foreign_keys:
                cursor.execute(f"ALTER TABLE report_values ADD CONSTRAINT {name} {definition}")
            for table in ("reports", "report_values"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT MAX(id) FROM {table}))"
                )
        raw.commit()
    finally:
        raw.close()


def _value_tsv(batch: list[tuple]) -> str:
    return "".join(
        f"{i}\t{report}\t{indicator}\t{num!r}\t{decimals}\t{VALUE_SOURCE}\n"
        for i, report, indicator, num, decimals in batch
    )


def _sqlite_time(value: datetime) -> str:
    """How SQLAlchemy stores a DateTime in SQLite."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _tsv(rows: Iterable[Sequence[Any]]) -> str:
    return "".join("\t".join(_field(v) for v in row) + "\n" for row in rows)


def _field(value: Any) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (datetime, date)):
        return _iso(value)
    return str(value)


def _iso(value: date | datetime) -> str:
    return value.isoformat(" ") if isinstance(value, datetime) else value.isoformat()


# --------------------------------------------------------------------------- DuckDB

_DUCKDB_TABLES = {
    "units": (
        "id INTEGER PRIMARY KEY, key VARCHAR, name VARCHAR, level VARCHAR, parent_id INTEGER,"
        " valid_from DATE, valid_to DATE",
        select(
            Unit.id, Unit.key, Unit.name, Unit.level, Unit.parent_id, Unit.valid_from, Unit.valid_to
        ),
    ),
    "unit_closure": (
        "ancestor_id INTEGER, descendant_id INTEGER, depth SMALLINT",
        text("SELECT ancestor_id, descendant_id, depth FROM unit_closure"),
    ),
    "indicators": (
        "id INTEGER PRIMARY KEY, key VARCHAR, type VARCHAR, aggregate VARCHAR",
        select(IndicatorRow.id, IndicatorRow.key, IndicatorRow.type, IndicatorRow.aggregate),
    ),
}
_DUCKDB_REPORTS = (
    "id INTEGER, unit_id INTEGER, period_code VARCHAR, template_id INTEGER, status VARCHAR,"
    " submitted_at TIMESTAMP, decided_at TIMESTAMP"
)
_DUCKDB_VALUES = (
    "id BIGINT, report_id INTEGER, indicator_id INTEGER, num DOUBLE, decimals SMALLINT,"
    " source VARCHAR"
)


def duckdb_database(source: Engine, data: SyntheticData, on_rows: Progress | None = None) -> Any:
    """An in-memory DuckDB database with ``source``'s units, closure and indicators (same ids)
    and the generated reports and values."""
    import duckdb

    ids = lookup_ids(source)
    ids = Ids(ids.units, ids.templates, ids.indicators, 1, 1)
    connection = duckdb.connect(":memory:")
    with tempfile.TemporaryDirectory(prefix="cchc-duckdb-") as folder:
        with source.connect() as sql:
            for table, (columns, query) in _DUCKDB_TABLES.items():
                _duckdb_copy(connection, Path(folder), table, columns, sql.execute(query))
        _duckdb_copy(connection, Path(folder), "reports", _DUCKDB_REPORTS, report_rows(data, ids))
        path = Path(folder) / "report_values.tsv"
        with path.open("w", encoding="utf-8") as out:
            for batch in value_batches(data, ids):
                out.write(_value_tsv(batch))
                if on_rows:
                    on_rows(len(batch))
        connection.execute(f"CREATE TABLE report_values ({_DUCKDB_VALUES})")
        connection.execute(f"COPY report_values FROM '{path}' ({_TSV_OPTIONS})")
        os.remove(path)
    return connection


_TSV_OPTIONS = "DELIMITER '\t', HEADER false, NULLSTR '\\N', QUOTE '', ESCAPE ''"


def _duckdb_copy(
    connection: Any, folder: Path, table: str, columns: str, rows: Iterable[Sequence[Any]]
) -> None:
    path = folder / f"{table}.tsv"
    path.write_text(_tsv(rows), encoding="utf-8")
    connection.execute(f"CREATE TABLE {table} ({columns})")
    connection.execute(f"COPY {table} FROM '{path}' ({_TSV_OPTIONS})")


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def duckdb_runner(connection: Any) -> Runner:
    """Run the roll-up SQL (``:name`` parameters) on a DuckDB connection."""

    def run(sql: str, params: dict[str, Any]) -> list[tuple]:
        names = set(_NAMED.findall(sql))
        return connection.execute(
            _NAMED.sub(r"$\1", sql), {k: v for k, v in params.items() if k in names}
        ).fetchall()

    return run
