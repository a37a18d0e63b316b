"""Readers for every input format, the shared text repair, and every bad input.

Fixtures are made here, in temporary directories: DOCX with python-docx, PDF and DOC by
converting that DOCX with LibreOffice, scans by drawing Vietnamese text with Pillow.
"""

from __future__ import annotations

import difflib
import shutil
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image, ImageDraw, ImageFont

from cchc.errors import InputError
from cchc.ingest.document import Document
from cchc.ingest.formats import FORMATS, read_document, supported_extensions
from cchc.ingest.legacy import fix_ligatures
from cchc.ingest.readers import doc as doc_reader
from cchc.ingest.readers.base import ReadOptions
from cchc.ingest.readers.doc import DocReader, convert_with_libreoffice, find_soffice
from cchc.ingest.repair import normalise, repair_pages, repair_text

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_soffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT.exists(),
    reason="Tesseract OCR or the DejaVu font is not installed",
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
BODY = (
    "Ngay từ đầu năm, công tác cải cách hành chính được các cấp, các ngành tỉnh Bắc Giang "
    "tập trung lãnh đạo, chỉ đạo, kịp thời ban hành các văn bản để tổ chức thực hiện có hiệu "
    "quả, trong đó có Kế hoạch về cải cách hành chính nhà nước tỉnh Bắc Giang năm 2023"
)
NOTE = "Kế hoạch số 6478/KH-UBND ngày 26/12/2022 của Chủ tịch UBND tỉnh"
ROW_1 = "1\tSố văn bản chỉ đạo CCHC\tVăn bản\t50"
SCAN_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
    "Số: 05/BC-UBND ngày 05 tháng 10 năm 2023",
    "Kết quả công tác cải cách hành chính Quý III",
    "Ủy ban nhân dân tỉnh đã ban hành 14 văn bản",
    "chỉ đạo, điều hành; tiếp nhận 59.790 hồ sơ,",
    "giải quyết đúng hạn đạt tỷ lệ 99,3%.",
]


# -- fixtures -------------------------------------------------------------------------------


def _footnotes_part(package, notes: list[str]) -> Part:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        "</w:footnote>"
        for i, text in enumerate(notes, start=1)
    )
    xml = (
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f"{body}</w:footnotes>"
    )
    return Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml.encode(), package)


def _add_footnote_reference(paragraph, note_id: int) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


def make_docx(path: Path) -> Path:
    """A short report: header block, paragraphs, a list, a merged-cell table, a footnote."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "ĐẦU TRANG LẶP LẠI"
    section.footer.paragraphs[0].text = "Chân trang 1"
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    left.text = "ỦY BAN NHÂN DÂN"
    left.add_paragraph("TỈNH BẮC GIANG")
    left.add_paragraph("Số: 05/BC-UBND")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("Bắc Giang, ngày 05 tháng 10 năm 2023")
    for text in ("BÁO CÁO", "Kết quả công tác cải cách hành chính Quý III năm 2023"):
        document.add_paragraph(text)
    document.add_paragraph("Kính gửi: Bộ Nội vụ")
    document.add_paragraph("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC")
    paragraph = document.add_paragraph(BODY)
    _add_footnote_reference(paragraph, 1)
    paragraph.add_run(".")
    document.add_paragraph("- Cấp tỉnh: tiếp nhận 59.790 hồ sơ; đã giải quyết 54.106 hồ sơ.")
    document.add_paragraph("Cải cách thể chế", style="List Number")
    document.add_paragraph("Cải cách thủ tục hành chính", style="List Number")
    _add_table(document)
    document.add_paragraph("Nơi nhận:")
    document.part.relate_to(_footnotes_part(document.part.package, [NOTE]), RT.FOOTNOTES)
    document.save(str(path))
    return path


def _add_table(document) -> None:
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    top, second = table.rows[0].cells, table.rows[1].cells
    top[0].text, top[1].text = "STT", "Chỉ tiêu"
    top[2].merge(top[3]).text = "Kết quả"
    top[0].merge(second[0])
    top[1].merge(second[1])
    second[2].text, second[3].text = "Đơn vị tính", "Số liệu"
    rows = (ROW_1.split("\t"), ["2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", "40"])
    for row, values in zip(table.rows[2:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def render_scan(size: int = 40) -> Image.Image:
    """Vietnamese text drawn at about 10 pt for 300 dpi, as a scanner would see it."""
    font = ImageFont.truetype(str(FONT), size)
    step = int(size * 1.6)
    image = Image.new("L", (1300, 60 + len(SCAN_LINES) * step), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(SCAN_LINES):
        draw.text((50, 30 + i * step), line, font=font, fill=0)
    return image


def word_accuracy(expected: list[str], text: str) -> float:
    want = " ".join(expected).split()
    got = unicodedata.normalize("NFC", text).split()
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("readers")


@pytest.fixture(scope="module")
def docx_file(workdir: Path) -> Path:
    return make_docx(workdir / "bao-cao.docx")


@pytest.fixture(scope="module")
def converted(workdir: Path, docx_file: Path):
    """LibreOffice conversions of the DOCX, made once: {"pdf": path, "doc": path}."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = {}
    for target in ("pdf", "doc"):
        tmp = workdir / f"lo-{target}"
        tmp.mkdir()
        made = convert_with_libreoffice(docx_file, target, tmp, timeout=120)
        out[target] = made.rename(workdir / f"bao-cao.{target}")
    return out


