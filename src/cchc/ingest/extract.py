"""From a read document to figures with evidence: metadata, sections, table and narrative
values, reconciled and validated. Nothing is stored here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from cchc.catalog import Catalog, Template
from cchc.ingest.confidence import Grounds, calibrated
from cchc.ingest.document import Document
from cchc.ingest.indicators import matcher_for
from cchc.ingest.metadata import Metadata, read_metadata
from cchc.ingest.narrative import NarrativeValue, narrative_values
from cchc.ingest.restoration import needs_restoration, restore_selected
from cchc.ingest.sections import Section, read_sections
from cchc.ingest.tables import (
    best_template,
    grid_values,
    read_grids,
    read_table_rows,
    table_values,
)
from cchc.units.index import UnitIndex
from cchc.validation import Finding, validate_report
from cchc.validation.findings import vn
from cchc.values import Value


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: line number, the line as printed, table or narrative."""

    line: int
    text: str
    source: str
    restored: str | None = None


@dataclass(frozen=True)
class ExtractedValue:
    """A figure read from the document, matched to a catalog indicator."""

    indicator: str
    value: float
    decimals: int
    evidence: Evidence
    confidence: float
    grounds: Grounds | None = None  # what the confidence rests on (for calibration)


@dataclass
class Extraction:
    """Everything read from one document."""

    document: Document
    metadata: Metadata
    sections: list[Section]
    template: Template | None
    restored_lines: list[str] | None = None
    values: list[ExtractedValue] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def chosen(self) -> dict[str, ExtractedValue]:
        """One value per indicator: a table's first, else the most confident narrative one."""
        best: dict[str, ExtractedValue] = {}
        for item in self.values:
            current = best.get(item.indicator)
            if current is None or _rank(item) > _rank(current):
                best[item.indicator] = item
        return best

    @property
    def is_report(self) -> bool:
        """False when nothing marks the file as a report: no header, no figures."""
        meta = self.metadata
        marks = [meta.document_type, meta.document_number, meta.issuer, meta.period]
        return bool(self.values) or sum(m is not None for m in marks) >= 2


def _rank(item: ExtractedValue) -> tuple[int, float, int]:
    return (item.evidence.source == "table", item.confidence, -item.evidence.line)


def extract(document: Document, catalog: Catalog, units: UnitIndex) -> Extraction:
    """Read metadata, sections and figures of ``document`` and check them."""
    lines = document.lines
    restored = restore_selected(lines) if needs_restoration(document.text) else None
    metadata = read_metadata(lines, units)
    if restored is not None:
        _prefer_restored(metadata, read_metadata(restored, units))
    matcher = matcher_for(catalog)
    grids = read_grids(lines)
    grid_lines = {n for grid in grids for n in grid.lines}
    rows = read_table_rows(lines, skip=grid_lines)
    template = best_template(catalog, matcher, rows) or _template_for(catalog, metadata)
    sections = read_sections(lines)
    extraction = Extraction(document, metadata, sections, template, restored)
    own_forms = _template_for(catalog, metadata)
    prefer = frozenset(own_forms.indicator_ids()) if own_forms else None
    level = metadata.unit_level
    for item in table_values(catalog, matcher, rows, level, prefer):
        where = (item.row.line, item.row.text.strip(), "table")
        _add(extraction, item, *where, Grounds(item.basis, item.confidence))
    for cell in grid_values(catalog, grids, level, prefer, sections):
        _add(extraction, cell, cell.line, cell.text, "table", Grounds("grid", cell.confidence))
    skip = {row.line for row in rows} | grid_lines
    readings = [lines] if restored is None else [lines, restored]
    for found in _narrative(catalog, readings, level, skip, sections, prefer):
        where = (found.line, lines[found.line - 1].strip(), "narrative")
        _add(extraction, found, *where, Grounds("narrative", found.confidence))
    extraction.findings = _reconcile(catalog, extraction) + _validate(catalog, extraction)
    _calibrate(extraction, damaged=document.ocr or restored is not None)
    return extraction


class _Figure(Protocol):
    indicator: str
    value: float
    decimals: int


def _add(
    extraction: Extraction, figure: _Figure, line: int, text: str, source: str, grounds: Grounds
) -> None:
    """A figure read from a table row, a wide table or the narrative, with its evidence and
    the reader's own score (calibrated once everything is read)."""
    evidence = _evidence(line, text, source, extraction.restored_lines)
    extraction.values.append(
        ExtractedValue(
            figure.indicator, figure.value, figure.decimals, evidence, grounds.score, grounds
        )
    )


