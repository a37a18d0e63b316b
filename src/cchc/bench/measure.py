"""The measurement steps of the aggregation benchmark, backend by backend.

Each backend is initialised, loaded with the synthetic data and analysed, then rolls the whole
nation up for the last period: once cold and :data:`WARM_RUNS` times warm, the time spent in the
database measured apart. PostgreSQL runs in a schema of its own, dropped afterwards; DuckDB is
loaded from the SQLite database.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, make_url, text

from cchc.aggregation import Figures, Runner, aggregate_figures, sqlalchemy_runner
from cchc.bench.load import analyze, duckdb_database, duckdb_runner, load_database, lookup_ids
from cchc.bench.progress import Reporter, timed
from cchc.bench.result import BenchResult, Timing
from cchc.bench.synthetic import SyntheticData, validate_one
from cchc.catalog import Catalog
from cchc.storage import init_database, make_engine
from cchc.units import load_unit_records

PG_SCHEMA = "cchc_bench"  # + the process id: each run's tables live in a schema of their own
WARM_RUNS = 3


def province_validation_ms(catalog: Catalog, data: SyntheticData, repeat: int = 20) -> float:
    """Median milliseconds to validate one province's report of the last period (with its
    template, the previous period and the same period last year)."""
    last = data.periods[-1].code
    index = next(
        i for i, s in enumerate(data.reports) if s.level == "province" and s.period.code == last
    )
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        validate_one(catalog, data, index)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_backend(
    catalog: Catalog,
    data: SyntheticData,
    result: BenchResult,
    name: str,
    engine: Engine,
    reporter: Reporter,
) -> None:
    """Initialise, load and analyse the database of ``engine``, then time its roll-up."""
    with timed(result.seconds, f"init_{name}"):
        init_database(engine, catalog, load_unit_records())
    with (
        reporter.task(f"Nạp {name} (load)", data.rows) as advance,
        timed(result.seconds, f"load_{name}"),
    ):
        load_database(engine, data, on_rows=advance)
    with timed(result.seconds, f"analyze_{name}"):
        analyze(engine)
    nation = lookup_ids(engine).units["vn"]
    with engine.connect() as connection:
        _measure(
            result,
            name,
            lambda run: _rollup(run, catalog, nation, data),
            sqlalchemy_runner(connection),
        )


def measure_postgres(
    catalog: Catalog,
    data: SyntheticData,
    result: BenchResult,
    url: str,
    reporter: Reporter,
    keep: bool,
) -> None:
    """:func:`measure_backend` on the server at ``url``, in a schema of its own (kept if asked)."""
    schema = f"{PG_SCHEMA}_{os.getpid()}"
    engine = make_engine(schema_url(url, schema))
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        measure_backend(catalog, data, result, "postgres", engine, reporter)
    finally:
        if keep:
            result.notes.append(f"PostgreSQL data kept in schema {schema}")
        else:
            with engine.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def schema_url(url: str, schema: str) -> str:
    """``url`` with the session's search_path set to ``schema``."""
    parsed = make_url(url)
    options = f"-csearch_path={schema}"
    query = dict(parsed.query)
    if query.get("options"):
        options = f"{query['options']} {options}"
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def measure_duckdb(
    catalog: Catalog, data: SyntheticData, result: BenchResult, source: Engine, reporter: Reporter
) -> None:
    """Load DuckDB from the loaded database ``source``, then time its roll-up."""
    with (
        reporter.task("Nạp duckdb (load)", data.rows) as advance,
        timed(result.seconds, "load_duckdb"),
    ):
        connection = duckdb_database(source, data, on_rows=advance)
    nation = lookup_ids(source).units["vn"]
    try:
        _measure(
            result,
            "duckdb",
            lambda run: _rollup(run, catalog, nation, data),
            duckdb_runner(connection),
        )
    finally:
        connection.close()


def _rollup(run: Runner, catalog: Catalog, nation: int, data: SyntheticData) -> Figures:
    period = data.periods[-1]
    return aggregate_figures(run, catalog, nation, period.code, period.end)


def _measure(
    result: BenchResult, name: str, rollup: Callable[[Runner], Figures], run: Runner
) -> None:
    """Time the roll-up: once cold, then :data:`WARM_RUNS` times warm; the time spent in the
    database (the SQL and fetching its rows) is measured apart from the Python that combines."""
    sql: list[float] = []

    def timed_run(statement: str, params: dict[str, Any]) -> Any:
        start = time.perf_counter()
        rows = run(statement, params)
        sql[-1] += time.perf_counter() - start
        return rows

    runs = []
    for _ in range(1 + WARM_RUNS):
        sql.append(0.0)
        start = time.perf_counter()
        figures = rollup(timed_run)
        runs.append(time.perf_counter() - start)
    result.rollups[name] = Timing(runs[0], runs[1:], sql[0], sql[1:])
    result.figures[name] = figures
    result.seconds[f"rollup_{name}"] = min(runs[1:])
    result.seconds[f"rollup_{name}_cold"] = runs[0]
    result.seconds[f"rollup_{name}_sql"] = min(sql[1:])
