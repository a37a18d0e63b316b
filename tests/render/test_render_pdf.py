"""The PDF: the DOCX converted by LibreOffice headless."""

import shutil

import pdfplumber
import pytest
from tests.render.conftest import content_of

from cchc.render import write_report
from cchc.storage import make_engine

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed: run `make system-deps`",
)


@pytest.fixture
def engine(sqlite_url):
    """One conversion is enough: the PDF is made from the DOCX whatever the database."""
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def test_pdf_has_the_pages_of_an_official_report(bac_giang, tmp_path):
    content = content_of(bac_giang, "p24")
    path = write_report(content, "pdf", tmp_path / "p24.pdf").report
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        assert len(pages) >= 10  # body, signature, comparison annex, seven forms
        first = pages[0].extract_text()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "BÁO CÁO" in first
        assert "Độc lập - Tự do - Hạnh phúc" in first
        assert not first.lstrip().startswith("1")  # no page number on page 1
        assert pages[1].extract_text().lstrip().startswith("2")
        fonts = {c["fontname"].split("+")[-1] for c in pages[0].chars}
        assert fonts and all(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in fonts)
        landscape = [p for p in pages if p.width > p.height]
        assert landscape and "PHỤ LỤC" in landscape[0].extract_text()