# -- the format table -----------------------------------------------------------------------


def test_format_table_covers_every_extension() -> None:
    assert set(supported_extensions()) == {
        ".txt",
        ".docx",
        ".doc",
        ".pdf",
        ".png",
        ".jpg",
        ".jpeg",
        ".tif",
        ".tiff",
    }
    assert len({fmt.name for fmt in FORMATS}) == len(FORMATS)


# -- plain text -----------------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples not present")
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_samples_keep_every_line(name: str) -> None:
    source = (SAMPLES / name).read_text(encoding="utf-8").split("\n")
    document = read_document(SAMPLES / name)
    assert document.format == "txt"
    assert len(document.lines) == len(source)
    assert [ln for ln in document.lines if "\t" in ln] == [ln for ln in source if "\t" in ln]
    for before, after in zip(source, document.lines, strict=True):
        # a line is kept, emptied (page number, footnote) or loses footnote markers only
        assert after == "" or _core(after) == _core(before)


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples not present")
def test_bac_giang_footnotes_are_separated() -> None:
    document = read_document(SAMPLES / "bac-giang-province-q3-2023.txt")
    assert len(document.footnotes) == 44
    assert (
        document.footnotes[0] == "1 Kế hoạch số 10/KH-UBND ngày 25/01/2023 của Chủ tịch UBND tỉnh"
    )
    assert not any(line.startswith("¹") for line in document.lines)
    assert "trên địa bàn tỉnh Bắc Giang; Kế hoạch tiếp tục" in document.lines[16]


def _core(line: str) -> str:
    return fix_ligatures(line).translate({ord(c): None for c in "⁰¹²³⁴⁵⁶⁷⁸⁹ "})


