"""Downloads of a report as DOCX, XLSX or PDF, produced by ``cchc.render``."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.render import build_content, check_format, write_report
from cchc.web.reports import ReportPlace

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def render_download(
    session: Session, catalog: Catalog, place: ReportPlace, fmt: str
) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the report in ``fmt``, written by ``cchc.render``
    into a temporary folder (the signer's checklist stays out of the download)."""
    chosen = check_format(fmt)
    content = build_content(session, catalog, place.unit, place.period, date.today())
    with tempfile.TemporaryDirectory(prefix="cchc-download-") as folder:
        written = write_report(content, chosen, Path(folder) / f"report.{chosen}")
        data = written.report.read_bytes()
    name = f"bao-cao-cchc-{place.unit.key}-{place.period.code}.{chosen}"
    return data, MEDIA_TYPES[chosen], name
