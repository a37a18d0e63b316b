import pytest

from cchc.errors import InputError
from cchc.numbers import format_number, parse_number


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("59.790", 59790, 0),
        ("1.902", 1902, 0),
        ("8.007.000", 8007000, 0),
        ("99,3", 99.3, 1),
        ("99,27", 99.27, 2),
        ("06", 6, 0),
        ("1.234,5", 1234.5, 1),
        ("1,234.5", 1234.5, 1),
        ("99.3", 99.3, 1),
        ("1896", 1896, 0),
        ("-3", -3, 0),
        ("18,67%", 18.67, 2),
        (" 1 420 ", 1420, 0),
    ],
)
def test_parses_vietnamese_and_plain_numbers(text, value, decimals):
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.decimals == decimals


@pytest.mark.parametrize("text", ["", "abc", "1.2.3,4,5", "12a", "—"])
def test_rejects_what_is_not_a_number(text):
    with pytest.raises(InputError) as caught:
        parse_number(text)
    assert "không phải là một số" in caught.value.message_vi


def test_formats_in_vietnamese_style():
    assert format_number(59790) == "59.790"
    assert format_number(99.3, 1) == "99,3"
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(-1500) == "-1.500"


def test_years_are_told_from_counts():
    from cchc.numbers import is_year

    assert is_year(2024) and is_year(1990)
    assert not is_year(2024.5) and not is_year(412) and not is_year(21000)
