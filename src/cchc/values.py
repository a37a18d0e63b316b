"""A reported figure (số liệu) as every part of cchc passes it around."""

from __future__ import annotations

from dataclasses import dataclass

from cchc.catalog.model import Indicator
from cchc.errors import InputError
from cchc.numbers import format_number, parse_number
from cchc.text import fold


@dataclass(frozen=True)
class Value:
    """One indicator's value: the number (None when unreadable or text), the decimals
    printed, and the raw text as entered or printed."""

    indicator: str
    num: float | None
    decimals: int | None = None
    text: str | None = None

    @property
    def readable(self) -> bool:
        """True when the value holds a number (or, for a text indicator, any text)."""
        return self.num is not None


def value_from_text(indicator: Indicator, raw: str) -> Value:
    """Read ``raw`` for ``indicator``: a Vietnamese or plain number, or for coded answers a
    code or its label ("Có", "Hoàn thành"). Never raises: unreadable input keeps ``num=None``
    so that validation can say what is wrong."""
    raw = raw.strip()
    if indicator.type == "text":
        return Value(indicator.id, None, None, raw)
    if indicator.options:
        labels = {fold(label): code for code, label in indicator.options.items()}
        if fold(raw) in labels:
            return Value(indicator.id, float(labels[fold(raw)]), 0, raw)
    try:
        number = parse_number(raw)
    except InputError:
        return Value(indicator.id, None, None, raw)
    return Value(indicator.id, number.value, number.decimals, raw)


def value_from_number(indicator_id: str, number: float, decimals: int | None = None) -> Value:
    """A value given as a number (from a spreadsheet cell or computed)."""
    if decimals is None:
        decimals = 0 if float(number).is_integer() else len(repr(float(number)).split(".")[1])
    return Value(indicator_id, float(number), decimals, None)


def display_value(value: Value | None) -> str:
    """A stored value as the clerk typed it, or in Vietnamese number format ("" when none)."""
    if value is None:
        return ""
    if value.text:
        return value.text
    if value.num is None:
        return ""
    return format_number(value.num, value.decimals)
