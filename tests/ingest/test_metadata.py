"""Metadata of reports whose header and signature blocks are damaged or laid out otherwise:
two columns OCR merged into one line, specks, the signer beside Nơi nhận, a bare "VĂN PHÒNG"
under its UBND, periods named with their next period, the printed data window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cchc.ingest.header import read_header
from cchc.ingest.metadata import read_metadata
from cchc.ingest.readers.base import ReadOptions
from cchc.ingest.readers.text import TextReader
from cchc.ingest.signature import read_signature
from cchc.units import parse_period_text, printed_window
from cchc.units.index import default_unit_index


@pytest.fixture(scope="module")
def units():
    return default_unit_index()


OCR_HEADER = """UBND HUYEN CAM XUYEN CONG HOA XA HOI CHU NGHIA VIET NAM

UY-BAN NHAN DAN : D6c lap - Ty do - Hanh phiic
XA CAM BINH _ ~°
* $6: 41/BC-UBND — Cam Binh, ngdy 10 thdng 6 nam 2024
BAO CAO > |

_ Két qua cong tac cai cach hanh chinh 6 thang dau nam 2024,
Kinh gui: UBND huyen Cam Xuyen
"""


def test_an_ocr_merged_header_gives_number_date_type_and_body():
    header = read_header(OCR_HEADER.splitlines())
    assert header.number == "41/BC-UBND"
    assert header.issued_on == date(2024, 6, 10)
    assert header.document_type == "BAO CAO"
    assert header.subject == "Két qua cong tac cai cach hanh chinh 6 thang dau nam 2024"
    assert len(header.bodies) == 2
    assert "CONG HOA" not in " ".join(header.bodies)
    assert not any(ch in header.bodies[-1] for ch in ":_~°")


def test_an_ocr_merged_header_is_matched_to_its_unit(units):
    meta = read_metadata(OCR_HEADER.splitlines(), units)
    assert meta.unit_level == "commune"
    assert meta.unit is not None and meta.unit.short_name == "Cẩm Bình"
    assert meta.period is not None and meta.period.code == "2024-H1"


def test_a_bare_van_phong_under_its_ubnd_is_that_ubnds_office(units):
    lines = [
        "UBND TỈNH NGHỆ AN                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "VĂN PHÒNG                              Độc lập - Tự do - Hạnh phúc",
        "Số: 310/BC-VP                          Nghệ An, ngày 11 tháng 3 năm 2024",
        "BÁO CÁO",
        "Kết quả công tác cải cách hành chính quý I năm 2024",
    ]
    meta = read_metadata(lines, units)
    assert meta.unit_level == "department"
    assert meta.issuer == "Văn phòng Ủy ban nhân dân tỉnh Nghệ An"


@pytest.mark.parametrize(
    "tail",
    [
        ["Nơi nhận:\tKT. CHỦ TỊCH", "- Như trên;\tPHÓ CHỦ TỊCH", "- Lưu: VT.\t",
         "- UBND các xã;\tLê Thị Hồng Hạnh"],
        ["Nơi nhận:                                 KT. CHỦ TỊCH",
         "- Như trên;                               PHÓ CHỦ TỊCH",
         "- UBND các xã;                            Lê Thị Hồng Hạnh", "- Lưu: VT."],
        ["Noi nhan: KT. CHU TICH", "- Nhu tren; PHO CHU TICH", "- UBND cac xa; (Da ky)",
         "- Luu: VT, NV. Le Thi Hong Hanh"],
        ["- Nhu tren; KT. CHU TICH", "- UBND cac xa; PHO CHU TICH (Da ky)",
         "- Luu: VT, VP. pte - Le Thi Hong Hanh"],
    ],
)  # fmt: skip
def test_the_signer_beside_or_after_the_recipients(tail):
    body = ["BÁO CÁO", "Kết quả công tác CCHC quý I năm 2024", "", "Nội dung báo cáo."]
    annex = ["PHỤ LỤC", "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu", "1\tSố văn bản\tVăn bản\t5"]
    signature = read_signature([*body, *tail, *annex])
    assert signature.name is not None
    assert (
        signature.name.replace("ê", "e").replace("ị", "i").replace("ồ", "o").replace("ạ", "a")
        == "Le Thi Hong Hanh"
    )


def test_a_page_break_inside_a_line_ends_it(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_text("- Lưu: VT. Trần Văn Bình\fPHỤ LỤC\nBiểu số 1\n", encoding="utf-8")
    document = TextReader().read(path, ReadOptions())
    assert document.lines[:3] == ["- Lưu: VT. Trần Văn Bình", "PHỤ LỤC", "Biểu số 1"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kết quả CCHC Quý I và phương hướng, nhiệm vụ Quý II năm 2024", "2024-Q1"),
        ("Kết quả thực hiện CCHC Quý III/2023 và phương hướng Quý IV/2023", "2023-Q3"),
        ("Báo cáo CCHC quý 3/2023", "2023-Q3"),
        ("Kết quả CCHC quý II năm 2023", "2023-H1"),
        ("Kết quả CCHC năm 2023 và phương hướng, nhiệm vụ năm 2024", "2023-Y"),
    ],
)
def test_the_period_the_report_is_on(text, code):
    period = parse_period_text(text)
    assert period is not None and period.code == code


def test_the_printed_data_window():
    text = "Thời gian lấy số liệu: từ ngày 15/12/2024 đến ngày 30/11/2025, ước đến 14/12/2025."
    assert printed_window(text) == (date(2024, 12, 15), date(2025, 11, 30))
    assert printed_window("Quyết định số 05/QĐ-UBND ngày 01/7/2025") is None
