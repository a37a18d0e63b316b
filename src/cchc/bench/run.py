"""The measurements: generate, validate, load and roll up on SQLite, PostgreSQL and DuckDB.

``bench_aggregate`` times every step, rolls the whole nation up for the last period on each
backend (the first, cold run and the best of three warm runs), and checks that the three
backends give identical figures for every indicator. Targets on the 2-core reference machine,
for the national scale: roll-up ≤ 2 s on PostgreSQL and within 3× of DuckDB; validating one
province's report ≤ 50 ms.

This module runs the benchmarks; the steps on each backend are in :mod:`cchc.bench.measure`,
the result and its JSON in :mod:`cchc.bench.result`, progress bars in :mod:`cchc.bench.progress`.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.bench.measure import (
    PG_SCHEMA,
    WARM_RUNS,
    measure_backend,
    measure_duckdb,
    measure_postgres,
    province_validation_ms,
    schema_url,
)
from cchc.bench.progress import Reporter, timed
from cchc.bench.result import TARGETS, BenchResult, Timing, target_json
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
from cchc.storage import make_engine
from cchc.units import load_unit_records, parse_period_code

__all__ = [
    "PG_SCHEMA",
    "POSTGRES_ENV",
    "SCALES",
    "TARGETS",
    "WARM_RUNS",
    "BenchResult",
    "Scale",
    "Timing",
    "bench_aggregate",
    "bench_validate",
    "postgres_url_from_env",
    "province_validation_ms",
    "schema_url",
]

POSTGRES_ENV = ("CCHC_BENCH_POSTGRES_URL", "CCHC_TEST_POSTGRES_URL")


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


def postgres_url_from_env() -> str | None:
    """The PostgreSQL server to benchmark: CCHC_BENCH_POSTGRES_URL or CCHC_TEST_POSTGRES_URL."""
    return next((os.environ[n] for n in POSTGRES_ENV if os.environ.get(n)), None)


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
    reporter = Reporter(progress)
    with reporter.progress:
        data, seconds = _generate(catalog, chosen, seed, reporter)
        result = _result(chosen, data, seconds)
        result.validation = _validate(catalog, data, result, reporter)
        with tempfile.TemporaryDirectory(prefix="cchc-bench-") as folder:
            sqlite = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            try:
                measure_backend(catalog, data, result, "sqlite", sqlite, reporter)
                if postgres_url:
                    measure_postgres(catalog, data, result, postgres_url, reporter, keep_postgres)
                else:
                    _skip_postgres(result, reporter)
                measure_duckdb(catalog, data, result, sqlite, reporter)
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
    catalog: Catalog, scale: Scale, seed: int, reporter: Reporter
) -> tuple[SyntheticData, dict[str, float]]:
    seconds: dict[str, float] = {}
    records = load_unit_records()
    periods = [parse_period_code(c) for c in scale.periods]
    total = len(reporting_units(records, periods, scale.provinces))
    with reporter.task("Sinh dữ liệu (generate)", total) as advance, timed(seconds, "generate"):
        data = generate(
            catalog, records, scale.periods, provinces=scale.provinces, seed=seed, on_unit=advance
        )
    return data, seconds


def _result(scale: Scale, data: SyntheticData, seconds: dict[str, float]) -> BenchResult:
    """The result to fill in: the data's size and, per level, the template its reports use."""
    period = data.periods[-1]
    result = BenchResult(
        scale.name, period.code, data.rows, len(data.reports), len(data.units), seconds
    )
    result.data = data
    result.templates = {
        level: s.template + ("" if s.native else " (borrowed)")
        for (level, code), s in sorted(data.sets.items())
        if code == period.code
    }
    return result


def _validate(
    catalog: Catalog, data: SyntheticData, result: BenchResult, reporter: Reporter
) -> ValidationSummary:
    with (
        reporter.task("Kiểm tra (validate all)", len(data.reports)) as advance,
        timed(result.seconds, "validate_all"),
    ):
        summary = validate_all(catalog, data, on_report=advance)
    result.seconds["validate_one_province_ms"] = province_validation_ms(catalog, data)
    return summary


def _skip_postgres(result: BenchResult, reporter: Reporter) -> None:
    result.notes.append(
        "PostgreSQL skipped: no --postgres-url and neither "
        + " nor ".join(POSTGRES_ENV)
        + " is set"
    )
    reporter.note(f"[yellow]{result.notes[-1]}[/]")


# --------------------------------------------------------------------------- validation only


def bench_validate(
    scale: str = "small", *, seed: int = DEFAULT_SEED, progress: bool = True
) -> dict[str, Any]:
    """Validate every generated report, timing each; per-level median / p95 / max in ms."""
    chosen = SCALES[scale]
    catalog = default_catalog()
    reporter = Reporter(progress)
    with reporter.progress:
        data, seconds = _generate(catalog, chosen, seed, reporter)
        per_level, errors = _validate_each(catalog, data, seconds, reporter)
        seconds["validate_one_province_ms"] = province_validation_ms(catalog, data)
    return {
        "rows": data.rows,
        "reports": len(data.reports),
        "scale": chosen.name,
        "errors": errors,
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
        "per_report_ms": {level: _spread(times) for level, times in sorted(per_level.items())},
        "targets": {
            "validate_one_province_ms": target_json(
                TARGETS["validate_one_province_ms"], seconds["validate_one_province_ms"], 3
            )
        },
    }


def _validate_each(
    catalog: Catalog, data: SyntheticData, seconds: dict[str, float], reporter: Reporter
) -> tuple[dict[str, list[float]], int]:
    """Each report's validation time in seconds, by level, and the number of errors found."""
    per_level: dict[str, list[float]] = {}
    errors = 0
    with (
        reporter.task("Kiểm tra (validate all)", len(data.reports)) as advance,
        timed(seconds, "validate_all"),
    ):
        for i, spec in enumerate(data.reports):
            start = time.perf_counter()
            findings = validate_one(catalog, data, i)
            per_level.setdefault(spec.level, []).append(time.perf_counter() - start)
            errors += sum(f.severity == "error" for f in findings)
            if (i + 1) % 1000 == 0:
                advance(1000)
    return per_level, errors


def _spread(times: list[float]) -> dict[str, float]:
    ordered = sorted(t * 1000 for t in times)
    return {
        "reports": len(ordered),
        "median": round(statistics.median(ordered), 3),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        "max": round(ordered[-1], 3),
    }
