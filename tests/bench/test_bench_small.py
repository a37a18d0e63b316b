"""The benchmark at small scale. Its numbers are not checked (speed lives in `make bench`); what
is checked is that SQLite, PostgreSQL (when the test server runs) and DuckDB roll the same data
up to IDENTICAL figures for every indicator, and that the generated data validates cleanly."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from typer.testing import CliRunner

from cchc.aggregation import Figures, combine
from cchc.bench.run import bench_aggregate
from cchc.bench.synthetic import (
    NATIONAL_PERIODS,
    SMALL_PROVINCES,
    generate,
    indicator_set,
    validate_all,
)
from cchc.cli.bench import app
from cchc.units import parse_period_code

pytest.importorskip("duckdb")

SECONDS = {
    "generate",
    "validate_all",
    "validate_one_province_ms",
    "load_sqlite",
    "load_duckdb",
    "rollup_sqlite",
    "rollup_sqlite_cold",
    "rollup_duckdb",
    "rollup_duckdb_cold",
}


@pytest.fixture(scope="module")
def pg_url(request) -> str | None:
    """The test PostgreSQL server when there is one (conftest decides: skip or, under
    `make test`, fail)."""
    try:
        return request.getfixturevalue("postgres_url")
    except pytest.skip.Exception:
        return None


@pytest.fixture(scope="module")
def small(pg_url):
    return bench_aggregate("small", pg_url, progress=False)


def test_every_backend_rolls_up_identical_figures(small, pg_url):
    expected = {"sqlite", "duckdb"} | ({"postgres"} if pg_url else set())
    assert set(small.figures) == expected
    reference = small.figures["sqlite"]
    assert len(reference.values) > 50
    assert reference.distributions  # coded answers counted too
    assert any(v != int(v) for v in reference.values.values())  # recomputed ratios
    for name, figures in small.figures.items():
        assert figures.values == reference.values, name
        assert figures.reporters == reference.reporters, name
        assert figures.distributions == reference.distributions, name
    assert small.differences() == []


def test_the_sql_roll_up_equals_combining_every_report_in_python(small, catalog, unit_records):
    """The same semantics without SQL: combine() over the unit tree, unit by unit."""
    period = small.data.periods[-1]
    expected = _python_rollup(catalog, unit_records, small.data, period)
    figures = small.figures["sqlite"]
    assert figures.values == expected.values
    assert figures.reporters == expected.reporters
    assert figures.distributions == expected.distributions
    assert max(figures.reporters.values()) >= 50  # departments and districts, not 3 provinces


def _python_rollup(catalog, records, data, period) -> Figures:
    day = period.end
    children = defaultdict(list)
    for record in records:
        if (record.valid_from is None or record.valid_from <= day) and (
            record.valid_to is None or record.valid_to >= day
        ):
            children[record.parent_key].append(record.key)

    def effective(key: str) -> Figures:
        i = data.report_index(key, period.code)
        own = Figures.of_report(catalog, data.numbers_of(i)) if i is not None else None
        return combine(catalog, own, [effective(child) for child in children[key]])

    return effective("vn")


def test_generated_data_validates_without_errors(small):
    assert small.validation is not None
    assert small.validation.reports == small.reports
    assert small.validation.errors == 0, small.validation.examples


def test_eight_periods_validate_without_errors_across_years(catalog, unit_records):
    """Cumulative values never fall within a year, stocks hold, relations add up — over all
    eight national periods for the small provinces."""
    data = generate(catalog, unit_records, NATIONAL_PERIODS, provinces=SMALL_PROVINCES[:1])
    summary = validate_all(catalog, data)
    assert summary.reports == len(data.reports) > 0
    assert summary.errors == 0, summary.examples


def test_generation_is_deterministic(catalog, unit_records):
    one = generate(catalog, unit_records, ("2023-Q1",), provinces=["p48"], seed=7)
    two = generate(catalog, unit_records, ("2023-Q1",), provinces=["p48"], seed=7)
    other = generate(catalog, unit_records, ("2023-Q1",), provinces=["p48"], seed=8)
    assert one.nums == two.nums and one.indicators == two.indicators
    assert one.nums != other.nums
    assert all(s.submitted_at.date() <= s.period.deadline_for(s.level) for s in one.reports)


def test_every_reporting_level_has_indicators(catalog):
    day = parse_period_code("2023-Y").end
    for level in ("province", "department", "district", "commune"):
        chosen = indicator_set(catalog, level, day)
        assert chosen is not None and chosen.indicators, level


def test_cli_prints_the_json_contract(pg_url):
    args = ["aggregate", "--scale", "small", "--json", "--no-progress"]
    if pg_url:
        args += ["--postgres-url", pg_url]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data["rows"], int) and data["rows"] > 0
    assert set(data["seconds"]) >= SECONDS
    assert all(isinstance(v, float) for v in data["seconds"].values())
    assert isinstance(data["ratio_to_duckdb"], float)
    assert data["ratio_backend"] == ("postgres" if pg_url else "sqlite")
    assert data["crosscheck"]["identical"] is True
    assert data["validation"]["errors"] == 0
    if pg_url:
        assert {"load_postgres", "rollup_postgres", "rollup_postgres_cold"} <= set(data["seconds"])
    else:
        assert any("PostgreSQL skipped" in note for note in data["notes"])
