"""The Word document: read back by `cchc extract` it gives the same values and metadata, and its
layout is that of Nghị định 30/2020 (checked in the DOCX XML)."""

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from tests.render.conftest import H1, SIGNED_ON, content_of, store

from cchc.catalog import default_catalog
from cchc.ingest.extract import extract
from cchc.ingest.formats import read_document
from cchc.render import write_report
from cchc.storage import find_unit, report_values, transaction
from cchc.storage.models import Report
from cchc.units.index import default_unit_index

FONT = "Times New Roman"


@pytest.fixture
def bac_giang_docx(bac_giang, tmp_path):
    content = content_of(bac_giang, "p24")
    return content, write_report(content, "docx", tmp_path / "p24.docx").report


def test_round_trip_gives_the_same_values_and_metadata(bac_giang, bac_giang_docx):
    content, path = bac_giang_docx
    catalog = default_catalog()
    extraction = extract(read_document(path), catalog, default_unit_index())
    meta = extraction.metadata
    assert meta.unit is not None and meta.unit.key == "p24"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Bắc Giang" and meta.parent_body is None
    assert meta.period is not None and meta.period.code == "2023-Q3"
    assert meta.document_number == "/BC-UBND" and meta.document_type == "BÁO CÁO"
    assert meta.issued_on == SIGNED_ON and meta.place == "Bắc Giang"
    assert meta.signer_title == "TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH" and meta.signer_name is None
    assert meta.recipients == ["Bộ Nội vụ"]
    assert extraction.template is not None and extraction.template.id == "province-581"
    with transaction(bac_giang) as session:
        report = session.query(Report).one()
        stored = report_values(session, report=report)
    read = {key: item for key, item in extraction.chosen().items()}
    for key, value in stored.items():
        assert read[key].evidence.source == "table", key
        if catalog.composition(key) and catalog.composition(key).kind == "ratio":
            # ratios are printed as computed from their parts, rounded to 2 decimals
            assert read[key].value == pytest.approx(content.values[key], abs=0.005), key
        else:
            assert read[key].value == value.num, key


def test_a_department_reads_back_with_its_parent_body_and_title(engine, tmp_path):
    with transaction(engine) as session:
        unit = find_unit(session, "p08.stttt")
        store(session, unit, "department-581", {"procedures.resolved.province": 7863}, period=H1)
    content = content_of(engine, "p08.stttt", H1, SIGNED_ON.replace(year=2022, month=6))
    path = write_report(content, "docx", tmp_path / "dept.docx").report
    meta = extract(read_document(path), default_catalog(), default_unit_index()).metadata
    assert meta.unit is not None and meta.unit.key == "p08.stttt"
    assert meta.parent_body == "Ủy ban nhân dân tỉnh Tuyên Quang"
    assert meta.document_number == "/BC-STTTT"
    assert meta.signer_title == "GIÁM ĐỐC"


def test_page_is_a4_with_the_margins_of_the_decree(bac_giang_docx):
    section = Document(str(bac_giang_docx[1])).sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25 and 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35 and 15 <= mm(section.right_margin) <= 20


def mm(length) -> float:
    """A length in millimetres, to 0,1 mm (Word stores twentieths of a point)."""
    return round(length / Mm(1), 1)


def test_times_new_roman_for_every_script(bac_giang_docx):
    document = Document(str(bac_giang_docx[1]))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    styles = [s for s in document.styles if s.name == "Normal" or s.name.startswith("CCHC")]
    assert len(styles) >= 7
    for fonts in [defaults] + [s.element.find(".//" + qn("w:rFonts")) for s in styles]:
        for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            assert fonts.get(qn(script)) == FONT
        assert not [a for a in fonts.attrib if a.lower().endswith("theme")]  # no theme fonts
    named = {f.get(qn("w:ascii")) for f in document.element.body.iter(qn("w:rFonts"))}
    assert named <= {FONT}


def test_body_is_justified_indented_and_spaced(bac_giang_docx):
    document = Document(str(bac_giang_docx[1]))
    body = document.styles["CCHC Body"]
    fmt = body.paragraph_format
    assert body.font.size == Pt(14)
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= fmt.first_line_indent <= Mm(12.7)
    assert fmt.space_after >= Pt(6) and 1.0 <= fmt.line_spacing <= 1.5
    headings = [p for p in document.paragraphs if p.style.name == "CCHC Heading 1"]
    assert [p.text[:4] for p in headings][:2] == ["I. C", "II. "]
    assert all(p.style.font.bold for p in headings)


