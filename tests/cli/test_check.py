"""`cchc check`: the Bắc Giang Q3/2023 forms, and bad input."""

from tests.conftest import EXAMPLES

FORMS = EXAMPLES / "bac-giang-q3-2023-forms.csv"


def test_finds_the_procedure_total_that_does_not_add_up(cchc):
    result = cchc("check", str(FORMS), "--template", "province-581", "--json")
    assert result.code == 1
    findings = result.json()["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) == 1, errors
    error = errors[0]
    assert set(error) >= {"rule", "severity", "message", "indicators", "values"}
    assert error["rule"] == "sum"
    assert error["values"][:4] == [1902, 1486, 255, 155] and error["values"][-1] == 1896
    assert error["indicators"][0] == "procedures.in_force"
    assert "biểu 3, mục 1.4" in error["message"].lower()


def test_human_output_names_form_and_item(cchc):
    result = cchc("check", str(FORMS), "--template", "province-581")
    assert result.code == 1
    assert "1.4.1 + 1.4.2 + 1.4.3" in result.out and "1.896" in result.out


def test_a_consistent_form_passes(cchc, tmp_path):
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        FORMS.read_text(encoding="utf-8").replace("3,1.4,1.902", "3,1.4,1.896"), encoding="utf-8"
    )
    result = cchc("check", str(fixed), "--template", "province-581", "--json")
    assert result.code == 0
    assert [f for f in result.json()["findings"] if f["severity"] == "error"] == []


def test_unknown_items_and_bad_numbers_are_findings(cchc, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("form,code,value\n3,9.9,5\n3,1.2,mười\n", encoding="utf-8")
    result = cchc("check", str(path), "--template", "province-581", "--json")
    assert result.code == 1
    assert {f["rule"] for f in result.json()["findings"]} >= {"unknown_item", "type"}


def test_bad_input_gives_one_clear_line_and_no_traceback(cchc, tmp_path):
    missing_column = tmp_path / "x.csv"
    missing_column.write_text("form,value\n1,2\n", encoding="utf-8")
    result = cchc("check", str(missing_column), "--template", "province-581")
    assert result.code == 2
    assert "thiếu cột" in result.err and "Traceback" not in result.err
    unknown = cchc("check", str(FORMS), "--template", "khong-co")
    assert unknown.code == 2 and "province-581" in unknown.err
    absent = cchc("check", str(tmp_path / "absent.csv"), "--template", "province-581")
    assert absent.code == 2 and "Traceback" not in absent.err
