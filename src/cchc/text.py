"""Text as cchc compares and bounds it: folding of Vietnamese wording for matching (no
diacritics, đ → d, lower case, one space) and the length check of every free-text field."""

from __future__ import annotations

import re
import unicodedata

from cchc.errors import InputError
from cchc.numbers import format_number

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """ "Tỉnh Bắc Giang" → "tinh bac giang"; used wherever wording is compared."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def check_length(text: str, limit: int, what: str) -> str:
    """``text`` when it fits in ``limit`` characters, else an InputError saying so."""
    if len(text) > limit:
        raise InputError(
            f"{what} dài {format_number(len(text))} ký tự, vượt giới hạn "
            f"{format_number(limit)} ký tự.",
            f"{what}: {len(text)} characters, over {limit}",
        )
    return text
