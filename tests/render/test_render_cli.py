"""`cchc render` as a user runs it: files in out/, and clean Vietnamese errors with exit 2."""

import pytest
from docx import Document
from openpyxl import load_workbook


def test_render_docx_into_out_with_the_checklist_beside_it(bac_giang, cchc, tmp_path):
    code, out, err = cchc("render", "--unit", "tỉnh Bắc Giang", "--period", "2023-Q3",
                          "--format", "docx")  # fmt: skip
    assert code == 0, err
    report = tmp_path / "out" / "p24-2023-Q3.docx"
    checklist = tmp_path / "out" / "p24-2023-Q3-kiem-tra.txt"
    assert report.is_file() and checklist.is_file()
    assert "out/p24-2023-Q3.docx" in out and "kiem-tra.txt" in out
    assert Document(str(report)).paragraphs[0].text == "BÁO CÁO"
    assert "[Lỗi] Biểu 3, mục 1.4" in checklist.read_text(encoding="utf-8")


def test_render_xlsx_to_a_chosen_path(bac_giang, cchc, tmp_path):
    target = tmp_path / "bao-cao" / "bac-giang.xlsx"
    code, _, err = cchc("render", "--unit", "Bắc Giang", "--period", "2023-Q3",
                        "--format", "xlsx", "--out", str(target))  # fmt: skip
    assert code == 0, err
    assert load_workbook(target).sheetnames[0] == "Biểu mẫu 1"
    assert (tmp_path / "bao-cao" / "bac-giang-kiem-tra.txt").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--unit", "xã Tân Thành", "--period", "2023-Q3"), "ứng với"),
        (("--unit", "xã Không Có Thật", "--period", "2023-Q3"), "Không tìm thấy đơn vị"),
        (("--unit", "p24", "--period", "2023-Q2"), "Mã kỳ báo cáo «2023-Q2» không hợp lệ"),
        (("--unit", "p24", "--period", "2023-Q3", "--format", "odt"), "Định dạng «odt»"),
    ],
)
def test_errors_exit_2_with_a_vietnamese_message(cchc, args, message):
    code, _, err = cchc("render", *args)
    assert code == 2
    assert message in err and "Traceback" not in err
    if message == "ứng với":
        assert "Hãy ghi rõ hơn" in err and err.count(" — ") >= 2  # candidates listed


def test_out_may_be_a_folder_or_a_name_without_extension(bac_giang, cchc, tmp_path):
    folder = tmp_path / "nop"
    folder.mkdir()
    code, _, err = cchc("render", "--unit", "p24", "--period", "2023-Q3", "--out", str(folder))
    assert code == 0, err
    assert (folder / "p24-2023-Q3.docx").is_file()
    code, _, err = cchc("render", "--unit", "p24", "--period", "2023-Q3", "--format", "xlsx",
                        "--out", str(tmp_path / "bao-cao"))  # fmt: skip
    assert code == 0 and (tmp_path / "bao-cao.xlsx").is_file()
    code, _, err = cchc("render", "--unit", "p24", "--period", "2023-Q3", "--format", "pdf",
                        "--out", str(tmp_path / "bao-cao.docx"))  # fmt: skip
    assert code == 2 and "đuôi .pdf" in err


def test_pdf_without_libreoffice_says_what_to_install(monkeypatch, tmp_path):
    from cchc.errors import InputError
    from cchc.render import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(InputError, match="LibreOffice"):
        pdf.write_pdf(None, tmp_path / "x.pdf")  # type: ignore[arg-type]
