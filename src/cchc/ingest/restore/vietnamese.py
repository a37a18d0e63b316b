"""Vietnamese letters and syllables: tones, tone placement, case patterns (folding is
:func:`cchc.text.fold`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_CHARS = {v: k for k, v in _TONE_MARKS.items()}

# Letters that Tesseract's English model never produces: a token holding one of them was
# written (or read) as Vietnamese and is trusted when it is a valid syllable.
VIETNAMESE_ONLY = set(
    "ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ"
    "ĂĐƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸĨŨ"
)
VOWELS = set("aăâeêioôơuưy")

_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$"
)


def strip_tone(syllable: str) -> tuple[str, int]:
    """("hoá" → ("hoa", 1)): the letters without the tone mark, and the tone (0 = none)."""
    tone = 0
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def is_syllable(word: str) -> bool:
    """True when a lower-case word is shaped like one Vietnamese syllable."""
    base, _ = strip_tone(word)
    return bool(_SYLLABLE.match(base))


def _tone_position(base: str) -> int:
    """Index of the letter that carries the tone in `base` (new-style placement)."""
    match = _SYLLABLE.match(base)
    if not match:
        return -1
    onset, nucleus, coda = match.group(1) or "", match.group(2), match.group(3) or ""
    start = len(onset)
    for i, ch in enumerate(nucleus):
        if ch in "ăâêôơư":
            return start + i + (1 if nucleus[i : i + 2] == "ươ" else 0)
    if len(nucleus) == 1 or coda:
        return start + len(nucleus) - 1 if coda and len(nucleus) > 1 else start
    if len(nucleus) == 3:
        return start + 1
    return start


def place_tone(base: str, tone: int) -> str:
    """Put `tone` on the letter that carries it ("hoa", 2 → "hòa"; "quy", 1 → "quý")."""
    if tone == 0:
        return base
    pos = _tone_position(base)
    if pos < 0:
        return base
    marked = unicodedata.normalize("NFC", base[pos] + _TONE_CHARS[tone])
    return base[:pos] + marked + base[pos + 1 :]


def canonical(syllable: str) -> str:
    """One spelling per syllable: the tone on the letter chosen by `place_tone`.

    "hoá" and "hóa", "thuỷ" and "thủy" are both correct Vietnamese; outputs and training
    text use the second form (the one of current official documents).
    """
    lower = syllable.lower()
    base, tone = strip_tone(lower)
    if not tone or not _SYLLABLE.match(base):
        return syllable
    return apply_case(place_tone(base, tone), syllable)


@lru_cache(maxsize=65536)
def case_pattern(token: str) -> str:
    """ "upper", "title" or "lower" (how the original token was written)."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters:
        return "lower"
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return "upper"
    if letters[0].isupper():
        return "title"
    return "lower"


def apply_case(word: str, like: str | None = None, pattern: str | None = None) -> str:
    """Write `word` in the case pattern of `like` (or the given pattern)."""
    pattern = pattern or case_pattern(like or "")
    if pattern == "upper":
        return word.upper()
    if pattern == "title":
        return word[:1].upper() + word[1:]
    return word


def has_vietnamese_letters(text: str) -> bool:
    """True when `text` holds a letter that only Vietnamese spelling produces."""
    return not VIETNAMESE_ONLY.isdisjoint(text)
