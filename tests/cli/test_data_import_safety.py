"""`cchc data import` never writes silently wrong data: units by key, code or name (never a
row id), every row of a sheet read, impossible numbers and duplicates refused with their
lines, damaged files refused with a message and no traceback."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook

HEADER = "unit,period,indicator,value\n"
RESOLVED = "procedures.resolved.commune"


def _csv(tmp_path, body: str, name: str = "so-lieu.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _exported(cchc_db, tmp_path) -> str:
    out = tmp_path / "export.csv"
    assert cchc_db("data", "export", "--out", str(out)).code == 0
    return out.read_text(encoding="utf-8")


def test_a_code_that_lost_its_leading_zero_is_that_commune_not_a_row_id(cchc_db, tmp_path):
    path = _csv(tmp_path, f"7201,2023-Q3,{RESOLVED},12\n")
    result = cchc_db("data", "import", str(path))
    assert result.code == 0, result.err
    exported = _exported(cchc_db, tmp_path)
    assert "c07201" in exported and exported.count("\n") == 2


@pytest.mark.parametrize("raw", ["inf", "--5", "5\n6", "²", "1e400", "1" * 400, "NaN"])
def test_text_that_is_no_number_is_refused(cchc_db, tmp_path, raw):
    quoted = '"' + raw + '"'
    result = cchc_db("data", "import", str(_csv(tmp_path, f"c07201,2023-Q3,{RESOLVED},{quoted}\n")))
    assert result.code == 2 and "Dòng 2" in result.err, (raw, result.err)
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "raw, why",
    [("-3", "nhỏ hơn"), ("2,5", "số nguyên"), ("1000000000000000", "quá lớn")],
)
def test_impossible_values_are_refused_not_stored(cchc_db, tmp_path, raw, why):
    result = cchc_db("data", "import", str(_csv(tmp_path, f'c07201,2023-Q3,{RESOLVED},"{raw}"\n')))
    assert result.code == 2 and why in result.err, result.err
    assert _exported(cchc_db, tmp_path).count("\n") == 1


def test_a_percentage_over_100_is_refused(cchc_db, tmp_path):
    path = _csv(tmp_path, "c07201,2023-Q3,procedures.on_time_rate.commune,120\n")
    result = cchc_db("data", "import", str(path))
    assert result.code == 2 and "vượt quá mức tối đa 100" in result.err


def test_duplicate_and_conflicting_rows_are_refused_with_their_lines(cchc_db, tmp_path):
    body = f"c07201,2023-Q3,{RESOLVED},12\nc07201,2023-Q3,{RESOLVED},15\n"
    result = cchc_db("data", "import", str(_csv(tmp_path, body)))
    assert result.code == 2 and "Dòng 3: trùng với dòng 2" in result.err


def test_a_column_named_twice_is_refused(cchc_db, tmp_path):
    path = tmp_path / "hai-cot.csv"
    path.write_text(f"unit,period,indicator,value,value\nc07201,2023-Q3,{RESOLVED},1,2\n")
    result = cchc_db("data", "import", str(path))
    assert result.code == 2 and "cột value xuất hiện hai lần" in result.err


def test_rows_beyond_a_stale_sheet_dimension_are_read(cchc_db, tmp_path):
    path = tmp_path / "cu.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["unit", "period", "indicator", "value"])
    for unit in ("c07201", "c07207"):
        sheet.append([unit, "2023-Q3", RESOLVED, 10])
    book.save(path)
    _shrink_dimension(path, "A1:D2")  # as some tools leave it: the last row is "outside"
    result = cchc_db("data", "import", str(path))
    assert result.code == 0 and "2 dòng" in result.out, result.out + result.err
    assert "c07207" in _exported(cchc_db, tmp_path)


def _shrink_dimension(path, ref: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode()
    start = text.index("<dimension")
    parts[sheet] = (
        text[:start] + f'<dimension ref="{ref}"/>' + text[text.index(">", start) + 1 :]
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_damaged_spreadsheets_get_a_message_not_a_traceback(cchc_db, tmp_path):
    huge = tmp_path / "o-lon.csv"
    huge.write_text(HEADER + f'c07201,2023-Q3,{RESOLVED},"{"9" * 200_000}"\n')
    broken = tmp_path / "hong.xlsx"
    book = Workbook()
    book.active.append(["unit", "period", "indicator", "value"])
    book.save(broken)
    with zipfile.ZipFile(broken) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-40]
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    for path in (huge, broken):
        result = cchc_db("data", "import", str(path))
        assert result.code == 2, (path.name, result.out, result.err)
        assert "Traceback" not in result.err and "Error" not in result.err, result.err
