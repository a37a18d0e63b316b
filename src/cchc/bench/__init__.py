"""Benchmarks (đo hiệu năng): a synthetic national data set, bulk loading, and measurements.

Numbers, not timed tests: speed targets live here and in ``make bench``, never in the test
suite. Public surface: :func:`generate`, :func:`load_database`, :func:`duckdb_database`,
:func:`bench_aggregate`.
"""

from cchc.bench.load import duckdb_database, duckdb_runner, load_database
from cchc.bench.run import SCALES, BenchResult, bench_aggregate
from cchc.bench.synthetic import (
    NATIONAL_PERIODS,
    SMALL_PERIODS,
    SMALL_PROVINCES,
    SyntheticData,
    generate,
    validate_all,
)

__all__ = [
    "NATIONAL_PERIODS",
    "SCALES",
    "SMALL_PERIODS",
    "SMALL_PROVINCES",
    "BenchResult",
    "SyntheticData",
    "bench_aggregate",
    "duckdb_database",
    "duckdb_runner",
    "generate",
    "load_database",
    "validate_all",
]
