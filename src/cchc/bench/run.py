"""The measurements: generate, validate, load and roll up on SQLite, PostgreSQL and DuckDB.

``bench_aggregate`` times every step, rolls the whole nation up for the last period on each
backend (the first, cold run and the best of three warm runs), and checks that the three
backends give identical figures for every indicator. Targets on the 2-core reference machine,
for the national scale: roll-up ≤ 2 s on PostgreSQL and within 3× of DuckDB; validating one
province's report ≤ 50 ms.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine, make_url, text

from cchc.aggregation import Figures, Runner, aggregate_figures, sqlalchemy_runner
from cchc.bench.load import analyze, duckdb_database, duckdb_runner, load_database, lookup_ids
from cchc.bench.synthetic import (
    DEFAULT_SEED,
    NATIONAL_PERIODS,
    SMALL_PERIODS,
    SMALL_PROVINCES,
    SyntheticData,
    ValidationSummary,
    generate,
    reporting_units,
    validate_all,
    validate_one,
)
from cchc.catalog import Catalog, default_catalog
from cchc.errors import InputError
from cchc.storage import init_database, make_engine
from cchc.units import load_unit_records, parse_period_code

POSTGRES_ENV = ("CCHC_BENCH_POSTGRES_URL", "CCHC_TEST_POSTGRES_URL")
PG_SCHEMA = "cchc_bench"  # + the process id: each run's tables live in a schema of their own
WARM_RUNS = 3
TARGETS = {"rollup_postgres_s": 2.0, "ratio_to_duckdb": 3.0, "validate_one_province_ms": 50.0}


@dataclass(frozen=True)
class Scale:
    """How much data a benchmark generates."""

    name: str
    periods: tuple[str, ...]
    provinces: tuple[str, ...] | None  # None: the whole country


SCALES = {
    "small": Scale("small", SMALL_PERIODS, SMALL_PROVINCES),
    "national": Scale("national", NATIONAL_PERIODS, None),
}


@dataclass
class Timing:
    """A roll-up's first (cold) run and its warm runs, in seconds."""

    cold: float
    warm: list[float]
    cold_sql: float = 0.0  # of which in the database
    warm_sql: list[float] = field(default_factory=list)

    @property
    def best(self) -> float:
        """The best warm run."""
        return min(self.warm)

    @property
    def best_sql(self) -> float:
        """The best warm run's time in the database."""
        return min(self.warm_sql) if self.warm_sql else 0.0


@dataclass
class BenchResult:
    """Everything one ``bench aggregate`` run measured."""

    scale: str
    period: str
    rows: int
    reports: int
    units: int
    seconds: dict[str, float] = field(default_factory=dict)
    rollups: dict[str, Timing] = field(default_factory=dict)
    figures: dict[str, Figures] = field(default_factory=dict)
    validation: ValidationSummary | None = None
    templates: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    data: SyntheticData | None = field(default=None, repr=False)

    @property
    def ratio_backend(self) -> str | None:
        """The backend compared with DuckDB: PostgreSQL when it ran, else SQLite."""
        return next((b for b in ("postgres", "sqlite") if b in self.rollups), None)

    @property
    def ratio_to_duckdb(self) -> float | None:
        """Best warm roll-up of :attr:`ratio_backend` divided by DuckDB's."""
        backend = self.ratio_backend
        if backend is None or "duckdb" not in self.rollups:
            return None
        return self.rollups[backend].best / self.rollups["duckdb"].best

    @property
    def ratio_to_duckdb_sql(self) -> float | None:
        """The same ratio for the time spent in the database only (SQL and fetching rows)."""
        backend = self.ratio_backend
        if backend is None or "duckdb" not in self.rollups or not self.rollups["duckdb"].best_sql:
            return None
        return self.rollups[backend].best_sql / self.rollups["duckdb"].best_sql

    def differences(self) -> list[str]:
        """Where the backends' figures differ from the first backend's (empty: identical)."""
        found: list[str] = []
        names = list(self.figures)
        for other in names[1:]:
            found += _differences(names[0], self.figures[names[0]], other, self.figures[other])
        return found

    def to_json(self) -> dict[str, Any]:
        """``{"rows": N, "seconds": {...}, "ratio_to_duckdb": X, ...}``."""
        ratio = self.ratio_to_duckdb
        differences = self.differences()
        reference = next(iter(self.figures.values()), Figures())
        return {
            "rows": self.rows,
            "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
            "ratio_to_duckdb": round(ratio, 3) if ratio is not None else None,
            "ratio_backend": self.ratio_backend,
            "ratio_to_duckdb_sql": _round(self.ratio_to_duckdb_sql, 3),
            "scale": self.scale,
            "period": self.period,
            "reports": self.reports,
            "units": self.units,
            "backends": {
                name: {
                    "cold": round(t.cold, 4),
                    "warm": [round(w, 4) for w in t.warm],
                    "best": round(t.best, 4),
                    "cold_sql": round(t.cold_sql, 4),
                    "warm_sql": [round(w, 4) for w in t.warm_sql],
                    "best_sql": round(t.best_sql, 4),
                }
                for name, t in self.rollups.items()
            },
            "crosscheck": {
                "backends": list(self.figures),
                "identical": not differences and len(self.figures) > 1,
                "indicators": len(set(reference.values) | set(reference.distributions)),
                "differences": differences[:20],
            },
            "validation": self.validation.to_json() if self.validation else None,
            "targets": self._targets(ratio),
            "templates": self.templates,
            "notes": self.notes,
        }

    def _targets(self, ratio: float | None) -> dict[str, Any]:
        measured = {
            "rollup_postgres_s": self.rollups["postgres"].best
            if "postgres" in self.rollups
            else None,
            "ratio_to_duckdb": ratio if self.ratio_backend == "postgres" else None,
            "validate_one_province_ms": self.seconds.get("validate_one_province_ms"),
        }
        return {
            name: {
                "target": limit,
                "measured": round(measured[name], 4) if measured[name] is not None else None,
                "met": measured[name] <= limit if measured[name] is not None else None,
            }
            for name, limit in TARGETS.items()
        }


