"""The JSON shape of `cchc extract --json` (a contract: extend, never rename)."""

from __future__ import annotations

from datetime import date

from cchc.catalog import Catalog, Template
from cchc.ingest.confidence import band
from cchc.ingest.extract import ExtractedValue, Extraction


def extraction_json(extraction: Extraction, catalog: Catalog) -> dict:
    """Document, metadata, values with evidence and findings, as documented in the issue."""
    document, meta = extraction.document, extraction.metadata
    template = extraction.template
    period = meta.period
    return {
        "document": {
            "path": str(document.path),
            "format": document.format,
            "pages": document.pages,
            "ocr": document.ocr,
        },
        "metadata": {
            "issuer": meta.issuer,
            "parent_body": meta.parent_body,
            "unit_level": meta.unit_level,
            "unit_id": meta.unit.key if meta.unit else None,
            "unit_name": meta.unit.name if meta.unit else None,
            "document_number": meta.document_number,
            "document_type": meta.document_type,
            "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
            "place": meta.place,
            "subject": meta.subject,
            "period": {
                "code": period.code if period else None,
                "start": period.start.isoformat() if period else None,
                "end": period.end.isoformat() if period else None,
                "printed_window": _window_json(meta.data_window),
            },
            "recipients": meta.recipients,
            "signer": {"name": meta.signer_name, "title": meta.signer_title},
            "distribution": meta.distribution,
        },
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "level": s.level,
                "line": s.line,
                "end": s.end,
                "area": s.area,
            }
            for s in extraction.sections
        ],
        "values": [_value_json(item, catalog, template) for item in extraction.values],
        "findings": [f.to_json() for f in extraction.findings],
    }


def _window_json(window: tuple[date, date] | None) -> dict | None:
    """The data window the report prints, when it prints one."""
    return {"start": window[0].isoformat(), "end": window[1].isoformat()} if window else None


def _value_json(item: ExtractedValue, catalog: Catalog, template: Template | None) -> dict:
    indicator = catalog.indicator(item.indicator)
    place = template.locate(item.indicator) if template else None
    number = int(item.value) if float(item.value).is_integer() else item.value
    return {
        "indicator": item.indicator,
        "name": indicator.name,
        "template": template.id if template and place else None,
        "form": place[0] if place else None,
        "code": place[1] if place else None,
        "value": number,
        "unit": indicator.unit,
        "evidence": {
            "line": item.evidence.line,
            "text": item.evidence.text,
            "source": item.evidence.source,
            "restored": item.evidence.restored,
        },
        "confidence": item.confidence,
        "confidence_band": band(item.confidence),  # sure, review or doubtful
    }
