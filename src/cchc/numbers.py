"""Vietnamese number format: "59.790" is fifty-nine thousand, "99,3" is ninety-nine point three.

Plain numbers ("1896", "99.3") are accepted too. A parsed number remembers how many decimals
were printed, because that is what a printed ratio is checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.errors import InputError

# ASCII digits only, the whole text (no superscripts, no other scripts' digits, no newline).
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")
_THOUSANDS_COMMA = re.compile(r"[0-9]{1,3}(,[0-9]{3})+\.[0-9]+")
_PLAIN = re.compile(r"[0-9]+([.,][0-9]+)?")
LARGEST = 1e13  # far above any CCHC figure (money is in triệu đồng); larger is a typo


@dataclass(frozen=True)
class ParsedNumber:
    """A number as printed: its value and the count of decimals shown."""

    value: float
    decimals: int

    @property
    def is_integer(self) -> bool:
        """True when no decimals were printed."""
        return self.decimals == 0


def parse_number(text: str) -> ParsedNumber:
    """Parse "1.902", "99,3", "1.234,5", "0,5%", "-3", "1896" or "99.3".

    Raises :class:`InputError` with a Vietnamese message when ``text`` is not a number.
    """
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    raw = raw[:-1] if raw.endswith("%") else raw
    sign = -1.0 if raw.startswith("-") else 1.0
    body = raw[1:] if raw[:1] in ("+", "-") else raw  # one sign at most: "--5" is no number
    if _THOUSANDS_DOT.fullmatch(body):
        integer, _, fraction = body.partition(",")
        digits = integer.replace(".", "")
    elif _THOUSANDS_COMMA.fullmatch(body):
        integer, _, fraction = body.partition(".")
        digits = integer.replace(",", "")
    elif _PLAIN.fullmatch(body):
        digits, _, fraction = body.replace(",", ".").partition(".")
    else:
        raise InputError(f"«{_shown(text)}» không phải là một số.", f"{text!r} is not a number")
    value = float(f"{digits}.{fraction}") if fraction else float(digits)
    if value > LARGEST:
        raise InputError(
            f"Số «{_shown(text)}» quá lớn để là một số liệu báo cáo.",
            f"{_shown(text)} is too large for a report figure",
        )
    return ParsedNumber(sign * value, len(fraction))


def is_year(value: float) -> bool:
    """A whole number that reads as a year (năm) in a report, not as a count."""
    return value == int(value) and 1900 <= value <= 2100


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def format_number(value: float, decimals: int | None = None) -> str:
    """Format in Vietnamese style: 59790 → "59.790", 99.3 → "99,3" (decimals as given)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{abs(value):,.{decimals}f}".replace(",", "\x00").replace(".", ",")
    text = text.replace("\x00", ".")
    return ("-" if value < 0 else "") + text


def format_figure(value: float, decimals: int | None = None) -> str:
    """A figure as people write it: ``decimals`` when known, else up to two with trailing
    zeros cut ("59.790", "99,3", "18,67")."""
    if decimals is None:
        rounded = round(value, 2)
        decimals = next(d for d in (0, 1, 2) if round(rounded, d) == rounded)
    return format_number(value, decimals)
