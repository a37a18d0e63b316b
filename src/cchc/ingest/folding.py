"""Wording matched on a folded form that survives OCR damage.

:func:`cchc.text.fold` drops diacritics and case; :func:`fold_ocr` also undoes the commonest
English-model OCR confusions inside words ("s6" → "so", "x4" → "xa", "1ap" → "lap",
"K&" → "ke"), so that "Số", "S6" and "So" all fold to "so". Numbers stay numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from cchc.text import fold

_IN_WORD = str.maketrans(
    {
        "0": "o",
        "1": "l",
        "3": "a",
        "4": "a",
        "6": "o",
        "8": "a",
        "&": "e",
        "$": "s",
        "¢": "e",
        "€": "e",
        "|": "l",
    }
)
_TOKEN = re.compile(r"\S+")
# "tỷ lệ" read as "ty 16", "ty 1&", "ty 1¢": the commonest damaged word before a percentage.
_TY_LE = re.compile(r"\b(ty )(?:1[0-9&¢€e]|l[0-9&¢€e])(?=\s)")
_LETTER = re.compile(r"[a-z$]")  # "$6" is OCR for "Số"
_DIGITS = re.compile(r"\d")


def fold_ocr(text: str) -> str:
    """Fold for matching, repairing digits and symbols read inside words.

    One output character per input character, so offsets found in the folded text are
    offsets in the original line.
    """
    folded = _TOKEN.sub(_repair_token, "".join(_fold_char(ch) for ch in text))
    return _TY_LE.sub(lambda m: m.group(1) + "le", folded)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch) if not ch.isspace() else " "
    return folded if len(folded) == 1 else ch


def _repair_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if not _LETTER.search(token) or "/" in token or len(token) > 8:
        return token
    core = token.strip(".,;:()\"'")
    if _DIGITS.search(core) and sum(c.isdigit() for c in core) * 2 > len(core):
        return token  # mostly digits: "2023a", "15h" stay as they are
    return token.translate(_IN_WORD)


@dataclass(frozen=True)
class PhraseHit:
    """Where a phrase was found in a folded line, and how well it matched (0–100)."""

    start: int
    end: int
    score: float


def token_start(text: str, offset: int) -> int:
    """The start of the token that contains ``offset``."""
    return text.rfind(" ", 0, offset) + 1


def find_phrase(
    phrase: str, folded_line: str, min_score: float = 86.0, *, whole_words: bool = False
) -> PhraseHit | None:
    """Find ``phrase`` (already folded) in ``folded_line``: exactly, else fuzzily when the
    phrase is long enough for fuzzy matching to be safe. With ``whole_words`` a hit must
    start and end at word boundaries ("bo truong" is not found in "so truong hop")."""
    for match in re.finditer(re.escape(phrase), folded_line):
        if not whole_words or _at_word_edges(folded_line, match.start(), match.end()):
            return PhraseHit(match.start(), match.end(), 100.0)
    if len(phrase) < 7:
        return None
    found = fuzz.partial_ratio_alignment(phrase, folded_line, score_cutoff=min_score)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    if whole_words and not _at_word_edges(folded_line, start, end):
        start, end = _snap_to_words(folded_line, start, end)
        score = fuzz.ratio(phrase, folded_line[start:end])
        if score < min_score:
            return None
        return PhraseHit(start, end, score)
    return PhraseHit(start, end, found.score)


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _at_word_edges(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()
