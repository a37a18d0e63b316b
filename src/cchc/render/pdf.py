"""The report as PDF: the DOCX converted by LibreOffice headless (installed by
``scripts/install-system-deps.sh``), in a temporary directory with its own profile and a
time limit, so that conversions never block each other or a desktop LibreOffice."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from cchc.errors import InputError
from cchc.ingest.readers.doc import convert_with_libreoffice, find_soffice
from cchc.render.docx import write_docx
from cchc.render.model import ReportContent

TIMEOUT_SECONDS = 180.0


def write_pdf(content: ReportContent, path: Path, *, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Write the report to ``path`` (.pdf) through a DOCX converted by LibreOffice."""
    if find_soffice() is None:
        raise InputError(
            "Không xuất được PDF: máy chưa cài LibreOffice (lệnh soffice). Hãy chạy "
            "`make system-deps`, hoặc xuất DOCX (--format docx) rồi lưu thành PDF trong Word.",
            "cannot write PDF: LibreOffice (soffice) is not installed",
        )
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        workdir = Path(tmp)
        source = write_docx(content, workdir / "report.docx")
        converted = convert_with_libreoffice(source, "pdf", workdir, timeout=timeout)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(converted), path)
    return path
