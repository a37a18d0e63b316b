"""Reading reports: the three real samples and reports written for these tests."""

import csv
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, SAMPLES

from cchc.catalog import report_areas
from cchc.ingest.document import Document
from cchc.ingest.extract import extract
from cchc.ingest.formats import read_document
from cchc.ingest.results import extraction_json
from cchc.numbers import parse_number
from cchc.units.index import default_unit_index

COMMUNE_REPORT = """ỦY BAN NHÂN DÂN
XÃ TÂN KỲ
Số: 07/BC-UBND\tTân Kỳ, ngày 12 tháng 3 năm 2024
BÁO CÁO
Kết quả công tác cải cách hành chính Quý I năm 2024

Kính gửi: Ủy ban nhân dân huyện Tứ Kỳ

I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC
Trong quý, UBND xã đã ban hành 05 văn bản chỉ đạo, hướng dẫn về CCHC; hoàn thành 3/12 nhiệm vụ
theo Kế hoạch CCHC năm 2024.
II. KẾT QUẢ THỰC HIỆN
1. Cải cách thủ tục hành chính
Bộ phận Một cửa cấp xã tiếp nhận 1.234 hồ sơ; đã giải quyết 1.200 hồ sơ, trong đó giải quyết
đúng hạn 1.190 hồ sơ (đạt tỷ lệ 99,17%); 04 hồ sơ quá hạn.
Trong kỳ, xã tiếp nhận 02 phản ánh, kiến nghị về quy định TTHC.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


@pytest.fixture(scope="module")
def units():
    return default_unit_index()


def _values(extraction, source=None):
    return {
        (v.indicator, v.value)
        for v in extraction.values
        if source is None or v.evidence.source == source
    }


def test_province_sample_metadata_tables_and_the_inconsistency(catalog, units):
    extraction = extract(read_document(SAMPLES / "bac-giang-province-q3-2023.txt"), catalog, units)
    meta = extraction.metadata
    assert (meta.unit.key, meta.unit_level, meta.period.code) == ("p24", "province", "2023-Q3")
    assert meta.signer_name == "Mai Sơn" and meta.recipients == ["Bộ Nội vụ"]
    assert extraction.template.id == "province-581"
    printed = {
        (int(r["form"]), r["code"]): parse_number(r["value"]).value
        for r in csv.DictReader((EXAMPLES / "bac-giang-q3-2023-forms.csv").open())
    }
    tables = {
        extraction.template.locate(v.indicator): v.value
        for v in extraction.values
        if v.evidence.source == "table"
    }
    assert tables == printed
    rules = {(f.rule, f.indicators[0]) for f in extraction.findings}
    assert ("sum", "procedures.in_force") in rules
    narrative = _values(extraction, "narrative")
    assert ("procedures.dossiers_received.district", 27699) in narrative
    assert ("procedures.on_time_rate.commune", 98.8) in narrative


def test_ocr_district_sample(catalog, units):
    extraction = extract(read_document(SAMPLES / "tu-ky-district-h1-2023.txt"), catalog, units)
    meta = extraction.metadata
    assert (meta.unit.key, meta.period.code, meta.document_number) == (
        "d298",
        "2023-H1",
        "304/BC-UBND",
    )
    assert meta.issuer == "Ủy ban nhân dân huyện Tứ Kỳ" and meta.place == "Tứ Kỳ"
    found = _values(extraction)
    assert {
        ("direction.plan_tasks_done", 22),
        ("direction.plan_tasks", 78),
        ("procedures.dossiers_received.district", 1698),
    } <= found
    areas = [s.area for s in extraction.sections if s.level == 2][:7]
    assert areas == list(report_areas())[:7]


def test_a_report_never_seen_before(catalog, units, tmp_path):
    path = tmp_path / "tan-ky.txt"
    path.write_text(COMMUNE_REPORT, encoding="utf-8")
    extraction = extract(read_document(path), catalog, units)
    meta = extraction.metadata
    assert meta.unit_level == "commune" and meta.period.code == "2024-Q1"
    assert meta.document_number == "07/BC-UBND" and str(meta.issued_on) == "2024-03-12"
    assert meta.signer_name == "Nguyễn Văn An" and "CHỦ TỊCH" in meta.signer_title
    assert {
        ("direction.directive_documents", 5),
        ("direction.plan_tasks_done", 3),
        ("direction.plan_tasks", 12),
        ("procedures.dossiers_received.commune", 1234),
        ("procedures.resolved.commune", 1200),
        ("procedures.resolved_on_time.commune", 1190),
        ("procedures.on_time_rate.commune", 99.17),
        ("procedures.resolved_late.commune", 4),
        ("procedures.feedback_received", 2),
    } <= _values(extraction)
    assert not [f for f in extraction.findings if f.severity == "error"]


def test_narrative_and_table_disagreeing_is_a_finding(catalog, units, tmp_path):
    text = (
        COMMUNE_REPORT + "\nBiểu mẫu 3\nSTT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n"
        "2.2.1\tTổng số hồ sơ TTHC đã giải quyết xong\tHồ sơ\t1.300\n"
    )
    extraction = extract(Document(Path("x.txt"), "txt", text), catalog, units)
    reconcile = [f for f in extraction.findings if f.rule == "reconcile"]
    assert reconcile and reconcile[0].values == [1300, 1200]
    assert "dòng" in reconcile[0].message


def test_json_shape_is_the_documented_contract(catalog, units):
    extraction = extract(read_document(SAMPLES / "tuyen-quang-dept-ict-2022.txt"), catalog, units)
    data = extraction_json(extraction, catalog)
    assert set(data) >= {"document", "metadata", "values", "findings"}
    assert set(data["document"]) >= {"path", "format", "pages", "ocr"}
    assert set(data["metadata"]) >= {
        "issuer",
        "parent_body",
        "unit_level",
        "unit_id",
        "document_number",
        "issued_on",
        "place",
        "subject",
        "period",
        "recipients",
        "signer",
    }
    assert data["metadata"]["unit_id"] == "p08.stttt"
    assert data["metadata"]["parent_body"] == "Ủy ban nhân dân tỉnh Tuyên Quang"
    for value in data["values"]:
        assert set(value) >= {
            "indicator",
            "name",
            "template",
            "code",
            "value",
            "unit",
            "evidence",
            "confidence",
        }
        assert set(value["evidence"]) >= {"line", "text", "source"}


def test_text_that_is_not_a_report(catalog, units, tmp_path):
    path = tmp_path / "recipe.txt"
    path.write_text("Phở bò\nNước dùng ninh xương trong 8 giờ.\n", encoding="utf-8")
    assert not extract(read_document(path), catalog, units).is_report


def test_annex_rows_whose_columns_ocr_turned_into_spaces(catalog, units):
    text = (SAMPLES / "bac-giang-province-q3-2023.txt").read_text(encoding="utf-8")
    flattened = text.replace("<i>", "").replace("</i>", "").replace("\t", " ")
    extraction = extract(Document(Path("scan.txt"), "txt", flattened), catalog, units)
    printed = {
        (int(r["form"]), r["code"]): parse_number(r["value"]).value
        for r in csv.DictReader((EXAMPLES / "bac-giang-q3-2023-forms.csv").open())
    }
    read = {
        extraction.template.locate(v.indicator): v.value
        for v in extraction.values
        if v.evidence.source == "table"
    }
    right = sum(printed.get(place) == value for place, value in read.items())
    assert right >= 0.95 * len(printed)
    assert right == len(read), {k: v for k, v in read.items() if printed.get(k) != v}


def test_section_keywords_name_only_report_areas():
    from cchc.ingest.vocabulary import vocabulary

    assert set(vocabulary()["section_areas"]) <= set(report_areas())


def test_damaged_text_is_read_twice_and_shown_restored(catalog, units):
    extraction = extract(read_document(SAMPLES / "tu-ky-district-h1-2023.txt"), catalog, units)
    assert extraction.restored_lines is not None
    assert extraction.metadata.signer_name == "Vũ Thị Hà"
    assert "công tác Cải cách hành chính 6 tháng đầu năm 2023" in extraction.metadata.subject
    received = next(
        v for v in extraction.values if v.indicator == "procedures.dossiers_received.district"
    )
    assert "Tiếp nhận 1.698 hồ sơ" in received.evidence.restored
    assert "Tiép nhan 1.698 hd so" in received.evidence.text


def test_a_cue_without_an_indicator_at_the_level_does_not_stop_the_reading(
    catalog, units, tmp_path
):
    # A commune reviewing its legal documents: the cue's indicator exists for districts and
    # provinces only. The figure is passed over; the rest of the report is read.
    text = COMMUNE_REPORT.replace(
        "\n", "\nUBND xã đã rà soát, kiểm tra 06 văn bản quy phạm pháp luật.\n", 1
    )
    path = tmp_path / "xa-ra-soat.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract(read_document(path), catalog, units)
    assert ("procedures.resolved.commune", 1200) in _values(extraction)
    assert all(indicator in catalog.indicators for indicator, _ in _values(extraction))


def test_ocr_damaged_roman_headings_are_sections():
    from cchc.ingest.sections import read_sections

    lines = [
        "IL.CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH _,",
        "1. Ban hành văn bản",
        "Trong quý, UBND xã ban hành 04 văn bản.",
        "I. Ưu điểm: đã làm tốt,",
        "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH :",
    ]
    found = [(s.title, s.level, s.line) for s in read_sections(lines)]
    assert found[0] == ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 1, 1)
    assert ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 1, 5) in found
    assert all(line != 4 for _, _, line in found), "a list item ending in a comma is no heading"
