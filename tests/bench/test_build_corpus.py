"""scripts/build_corpus.py on a tiny source: the text and DOCX forms always, the scanned PDF
and its OCR text when LibreOffice and tesseract are installed."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tests" / "data" / "corpus"
SIDES = ("top", "bottom", "left", "right")


def _load_script():
    if "build_corpus" in sys.modules:  # loaded once: worker processes pickle its functions
        return sys.modules["build_corpus"]
    spec = importlib.util.spec_from_file_location("build_corpus", ROOT / "scripts/build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_corpus"] = module  # worker processes find its functions by this name
    spec.loader.exec_module(module)
    return module


build_corpus = _load_script()


def _build(out: Path, forms: str, *extra: str, sources: Path = SOURCES) -> int:
    argv = ["--sources", str(sources), "--out", str(out), "--only", "tiny", "--forms", forms]
    return build_corpus.main([*argv, *extra])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert _build(out, "txt,docx") == 0
    return out / "tiny"


def _fold(text: str) -> str:
    """Lower case without diacritics (đ → d), as the English OCR model reads Vietnamese."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def test_text_form(built: Path) -> None:
    lines = (built / "tiny.txt").read_text(encoding="utf-8").split("\n")
    assert not any(line.startswith(("---", "id:", "writer:")) for line in lines)
    assert not any(":::" in line or "||" in line for line in lines)
    first = lines[0]
    assert first.startswith("UBND HUYỆN THỬ NGHIỆM   ")
    assert first.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert first.index("CỘNG HÒA") == lines[2].index("An Bình, ngày")  # a fixed column
    assert "BÁO CÁO" in [line.strip() for line in lines]
    assert "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\tGhi chú" in lines
    assert "1\tSố văn bản chỉ đạo CCHC đã ban hành\tVăn bản\t04\t" in lines
    assert "2\tTổng số hồ sơ tiếp nhận\tHồ sơ\t1.234\tKể cả kỳ trước" in lines
    assert "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH" in lines  # a merged row: its text alone
    assert "1\tTỷ lệ hồ sơ trực tuyến\t85,5" in lines
    assert "\f" in lines  # the page break
    paragraph = next(line for line in lines if line.startswith("Trong quý, UBND xã"))
    assert paragraph.endswith("1.230 hồ sơ.")  # one paragraph, one line


def _borders(table) -> set[str]:
    edges = table._tbl.tblPr.find(qn("w:tblBorders"))
    return {edge.get(qn("w:val")) for edge in edges}


def test_docx_page_and_font(built: Path) -> None:
    doc = Document(str(built / "tiny.docx"))
    section = doc.sections[0]
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1
    margins = {side: round(getattr(section, f"{side}_margin").mm, 1) for side in SIDES}
    assert 20 <= margins["top"] <= 25 and 20 <= margins["bottom"] <= 25  # Nghị định 30/2020
    assert 30 <= margins["left"] <= 35 and 15 <= margins["right"] <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.alignment == 1 and all(run.bold for run in title.runs)  # centred, bold
    body = next(p for p in doc.paragraphs if p.text.startswith("Trong quý, UBND xã"))
    assert body.alignment == 3 and body.paragraph_format.first_line_indent > 0  # justified
    assert sum('w:br w:type="page"' in p._p.xml for p in doc.paragraphs) == 1


def test_docx_header_and_signature_are_borderless_two_column_tables(built: Path) -> None:
    header, table, signature, annex = Document(str(built / "tiny.docx")).tables
    assert len(header.columns) == 2 and len(header.rows) == 3
    assert header.cell(0, 0).text == "UBND HUYỆN THỬ NGHIỆM"
    assert header.cell(2, 1).text == "An Bình, ngày 12 tháng 3 năm 2024"
    assert len(signature.columns) == 2 and signature.cell(3, 1).text == "Nguyễn Văn Bình"
    assert _borders(header) == _borders(signature) == {"nil"}
    assert _borders(table) == _borders(annex) == {"single"}


