"""Validating the synthetic data set as the application would, and summing up the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cchc.bench.dataset import SyntheticData
from cchc.catalog import Catalog, Template
from cchc.validation import Finding, validate_report


@dataclass
class ValidationSummary:
    """What validating every generated report found."""

    reports: int = 0
    values: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # severity → count
    rules: Counter[str] = field(default_factory=Counter)  # "severity:rule" → count
    examples: list[str] = field(default_factory=list)  # the first errors, in English

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return self.findings["error"]

    def to_json(self) -> dict:
        """The JSON shape used in the benchmark output."""
        return {
            "reports": self.reports,
            "values": self.values,
            "errors": self.findings["error"],
            "warnings": self.findings["warning"],
            "infos": self.findings["info"],
            "rules": dict(sorted(self.rules.items())),
            "examples": self.examples,
        }


def validate_one(catalog: Catalog, data: SyntheticData, i: int) -> list[Finding]:
    """Validate report ``i`` as the application would: with its template (when native), the
    previous period of the same year and the same period of last year."""
    spec = data.reports[i]
    chosen = data.sets[(spec.level, spec.period.code)]
    template: Template | None = catalog.templates[chosen.template] if chosen.native else None
    previous_period = spec.period.previous()
    previous = data.report_index(spec.unit_key, previous_period.code)
    last_year = data.report_index(spec.unit_key, spec.period.same_period_last_year().code)
    return validate_report(
        catalog,
        data.values_of(i),
        template=template,
        previous=data.values_of(previous) if previous is not None else None,
        same_period_last_year=data.values_of(last_year) if last_year is not None else None,
        previous_same_year=previous_period.year == spec.period.year,
    )


def validate_all(
    catalog: Catalog, data: SyntheticData, on_report: Callable[[int], None] | None = None
) -> ValidationSummary:
    """Validate every generated report; ``on_report(n)`` reports progress."""
    summary = ValidationSummary()
    for i in range(len(data.reports)):
        findings = validate_one(catalog, data, i)
        summary.reports += 1
        summary.values += data.offsets[i + 1] - data.offsets[i]
        for finding in findings:
            summary.findings[finding.severity] += 1
            summary.rules[f"{finding.severity}:{finding.rule}"] += 1
            if finding.severity == "error" and len(summary.examples) < 10:
                spec = data.reports[i]
                summary.examples.append(f"{spec.unit_key} {spec.period.code}: {finding.message_en}")
        if on_report and (i + 1) % 1000 == 0:
            on_report(1000)
    if on_report:
        on_report(len(data.reports) % 1000)
    return summary
