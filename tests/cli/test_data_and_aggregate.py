"""`cchc data import/export` and `cchc aggregate` end to end, on SQLite and PostgreSQL."""

import pytest
from openpyxl import Workbook, load_workbook

LONG = """unit,period,indicator,value
p24,2023-Q3,procedures.resolved.province,54.106
p24,2023-Q3,procedures.resolved_on_time.province,53.726
p24,2023-Q3,procedures.on_time_rate.province,"99,3"
tỉnh Hải Dương,2023-Q3,procedures.resolved.province,1.000
tỉnh Hải Dương,2023-Q3,procedures.resolved_on_time.province,500
tỉnh Hải Dương,2023-Q3,procedures.on_time_rate.province,50
"""


@pytest.fixture
def long_csv(tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(LONG, encoding="utf-8")
    return path


def test_import_export_round_trip(cchc_db, long_csv, tmp_path):
    imported = cchc_db("data", "import", str(long_csv))
    assert imported.code == 0, imported.err
    assert "6 dòng" in imported.out and "2 báo cáo" in imported.out
    out = tmp_path / "out.xlsx"
    exported = cchc_db("data", "export", "--period", "2023-Q3", "--out", str(out))
    assert exported.code == 0, exported.err
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("unit", "unit_name", "period")
    values = {(r[0], r[6]): r[8] for r in body}
    assert values[("p24", "procedures.resolved.province")] == 54106
    assert values[("p24", "procedures.on_time_rate.province")] == 99.3
    assert len(body) == 6
    again = cchc_db("data", "import", str(out))
    assert again.code == 0 and "0 số liệu thay đổi" in again.out


def test_a_bad_row_rejects_the_whole_file(cchc_db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        LONG + "p24,2023-Q3,procedures.resolved.province,nhiều\n"
        "p24,2023-Q2,procedures.resolved.province,5\n"
        "xã Không Có,2023-Q3,procedures.resolved.province,5\n",
        encoding="utf-8",
    )
    result = cchc_db("data", "import", str(path))
    assert result.code == 2
    assert "Dòng 8" in result.err and "Dòng 9" in result.err and "Dòng 10" in result.err
    assert "không lưu" in result.err
    exported = cchc_db("data", "export", "--out", str(tmp_path / "all.csv"))
    assert (tmp_path / "all.csv").read_text(encoding="utf-8").count("\n") == 1  # header only
    assert exported.code == 0


def test_xlsx_in_the_form_layout(cchc_db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["form", "code", "value"])
    sheet.append([3, "1.4.1", 1486])
    sheet.append([3, "3.1", 99.3])
    path = tmp_path / "form.xlsx"
    book.save(path)
    result = cchc_db(
        "data",
        "import",
        str(path),
        "--unit",
        "p24",
        "--period",
        "2023-Q3",
        "--template",
        "province-581",
    )
    assert result.code == 0, result.err


def test_aggregate_recomputes_ratios_from_parts(cchc_db, long_csv):
    assert cchc_db("data", "import", str(long_csv)).code == 0
    result = cchc_db("aggregate", "--unit", "vn", "--period", "2023-Q3", "--json", "--all-statuses")
    assert result.code == 0, result.err
    data = result.json()
    values = {v["indicator"]: v for v in data["values"]}
    assert values["procedures.resolved.province"]["value"] == 55106
    assert values["procedures.resolved.province"]["reporters"] == 2
    rate = values["procedures.on_time_rate.province"]["value"]
    assert rate == pytest.approx((53726 + 500) / 55106 * 100)
    assert data["completeness"]["reported"] == 2
    assert data["completeness"]["expected"] >= 63
    missing = data["completeness"]["missing"]
    assert "p01" in missing and "p24" not in missing and "p30" not in missing
    assert data["period"] == {"code": "2023-Q3", "start": "2023-06-15", "end": "2023-09-14"}


def test_drafts_do_not_count_unless_asked(cchc_db, long_csv):
    assert cchc_db("data", "import", str(long_csv)).code == 0
    result = cchc_db("aggregate", "--unit", "vn", "--period", "2023-Q3", "--json")
    assert result.json()["values"] == []
    assert result.json()["completeness"]["reported"] == 0


def test_aggregate_errors_are_clear(cchc_db):
    bad_period = cchc_db("aggregate", "--unit", "p24", "--period", "2023-Q2")
    assert bad_period.code == 2 and "2023-H1" in bad_period.err
    gone = cchc_db("aggregate", "--unit", "p24", "--period", "2025-Y")
    assert gone.code == 2 and "kế thừa" in gone.err