def test_docx_table_rows_cells_and_merged_rows(built: Path) -> None:
    table = Document(str(built / "tiny.docx")).tables[1]
    assert len(table.rows) == 6 and len(table.columns) == 5
    header = table.rows[0]
    names = ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
    assert [c.text for c in header.cells] == names
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    merged = table.rows[3]
    assert len({id(cell._tc) for cell in merged.cells}) == 1  # one cell across the row
    assert merged.cells[0].text == "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
    assert [c.text for c in table.rows[4].cells] == [
        "2", "Tổng số hồ sơ tiếp nhận", "Hồ sơ", "1.234", "Kể cả kỳ trước",
    ]  # fmt: skip
    assert [c.text for c in table.rows[5].cells][-1] == ""  # the empty last cell is kept
    annex = Document(str(built / "tiny.docx")).tables[3]
    assert len(annex.rows) == 2 and len(annex.columns) == 3


def test_docx_bytes_are_deterministic(built: Path, tmp_path: Path) -> None:
    assert _build(tmp_path, "docx") == 0
    assert (tmp_path / "tiny" / "tiny.docx").read_bytes() == (built / "tiny.docx").read_bytes()


def test_up_to_date_reports_are_skipped(tmp_path: Path, capsys) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SOURCES / "tiny.txt", sources / "tiny.txt")
    out = tmp_path / "out"
    assert _build(out, "txt", sources=sources) == 0
    assert "up to date" not in capsys.readouterr().out
    assert _build(out, "txt", sources=sources) == 0
    assert "tiny" in (printed := capsys.readouterr().out) and "up to date" in printed
    assert _build(out, "txt", "--force", sources=sources) == 0
    assert "up to date" not in capsys.readouterr().out
    with (sources / "tiny.txt").open("a", encoding="utf-8") as source:
        source.write("Một đoạn thêm.\n")
    assert _build(out, "txt", sources=sources) == 0
    assert "up to date" not in capsys.readouterr().out
    assert (out / "tiny" / "tiny.txt").read_text(encoding="utf-8").endswith("Một đoạn thêm.\n")
    assert _build(out, "txt,docx", sources=sources) == 0  # docx is new: built
    assert "docx" in capsys.readouterr().out and (out / "tiny" / "tiny.docx").exists()


def test_missing_tools_stop_with_a_message(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(build_corpus.shutil, "which", lambda name: None)
    assert _build(tmp_path, "txt,scan") == 1
    assert "LibreOffice" in capsys.readouterr().err
    assert not (tmp_path / "tiny").exists()


def test_unknown_report_is_an_error(tmp_path: Path, capsys) -> None:
    assert build_corpus.main(["--sources", str(SOURCES), "--out", str(tmp_path), "--only", "nope"])
    assert "nope" in capsys.readouterr().err


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("tesseract")),
    reason="needs LibreOffice (soffice) and tesseract",
)
def test_scan_and_ocr_forms(tmp_path: Path) -> None:
    import pypdfium2

    assert _build(tmp_path, "scan,ocr") == 0
    pdf = pypdfium2.PdfDocument(str(tmp_path / "tiny" / "tiny.scan.pdf"))
    try:
        assert len(pdf) == 2
        for page in pdf:
            width, height = page.get_size()
            assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
            assert page.get_textpage().count_chars() == 0  # no text layer
    finally:
        pdf.close()
    assert (tmp_path / "tiny" / "tiny.scan.pdf").stat().st_size < 2 * 1_500_000
    ocr = (tmp_path / "tiny" / "tiny.ocr.txt").read_text(encoding="utf-8")
    assert ocr.count("\f") == 1  # two pages
    folded = " ".join(_fold(ocr).split())
    expected = ["bao cao", "ubnd", "cchc", "1.234", "ho so", "hanh chinh", "an binh"]
    found = [word for word in expected if word in folded]
    assert len(found) >= 5, (found, folded)