def test_page_numbers_from_page_two_centred_in_the_top_margin(bac_giang_docx):
    section = Document(str(bac_giang_docx[1])).sections[0]
    assert section.different_first_page_header_footer
    assert 8 <= mm(section.header_distance) < mm(section.top_margin)
    number = section.header.paragraphs[0]
    instructions = [t.text.strip() for t in number._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert number.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert Pt(13) <= number.style.font.size <= Pt(14)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText")))


def _runs(cell):
    return [(r.text, r.bold, r.italic, r.font.size) for p in cell.paragraphs for r in p.runs]


def test_header_block_with_its_rules(bac_giang_docx):
    document = Document(str(bac_giang_docx[1]))
    header = document.tables[0]
    issuer, national = header.rows[0].cells
    number, dated = header.rows[1].cells
    assert _runs(issuer) == [
        ("ỦY BAN NHÂN DÂN", True, None, Pt(13)),
        ("TỈNH BẮC GIANG", True, None, Pt(13)),
    ]
    assert _runs(national) == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, None, Pt(12)),
        ("Độc lập - Tự do - Hạnh phúc", True, None, Pt(13)),
    ]
    for cell in (issuer, national):
        rule = cell.paragraphs[-1]
        assert (
            rule.text == "" and rule._p.find(".//" + qn("w:pBdr") + "/" + qn("w:top")) is not None
        )
    motto_rule = national.paragraphs[-1].paragraph_format
    assert Mm(40) < Mm(95 - 3.8) - 2 * motto_rule.left_indent < Mm(60)  # as long as the motto
    assert number.text.startswith("Số:") and number.text.endswith("/BC-UBND")
    assert _runs(dated) == [("Bắc Giang, ngày 18 tháng 9 năm 2023", None, True, Pt(14))]
    texts = [p.text for p in document.paragraphs[:6]]
    assert texts[:2] == ["BÁO CÁO", content_subject()]
    assert document.paragraphs[0].runs[0].bold and document.paragraphs[1].runs[0].bold
    assert document.paragraphs[2]._p.find(".//" + qn("w:pBdr")) is not None  # under the subject
    assert "Kính gửi: Bộ Nội vụ." in texts


def content_subject() -> str:
    return (
        "Kết quả công tác cải cách hành chính Quý III năm 2023, phương hướng, nhiệm vụ "
        "Quý IV năm 2023"
    )


def test_signature_block_and_recipients(bac_giang_docx):
    document = Document(str(bac_giang_docx[1]))
    signature = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    recipients, signer = signature.rows[0].cells
    runs = _runs(recipients)
    assert runs[0] == ("Nơi nhận:", True, True, Pt(12))
    assert all(size == Pt(11) for _, _, _, size in runs[1:])
    assert runs[1][0] == "- Như trên;" and runs[-1][0].startswith("- Lưu: VT")
    titles = [(text, bold) for text, bold, _, _ in _runs(signer) if text]
    assert titles == [("TM. ỦY BAN NHÂN DÂN", True), ("CHỦ TỊCH", True)]


def test_annex_forms_are_tables_like_the_printed_forms(bac_giang_docx):
    document = Document(str(bac_giang_docx[1]))
    forms = [t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu thống kê"]
    assert len(forms) == 7
    form3 = forms[2]
    assert [c.text for c in form3.rows[1].cells][2:4] == ["Đơn vị tính", "Số liệu"]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in form3.rows[2:]}
    assert rows["3.1.1"][1:4] == [
        "Tổng số hồ sơ TTHC đã giải quyết xong (hồ sơ do các sở, ngành tiếp nhận)",
        "Hồ sơ",
        "54.106",
    ]
    assert rows["3.1"][3] == "99,3"  # computed from 3.1.2 / 3.1.1
    header = form3.rows[0]._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader"))
    assert header is not None  # repeated on every page
    titles = [p.text for p in document.paragraphs if p.text.startswith("Biểu mẫu ")]
    assert titles == [f"Biểu mẫu {n}" for n in range(1, 8)]


def test_a_unit_with_units_below_gets_a_landscape_comparison(tu_ky, tmp_path):
    content = content_of(tu_ky, "d298", H1, SIGNED_ON.replace(month=6))
    document = Document(str(write_report(content, "docx", tmp_path / "d.docx").report))
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = document.sections[1]
    assert mm(landscape.page_width) == 297 and not landscape.different_first_page_header_footer
    comparison = next(t for t in document.tables if "Cơ quan, đơn vị" in t.rows[0].cells[1].text)
    first = [c.text for c in comparison.rows[3].cells]
    assert first[1] == "Xã Đại Sơn" and first[4:6] == ["100", "1"]