def _round(value: float | None, digits: int) -> float | None:
    return round(value, digits) if value is not None else None


def _differences(a_name: str, a: Figures, b_name: str, b: Figures) -> list[str]:
    found = []
    for label, left, right in (
        ("value", a.values, b.values),
        ("reporters", a.reporters, b.reporters),
        ("distribution", a.distributions, b.distributions),
    ):
        for key in sorted(set(left) | set(right)):
            if left.get(key) != right.get(key):
                found.append(
                    f"{label} {key}: {a_name}={left.get(key)!r} {b_name}={right.get(key)!r}"
                )
    return found


def postgres_url_from_env() -> str | None:
    """The PostgreSQL server to benchmark: CCHC_BENCH_POSTGRES_URL or CCHC_TEST_POSTGRES_URL."""
    return next((os.environ[n] for n in POSTGRES_ENV if os.environ.get(n)), None)


# --------------------------------------------------------------------------- progress


class _Reporter:
    """Rich progress bars on stderr (stdout stays clean for --json)."""

    def __init__(self, show: bool) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.progress = Progress(
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not show,
            transient=False,
        )
        self.show = show

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Callable[[int], None]]:
        task = self.progress.add_task(description, total=total)
        yield lambda n: self.progress.advance(task, n)
        self.progress.update(task, completed=total)

    def note(self, message: str) -> None:
        if self.show:
            self.progress.console.print(message)


@contextmanager
def _timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start


# --------------------------------------------------------------------------- the benchmark


def bench_aggregate(
    scale: str = "small",
    postgres_url: str | None = None,
    *,
    seed: int = DEFAULT_SEED,
    progress: bool = True,
    keep_postgres: bool = False,
) -> BenchResult:
    """Run the aggregation benchmark at ``scale`` ("small" or "national").

    ``postgres_url`` names a server where the benchmark may create (and afterwards drops) a
    schema ``cchc_bench_<pid>``; without one PostgreSQL is skipped and the result says so.
    """
    _require_duckdb()
    chosen = SCALES[scale]
    catalog = default_catalog()
    reporter = _Reporter(progress)
    with reporter.progress:
        data, seconds = _generate(catalog, chosen, seed, reporter)
        period = data.periods[-1]
        result = BenchResult(
            chosen.name, period.code, data.rows, len(data.reports), len(data.units), seconds
        )
        result.data = data
        result.templates = {
            level: s.template + ("" if s.native else " (borrowed)")
            for (level, code), s in sorted(data.sets.items())
            if code == period.code
        }
        result.validation = _validate(catalog, data, result, reporter)
        with tempfile.TemporaryDirectory(prefix="cchc-bench-") as folder:
            sqlite = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            try:
                _backend(catalog, data, result, "sqlite", sqlite, reporter)
                if postgres_url:
                    _postgres(catalog, data, result, postgres_url, reporter, keep_postgres)
                else:
                    result.notes.append(
                        "PostgreSQL skipped: no --postgres-url and neither "
                        + " nor ".join(POSTGRES_ENV)
                        + " is set"
                    )
                    reporter.note(f"[yellow]{result.notes[-1]}[/]")
                _duckdb(catalog, data, result, sqlite, reporter)
            finally:
                sqlite.dispose()
    return result