def test_txt_page_numbers_and_form_feeds(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Dòng một.\n\n2\n\n\fDòng hai có ²⁰²³ và m² nữa.\n", encoding="utf-8")
    document = read_document(path)
    assert document.lines == ["Dòng một.", "", "", "", "Dòng hai có ²⁰²³ và m² nữa.", ""]


# -- repair ---------------------------------------------------------------------------------


def test_normalise_unicode_and_spaces() -> None:
    assert normalise("Vie\u0323\u0302t\u00a0Nam\u200b") == "Việt Nam"
    assert normalise("ke\u0301\u0302t qua\u0309") == "kết quả"  # tone typed before the hat
    assert normalise("ÐỘC LẬP ﬁle") == "ĐỘC LẬP file"


def test_wrapped_lines_are_joined_but_structure_kept() -> None:
    page = [
        "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "Trong 6 tháng đầu năm, Ủy ban nhân dân huyện đã ban hành 63 văn bản chỉ đạo,",
        "hướng dẫn, đôn đốc triển khai công tác cải cách hành chính trên địa bàn huyện",
        "năm 2023 và tổ chức quán triệt, triển khai thực hiện nghiêm túc.",
        "- Tăng cường việc thực hiện chứng thực điện tử bản sao từ bản chính tại xã,",
        "bảo đảm 100% các xã, thị trấn nghiêm túc thực hiện.",
        "a) nội dung thứ nhất của kế hoạch được giao trong năm 2023 cho các cơ quan",
        "STT\tChỉ tiêu\tSố liệu",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    lines = repair_pages([page]).text.split("\n")
    assert lines[0] == page[0]
    assert lines[1].startswith("Trong 6 tháng") and lines[1].endswith("nghiêm túc.")
    assert lines[2] == page[4] + " " + page[5]
    assert lines[3:] == page[6:]


def test_running_headers_page_numbers_and_footnotes_across_pages() -> None:
    header = "UBND HUYỆN TỨ KỲ - BÁO CÁO CCHC"
    pages = [
        [header, "Trang đầu: công tác chỉ đạo, điều hành được quan tâm.", "- 1 -"],
        [
            header,
            "Ủy ban nhân dân huyện đã ban hành nhiều văn bản chỉ đạo, điều hành công tác cải",
            "cách hành chính tại địa bàn tỉnh3 trong năm qua, cụ thể như sau, bảo đảm đúng",
            "_______",
            "3 Quyết định số 12/QĐ-UBND ngày 01/3/2023",
            "của Ủy ban nhân dân tỉnh",
            "- 2 -",
        ],
        [header, "tiến độ đề ra.", "Câu khác của trang ba.", "- 3 -"],
    ]
    repaired = repair_pages(pages)
    assert repaired.text.split("\n") == [
        "Trang đầu: công tác chỉ đạo, điều hành được quan tâm.",
        "Ủy ban nhân dân huyện đã ban hành nhiều văn bản chỉ đạo, điều hành công tác cải cách "
        "hành chính tại địa bàn tỉnh trong năm qua, cụ thể như sau, bảo đảm đúng tiến độ đề ra.",
        "Câu khác của trang ba.",
    ]
    assert [str(n) for n in repaired.footnotes] == [
        "3 Quyết định số 12/QĐ-UBND ngày 01/3/2023 của Ủy ban nhân dân tỉnh"
    ]
    assert repaired.footnotes[0].anchor_line == 2
    assert repaired.origins == [(1, 2), (2, 2), (3, 3)]


def test_numbered_headings_on_every_page_are_not_running_headers() -> None:
    pages = [[f"Biểu mẫu {n}", f"Nội dung biểu {n}.", f"Báo cáo - Trang {n}"] for n in range(4)]
    lines = repair_pages(pages).text.split("\n")
    assert lines == [ln for n in range(4) for ln in (f"Biểu mẫu {n}", f"Nội dung biểu {n}.")]


def test_superscript_units_are_not_footnote_markers() -> None:
    text = repair_text("Diện tích 120 m² được giao¹.\n¹ Quyết định số 5/QĐ-UBND\n²x").text
    assert text.split("\n")[0] == "Diện tích 120 m² được giao."


# -- Word -----------------------------------------------------------------------------------


def test_docx_blocks_in_order(docx_file: Path) -> None:
    document = read_document(docx_file)
    lines = document.lines
    assert document.format == "docx" and not document.ocr
    assert lines[:3] == [
        "ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH BẮC GIANG  Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-UBND  Bắc Giang, ngày 05 tháng 10 năm 2023",
    ]
    assert BODY + "." in lines  # the footnote marker is gone from the text
    assert "1. Cải cách thể chế" in lines and "2. Cải cách thủ tục hành chính" in lines
    table = [ln for ln in lines if "\t" in ln]
    assert table == [
        "STT\tChỉ tiêu\tKết quả\t",
        "\t\tĐơn vị tính\tSố liệu",
        ROW_1,
        "2\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t40",
    ]
    assert document.footnotes == [f"1 {NOTE}"]
    assert "ĐẦU TRANG" not in document.text and "Chân trang" not in document.text


def test_docx_revisions_tabs_and_breaks(tmp_path: Path) -> None:
    """Deleted text is gone, inserted text kept; a tab is not a table cell; a line break is
    a new line."""
    document = docx.Document()
    paragraph = document.add_paragraph("Số: 05/BC-UBND")
    paragraph._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:tab/><w:t>Bắc Giang, ngày 05 tháng 10 năm 2023</w:t></w:r>"
        )
    )
    paragraph = document.add_paragraph("Đã giải quyết ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="a"><w:r><w:delText>90</w:delText></w:r>'
            "</w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="a"><w:r><w:t>95</w:t></w:r></w:ins>')
    )
    paragraph.add_run(" hồ sơ.").add_break()
    paragraph.add_run("Dòng sau.")
    path = tmp_path / "sua.docx"
    document.save(str(path))
    lines = [ln for ln in read_document(path).lines if ln]
    assert lines == [
        "Số: 05/BC-UBND  Bắc Giang, ngày 05 tháng 10 năm 2023",
        "Đã giải quyết 95 hồ sơ.",
        "Dòng sau.",
    ]


@needs_soffice
def test_doc_through_libreoffice(converted, docx_file: Path) -> None:
    document = read_document(converted["doc"])
    assert document.format == "doc"
    assert document.lines == read_document(docx_file).lines
    assert document.footnotes == [f"1 {NOTE}"]


# -- PDF ------------------------------------------------------------------------------------


