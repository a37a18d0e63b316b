"""The workbook: one sheet per annex form, numbers as numbers, ratios as formulas that evaluate to
the right value, frozen header rows."""

import re

import pytest
from openpyxl import load_workbook
from tests.render.conftest import H1, SIGNED_ON, content_of

from cchc.render import write_report
from cchc.render.xlsx import INTEGER_FORMAT

_FORMULA = re.compile(r'^=IF\((\w+)=0,"",(\w+)/(\w+)\*100\)$')


def evaluate(sheet, formula: str) -> float | str:
    """Evaluate our ratio formula =IF(den=0,"",num/den*100) from the cells it names."""
    match = _FORMULA.match(formula)
    assert match, formula
    zero_test, numerator, denominator = (sheet[ref].value for ref in match.groups())
    assert match.group(1) == match.group(3)
    return "" if not zero_test else numerator / denominator * 100


@pytest.fixture
def workbook(bac_giang, tmp_path):
    content = content_of(bac_giang, "p24")
    path = write_report(content, "xlsx", tmp_path / "p24.xlsx").report
    return content, load_workbook(path)


def test_one_sheet_per_form_with_frozen_headers(workbook):
    _, book = workbook
    assert book.sheetnames == [f"Biểu mẫu {n}" for n in range(1, 8)] + ["Phụ lục"]
    for name in book.sheetnames[:7]:
        sheet = book[name]
        assert sheet.freeze_panes == "A9"
        assert [c.value for c in sheet[7]][:3] == ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê"]
        assert sheet.print_title_rows == "$7:$8"
        assert sheet["B9"].font.name == "Times New Roman"


def test_numbers_are_numbers_in_the_vietnamese_format(workbook):
    _, book = workbook
    sheet = book["Biểu mẫu 3"]
    rows = {sheet[f"A{r}"].value: sheet[f"D{r}"] for r in range(9, sheet.max_row + 1)}
    assert rows["3.1.1"].value == 54106 and isinstance(rows["3.1.1"].value, int | float)
    assert rows["3.1.1"].number_format == INTEGER_FORMAT
    assert rows["1.4"].value == 1902  # a total is printed as the unit stated it


def test_ratio_formulas_evaluate_to_the_ratio_of_their_parts(workbook):
    _, book = workbook
    checked = 0
    for sheet in book.worksheets[:7]:
        for row in range(9, sheet.max_row + 1):
            cell = sheet[f"D{row}"]
            if isinstance(cell.value, str) and cell.value.startswith("="):
                assert cell.number_format == "0.00"
                code = sheet[f"A{row}"].value
                expected = {"3.1": 53726 / 54106 * 100, "1.": 6832000 / 8007000 * 100}
                value = evaluate(sheet, cell.value)
                if sheet.title == "Biểu mẫu 3" and code in expected:
                    assert value == pytest.approx(expected[code])
                if sheet.title == "Biểu mẫu 6" and code == "1.":
                    assert value == pytest.approx(expected["1."])
                checked += 1
    assert checked >= 12


def test_comparison_sheet_rates_are_formulas_too(tu_ky, tmp_path):
    content = content_of(tu_ky, "d298", H1, SIGNED_ON.replace(month=6))
    book = load_workbook(write_report(content, "xlsx", tmp_path / "d.xlsx").report)
    sheet = book["Phụ lục"]
    assert sheet.freeze_panes == "C9"
    first = [c.value for c in sheet[10]]
    assert first[1] == "Xã Đại Sơn" and first[2:4] == [250, 250]
    assert evaluate(sheet, first[4]) == 100 and first[5] == 1