def _require_duckdb() -> None:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        raise InputError(
            "Benchmark cần DuckDB làm mốc so sánh: cài bằng `pip install -e '.[bench]'` "
            "(hoặc `make install`, gói dev).",
            "the benchmark needs duckdb (pip install -e '.[bench]')",
        ) from None


def _generate(
    catalog: Catalog, scale: Scale, seed: int, reporter: _Reporter
) -> tuple[SyntheticData, dict[str, float]]:
    seconds: dict[str, float] = {}
    records = load_unit_records()
    periods = [parse_period_code(c) for c in scale.periods]
    total = len(reporting_units(records, periods, scale.provinces))
    with reporter.task("Sinh dữ liệu (generate)", total) as advance, _timed(seconds, "generate"):
        data = generate(
            catalog, records, scale.periods, provinces=scale.provinces, seed=seed, on_unit=advance
        )
    return data, seconds


def _validate(
    catalog: Catalog, data: SyntheticData, result: BenchResult, reporter: _Reporter
) -> ValidationSummary:
    with (
        reporter.task("Kiểm tra (validate all)", len(data.reports)) as advance,
        _timed(result.seconds, "validate_all"),
    ):
        summary = validate_all(catalog, data, on_report=advance)
    result.seconds["validate_one_province_ms"] = province_validation_ms(catalog, data)
    return summary


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


def _backend(
    catalog: Catalog,
    data: SyntheticData,
    result: BenchResult,
    name: str,
    engine: Engine,
    reporter: _Reporter,
) -> None:
    with _timed(result.seconds, f"init_{name}"):
        init_database(engine, catalog, load_unit_records())
    with (
        reporter.task(f"Nạp {name} (load)", data.rows) as advance,
        _timed(result.seconds, f"load_{name}"),
    ):
        load_database(engine, data, on_rows=advance)
    with _timed(result.seconds, f"analyze_{name}"):
        analyze(engine)
    nation = lookup_ids(engine).units["vn"]
    with engine.connect() as connection:
        _measure(
            result,
            name,
            lambda run: _rollup(run, catalog, nation, data),
            sqlalchemy_runner(connection),
        )


def _postgres(
    catalog: Catalog,
    data: SyntheticData,
    result: BenchResult,
    url: str,
    reporter: _Reporter,
    keep: bool,
) -> None:
    schema = f"{PG_SCHEMA}_{os.getpid()}"
    engine = make_engine(schema_url(url, schema))
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        _backend(catalog, data, result, "postgres", engine, reporter)
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


def _duckdb(
    catalog: Catalog, data: SyntheticData, result: BenchResult, source: Engine, reporter: _Reporter
) -> None:
    with (
        reporter.task("Nạp duckdb (load)", data.rows) as advance,
        _timed(result.seconds, "load_duckdb"),
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


# --------------------------------------------------------------------------- validation only


def bench_validate(
    scale: str = "small", *, seed: int = DEFAULT_SEED, progress: bool = True
) -> dict[str, Any]:
    """Validate every generated report, timing each; per-level median / p95 / max in ms."""
    chosen = SCALES[scale]
    catalog = default_catalog()
    reporter = _Reporter(progress)
    with reporter.progress:
        data, seconds = _generate(catalog, chosen, seed, reporter)
        per_level: dict[str, list[float]] = {}
        errors = 0
        with (
            reporter.task("Kiểm tra (validate all)", len(data.reports)) as advance,
            _timed(seconds, "validate_all"),
        ):
            for i, spec in enumerate(data.reports):
                start = time.perf_counter()
                findings = validate_one(catalog, data, i)
                per_level.setdefault(spec.level, []).append(time.perf_counter() - start)
                errors += sum(f.severity == "error" for f in findings)
                if (i + 1) % 1000 == 0:
                    advance(1000)
        seconds["validate_one_province_ms"] = province_validation_ms(catalog, data)
    return {
        "rows": data.rows,
        "reports": len(data.reports),
        "scale": chosen.name,
        "errors": errors,
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
        "per_report_ms": {level: _spread(times) for level, times in sorted(per_level.items())},
        "targets": {
            "validate_one_province_ms": {
                "target": TARGETS["validate_one_province_ms"],
                "measured": round(seconds["validate_one_province_ms"], 3),
                "met": seconds["validate_one_province_ms"] <= TARGETS["validate_one_province_ms"],
            }
        },
    }


def _spread(times: list[float]) -> dict[str, float]:
    ordered = sorted(t * 1000 for t in times)
    return {
        "reports": len(ordered),
        "median": round(statistics.median(ordered), 3),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        "max": round(ordered[-1], 3),
    }