def _calibrate(extraction: Extraction, *, damaged: bool) -> None:
    """Each value's confidence from the calibration table: its basis and score, the text's
    damage, and whether another reading of its indicator or a failed check doubts it."""
    failed = {key for f in extraction.findings if f.severity == "error" for key in f.indicators}
    values = extraction.values
    for index, item in enumerate(values):
        assert item.grounds is not None
        disputed = any(
            other.indicator == item.indicator and not _agree(other, item) for other in values
        )
        grounds = replace(
            item.grounds, damaged=damaged, doubted=disputed or item.indicator in failed
        )
        values[index] = replace(item, confidence=calibrated(grounds), grounds=grounds)


_RESTORED_FIELDS = ("subject", "signer_name", "signer_title", "recipients", "distribution")


def _prefer_restored(metadata: Metadata, restored: Metadata) -> None:
    """Words people read (subject, signer, recipients) from the restored reading; the unit
    from whichever reading matched it."""
    printed = (metadata.signer_name or "").split()
    for name in _RESTORED_FIELDS:
        value = getattr(restored, name)
        if value:
            setattr(metadata, name, value)
    if restored.signer_name and len(restored.signer_name.split()) > len(printed) > 1:
        # the restorer made a syllable of a speck before the name ("H Nguyén" → "Hộ Nguyên")
        metadata.signer_name = " ".join(restored.signer_name.split()[-len(printed) :])
    if metadata.unit is None and restored.unit is not None:
        metadata.unit, metadata.unit_level = restored.unit, restored.unit_level
        metadata.issuer, metadata.parent_body = restored.issuer, restored.parent_body
    if metadata.period is None:
        metadata.period = restored.period


def _evidence(line: int, text: str, source: str, restored: list[str] | None) -> Evidence:
    """Evidence with the restored line beside the printed one when the text was damaged."""
    return Evidence(line, text, source, restored[line - 1].strip() if restored else None)


def _narrative(
    catalog: Catalog,
    readings: list[list[str]],
    unit_level: str | None,
    skip: set[int],
    sections: list[Section],
    prefer: frozenset[str] | None,
) -> list[NarrativeValue]:
    """Narrative figures of the printed text and, for damaged text, of its restored reading.
    The restored reading (whose words are spelled right) wins; a figure only the printed
    reading finds is kept when its indicator and its number are still free."""
    *printed, best = [
        narrative_values(catalog, reading, unit_level, skip, sections, prefer)
        for reading in readings
    ]
    found = list(best)
    for earlier in printed:
        taken = {f.indicator for f in found} | {(f.line, f.value) for f in found}
        found += [f for f in earlier if f.indicator not in taken and (f.line, f.value) not in taken]
    return found


def _template_for(catalog: Catalog, metadata: Metadata) -> Template | None:
    if not metadata.unit_level:
        return None
    day = metadata.period.end if metadata.period else metadata.issued_on
    found = catalog.templates_for(metadata.unit_level, day)
    return found[0] if found else None


def _validate(catalog: Catalog, extraction: Extraction) -> list[Finding]:
    values = {
        key: Value(key, item.value, item.decimals, None)
        for key, item in extraction.chosen().items()
    }
    template = extraction.template
    findings = validate_report(catalog, values, template=template)
    return [f for f in findings if f.rule != "required"]


def _reconcile(catalog: Catalog, extraction: Extraction) -> list[Finding]:
    """Where the narrative and the tables (or two places) give an indicator different values."""
    findings = []
    for key, chosen in extraction.chosen().items():
        for other in extraction.values:
            if other.indicator != key or other is chosen or _agree(chosen, other):
                continue
            name = catalog.indicator(key).name
            findings.append(
                Finding(
                    "reconcile",
                    "warning",
                    f"«{name}»: {vn(chosen.value)} ở dòng {chosen.evidence.line} "
                    f"({_where(chosen)}) nhưng {vn(other.value)} ở dòng {other.evidence.line} "
                    f"({_where(other)}).",
                    f"{key}: {chosen.value} (line {chosen.evidence.line}) but {other.value} "
                    f"(line {other.evidence.line})",
                    [key],
                    [chosen.value, other.value],
                )
            )
    return findings


def _agree(a: ExtractedValue, b: ExtractedValue) -> bool:
    """Equal, or equal once the more precise one is rounded as the other was printed."""
    return abs(a.value - b.value) <= 0.5 * 10 ** -min(a.decimals, b.decimals) + 1e-9


def _where(item: ExtractedValue) -> str:
    return "bảng biểu" if item.evidence.source == "table" else "phần thuyết minh"
