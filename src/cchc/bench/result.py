"""Reporting the aggregation benchmark: what one run measured, and its JSON.

:class:`BenchResult` holds the timings, the figures each backend rolled up, and the validation
summary; :meth:`BenchResult.to_json` cross-checks the backends and compares with the targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cchc.aggregation import Figures
from cchc.bench.synthetic import SyntheticData, ValidationSummary

TARGETS = {"rollup_postgres_s": 2.0, "ratio_to_duckdb": 3.0, "validate_one_province_ms": 50.0}


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

    def to_json(self) -> dict[str, Any]:
        """The runs, rounded, as in the benchmark output."""
        return {
            "cold": round(self.cold, 4),
            "warm": [round(w, 4) for w in self.warm],
            "best": round(self.best, 4),
            "cold_sql": round(self.cold_sql, 4),
            "warm_sql": [round(w, 4) for w in self.warm_sql],
            "best_sql": round(self.best_sql, 4),
        }


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
            "backends": {name: t.to_json() for name, t in self.rollups.items()},
            "crosscheck": self._crosscheck(),
            "validation": self.validation.to_json() if self.validation else None,
            "targets": self._targets(ratio),
            "templates": self.templates,
            "notes": self.notes,
        }

    def _crosscheck(self) -> dict[str, Any]:
        differences = self.differences()
        reference = next(iter(self.figures.values()), Figures())
        return {
            "backends": list(self.figures),
            "identical": not differences and len(self.figures) > 1,
            "indicators": len(set(reference.values) | set(reference.distributions)),
            "differences": differences[:20],
        }

    def _targets(self, ratio: float | None) -> dict[str, Any]:
        measured = {
            "rollup_postgres_s": self.rollups["postgres"].best
            if "postgres" in self.rollups
            else None,
            "ratio_to_duckdb": ratio if self.ratio_backend == "postgres" else None,
            "validate_one_province_ms": self.seconds.get("validate_one_province_ms"),
        }
        return {name: target_json(limit, measured[name], 4) for name, limit in TARGETS.items()}


def target_json(limit: float, measured: float | None, digits: int) -> dict[str, Any]:
    """``{"target", "measured", "met"}`` for one target (None: not measured)."""
    return {
        "target": limit,
        "measured": _round(measured, digits),
        "met": measured <= limit if measured is not None else None,
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