@needs_soffice
def test_pdf_text_layer(converted) -> None:
    document = read_document(converted["pdf"])
    assert document.format == "pdf" and document.pages == 1 and not document.ocr
    assert BODY + "." in document.lines  # wrapped lines joined, marker removed
    assert ROW_1 in document.lines  # table rows as TAB-separated cells, in place
    assert document.lines.index("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC") < document.lines.index(ROW_1)
    assert "1. Cải cách thể chế" in document.lines
    assert document.footnotes == [f"1 {NOTE}"]
    assert "Chân trang 1" not in " ".join(document.footnotes)


# -- scans ----------------------------------------------------------------------------------


@needs_tesseract
def test_png_ocr_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    render_scan().save(path, dpi=(300, 300))
    document = read_document(path)
    assert document.format == "png" and document.ocr and document.pages == 1
    assert word_accuracy(SCAN_LINES, document.text) >= 0.9


@needs_tesseract
def test_misnamed_image_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    render_scan().save(path, format="PNG")
    assert read_document(path).format == "png"


@needs_tesseract
def test_scanned_pdf_is_ocred(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    render_scan().convert("RGB").save(path, resolution=300)
    document = read_document(path)
    assert document.format == "pdf" and document.ocr
    assert word_accuracy(SCAN_LINES, document.text) >= 0.9


@needs_tesseract
def test_multipage_tiff(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    first = render_scan(size=36)
    first.save(path, save_all=True, append_images=[first.copy()], dpi=(300, 300))
    document = read_document(path)
    assert document.format == "tiff" and document.pages == 2
    assert word_accuracy(SCAN_LINES * 2, document.text) >= 0.9


# -- bad input ------------------------------------------------------------------------------


def _assert_vietnamese(error: InputError, *words: str) -> None:
    assert error.message_vi != error.message_en
    assert any(ch in error.message_vi for ch in "ệợấảọốữđ")  # written in Vietnamese
    for word in words:
        assert word in error.message_vi


def _read_error(path: Path, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path, **kwargs)
    return caught.value


def _encrypted_pdf() -> bytes:
    """A minimal PDF under the standard security handler whose user password is not empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    ident = b"ab" * 16
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R " % (len(objects) + 1)
    out += b"/ID [<" + ident + b"> <" + ident + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


BAD_FILES = {
    "empty.txt": (b"", ["trống"]),
    "junk.txt": (bytes(range(256)) * 20, ["không phải văn bản"]),
    "not-zip.docx": (b"Day khong phai tep Word", ["không phải Word"]),
    "broken.docx": (b"PK\x03\x04" + b"\x00" * 200, ["hỏng"]),
    "not-pdf.pdf": (b"<html>trang web</html>", ["không phải PDF"]),
    "broken.pdf": (b"%PDF-1.4\n garbage \x00\x01" * 30, ["hỏng"]),
    "encrypted.pdf": (_encrypted_pdf(), ["mật khẩu"]),
    "not-png.png": (b"GIF89a....", ["không phải ảnh PNG"]),
    "broken.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ["hỏng"]),
    "report.odt": (b"PK\x03\x04", ["Không hỗ trợ", ".odt"]),
    "not-doc.doc": (b"%PDF-1.4 misnamed", ["không phải Word 97"]),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_is_an_input_error(tmp_path: Path, name: str) -> None:
    data, words = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    _assert_vietnamese(_read_error(path), *words)


def test_missing_file(tmp_path: Path) -> None:
    _assert_vietnamese(_read_error(tmp_path / "khong-co.docx"), "Không tìm thấy")


def test_too_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "dai.pdf"
    pages = [Image.new("RGB", (100, 140), "white") for _ in range(3)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    _assert_vietnamese(_read_error(path, max_pages=2), "3 trang", "2 trang")


@needs_tesseract
def test_image_without_text(tmp_path: Path) -> None:
    path = tmp_path / "trang.png"
    Image.new("L", (400, 300), 255).save(path)
    _assert_vietnamese(_read_error(path), "Không tìm thấy chữ")


@needs_tesseract
def test_missing_ocr_language(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    render_scan().save(path)
    _assert_vietnamese(_read_error(path, ocr_languages="vie+xyz"), "xyz")


def test_libreoffice_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: None)
    _assert_vietnamese(_read_error(path), "LibreOffice")


def test_libreoffice_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nexec sleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(doc_reader, "find_soffice", lambda: str(hanging))
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError) as caught:
        DocReader().read(path, ReadOptions(soffice_timeout=0.5))
    _assert_vietnamese(caught.value, "LibreOffice", "0.5 giây")


@needs_soffice
def test_corrupt_doc(tmp_path: Path) -> None:
    path = tmp_path / "hong.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    _assert_vietnamese(_read_error(path), "LibreOffice")


def test_read_document_returns_a_document(docx_file: Path) -> None:
    assert isinstance(read_document(str(docx_file)), Document)  # type: ignore[arg-type]
