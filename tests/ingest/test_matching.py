"""Reading by general mechanisms, on wordings none of the reader's rules name: numbers matched
to the catalog by their words, wide tables by their header, OCR'd rows by their shape."""

from pathlib import Path

from cchc.catalog import default_catalog
from cchc.ingest.extract import extract
from cchc.ingest.formats import read_document
from cchc.ingest.tables import _cells_from_ocr, read_grids
from cchc.units.index import default_unit_index

REPORT = """UBND HUYỆN KIM SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 21/BC-UBND\tKim Sơn, ngày 10 tháng 3 năm 2024
BÁO CÁO
Kết quả công tác cải cách hành chính quý I năm 2024
I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
Trong quý, UBND huyện kiểm tra CCHC tại các xã; qua kiểm tra đã phát hiện 09 tồn tại, hạn chế.
II. KẾT QUẢ THỰC HIỆN
1. Cải cách thủ tục hành chính
Số TTHC đang áp dụng là 412 thủ tục, trong đó cấp huyện 276 thủ tục, cấp xã 136 thủ tục.
Kết quả tiếp nhận hồ sơ:
Cấp\tTổng số tiếp nhận\tKỳ trước chuyển sang\tTiếp nhận mới\tĐã giải quyết\tĐúng hạn\tQuá hạn
UBND cấp huyện\t2.864\t197\t2.667\t2.581\t2.559\t22
UBND cấp xã\t11.742\t86\t11.656\t11.598\t11.571\t27
Lĩnh vực đất đai\t1.536\t40\t1.496\t1.400\t1.390\t10
2. Chính quyền điện tử
Hồ sơ nộp trực tuyến của dịch vụ công trực tuyến toàn trình là 8.214 hồ sơ, chiếm 57,3%.
"""


def _read(tmp_path: Path) -> set[tuple[str, float]]:
    path = tmp_path / "kim-son.txt"
    path.write_text(REPORT, encoding="utf-8")
    extraction = extract(read_document(path), default_catalog(), default_unit_index())
    return {(v.indicator, v.value) for v in extraction.values}


def test_narrative_figures_are_matched_by_the_catalogs_wording(tmp_path):
    found = _read(tmp_path)
    assert {
        ("direction.inspection_issues", 9),
        ("procedures.in_force.commune", 136),
        ("egov.full_online_service_dossiers_online", 8214),
        ("egov.full_online_dossier_rate", 57.3),
    } <= found
    assert ("procedures.in_force.commune", 276) not in found  # "cấp huyện 276": not the xã


def test_a_wide_table_is_read_by_its_header_and_its_level_rows(tmp_path):
    found = _read(tmp_path)
    assert {
        ("procedures.dossiers_received_new.district", 2667),
        ("procedures.resolved_late.district", 22),
        ("procedures.dossiers_received_new.commune", 11656),
        ("procedures.resolved_late.commune", 27),
    } <= found
    carried_over = {("procedures.dossiers_received.district", 197)}
    one_field = {v for v in found if v[1] in (1536, 1496, 10)}
    assert not (found & carried_over) and not one_field


def test_wide_tables_are_found_only_where_a_header_stands_over_numbers():
    lines = REPORT.splitlines()
    grids = read_grids(lines)
    assert [(g.header[1], len(g.rows)) for g in grids] == [("Tổng số tiếp nhận", 3)]
    assert grids[0].caption == "Kết quả tiếp nhận hồ sơ:"


def test_an_ocr_row_gives_code_label_unit_and_the_first_value_not_the_note():
    row = _cells_from_ocr("2.2 | S6 nhiém vu da hoan thanh Nhiém vu 06 19")
    assert row.split("\t") == ["2.2", "S6 nhiém vu da hoan thanh", "Nhiém vu", "06"]
    assert _cells_from_ocr("Trong quý, xã tiếp nhận 612 hồ sơ") == ""


COMMUNE = """UBND HUYỆN YÊN KHÁNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
ỦY BAN NHÂN DÂN XÃ KHÁNH HỘI
Số: 09/BC-UBND\tKhánh Hội, ngày 12 tháng 6 năm 2024
BÁO CÁO
Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024
I. CẢI CÁCH THỂ CHẾ
Trong kỳ, UBND xã chưa ban hành văn bản quy phạm pháp luật nào.
II. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ
Trong kỳ, UBND xã chưa tuyển dụng công chức. Chất lượng đội ngũ chưa đạt yêu cầu.
"""


def test_not_yet_doing_something_is_a_zero_and_not_yet_meeting_is_not(tmp_path):
    path = tmp_path / "khanh-hoi.txt"
    path.write_text(COMMUNE, encoding="utf-8")
    extraction = extract(read_document(path), default_catalog(), default_unit_index())
    zeros = {v.indicator for v in extraction.values if v.value == 0}
    assert any(key.startswith("institutions.legal_docs_issued") for key in zeros)
    assert any(key.startswith("civil_service.recruited") for key in zeros)
    assert all(v.value == 0 for v in extraction.values), "no other figure is made up"
    assert all(v.confidence < 0.8 for v in extraction.values), "a zero read from words is unsure"
