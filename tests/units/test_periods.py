from datetime import date

import pytest

from cchc.errors import InputError
from cchc.units.periods import (
    Period,
    current_period,
    parse_period_code,
    parse_period_text,
    period_for_window,
)


@pytest.mark.parametrize(
    ("code", "start", "end", "deadline"),
    [
        ("2023-Q1", date(2022, 12, 15), date(2023, 3, 14), date(2023, 3, 20)),
        ("2023-H1", date(2022, 12, 15), date(2023, 6, 14), date(2023, 6, 20)),
        ("2023-Q3", date(2023, 6, 15), date(2023, 9, 14), date(2023, 9, 20)),
        ("2023-9M", date(2022, 12, 15), date(2023, 9, 14), date(2023, 9, 20)),
        ("2023-Y", date(2022, 12, 15), date(2023, 12, 14), date(2023, 12, 20)),
    ],
)
def test_official_windows_and_deadlines(code, start, end, deadline):
    period = parse_period_code(code)
    assert (period.start, period.end, period.deadline) == (start, end, deadline)
    assert period.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Quý III năm 2023", "2023-Q3"),
        ("6 tháng đầu năm 2023", "2023-H1"),
        ("(15/12/2022 - 14/3/2023)", "2023-Q1"),
        ("Từ ngày 15/12/2022 đến ngày 14/6/2023", "2023-H1"),
        ("Quy III nam 2023", "2023-Q3"),
        ("BAO CAO tinh hinh 06 thang dau nam 2023", "2023-H1"),
        ("kết quả thực hiện 9 tháng năm 2023", "2023-9M"),
        ("Kết quả công tác CCHC năm 2023", "2023-Y"),
        ("Quý III năm 2023, phương hướng nhiệm vụ Quý IV năm 2023", "2023-Q3"),
        ("Quý I năm 2024", "2024-Q1"),
    ],
)
def test_reads_periods_as_reports_name_them(text, code):
    found = parse_period_text(text)
    assert found is not None and found.code == code


def test_non_standard_spans_are_not_guessed():
    assert parse_period_text("kết quả 5 tháng đầu năm 2022") is None
    assert parse_period_text("không có kỳ nào ở đây") is None


def test_bad_codes_are_refused_in_vietnamese():
    with pytest.raises(InputError) as caught:
        parse_period_code("2023-Q2")
    assert "2023-Q1" in caught.value.message_vi


@pytest.mark.parametrize("code", ["0000-Q1", "0001-Y", "9999-H1", "1899-Q3"])
def test_impossible_years_are_refused_not_crashed(code):
    with pytest.raises(InputError) as caught:
        parse_period_code(code)
    assert "Năm của kỳ báo cáo" in caught.value.message_vi


def test_previous_periods_and_windows():
    assert Period(2023, "Q3").previous().code == "2023-H1"
    assert Period(2023, "Q1").previous().code == "2022-Y"
    assert Period(2023, "Y").previous().code == "2023-Q3"
    assert Period(2023, "Q3").same_period_last_year().code == "2022-Q3"
    assert period_for_window(date(2022, 12, 15), date(2023, 6, 14)) == Period(2023, "H1")
    assert current_period(date(2023, 9, 21)).code == "2023-Y"
    assert Period(2023, "Q3").deadline_for("commune") < Period(2023, "Q3").deadline


def test_labels_are_vietnamese():
    assert Period(2023, "Q3").label == "Quý III năm 2023"
    assert Period(2023, "H1").label == "6 tháng đầu năm 2023"
