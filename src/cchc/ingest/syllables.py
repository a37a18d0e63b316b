"""Is it Vietnamese? Well-formed syllables, and a score used to tell encodings apart.

A Vietnamese syllable is (initial) + vowel cluster + (final) with at most one tone mark, and
the stop finals (-c, -ch, -p, -t) take only the sắc or nặng tone. Wrong decodings of legacy
bytes produce letters in impossible places ("nhaọn", "tổnh"), which these rules reject.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng
_ACUTE, _DOT = "\u0301", "\u0323"
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(uyê|uya|uyu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|"
    r"ưu|yê|[aăâeêioôơuưy])"
    r"(ch|ng|nh|[cmnpt])?$"
)
_NEEDS_FINAL = frozenset({"ă", "â", "oă", "uâ", "iê", "yê", "uô", "ươ", "uyê", "oo"})
_GLIDE_ENDINGS = (  # vowel clusters ending in a glide: no final consonant after them
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu "
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu"
)
_NO_FINAL = frozenset(_GLIDE_ENDINGS.split())
_BEFORE_NH = frozenset({"a", "ê", "i", "y", "oa", "uê", "uy"})  # the only vowels before nh/ch
_ACRONYM = re.compile(r"^[A-ZĐ]+$")
_TOKEN_SPLIT = re.compile(r"[\s\-–—/\\,.;:!?…()\[\]{}<>\"“”'‘’*_+=%&#@|~`^0-9]+")


def is_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (tones where they may go)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.match(base)
    if not match:
        return False
    vowel, final = match.group(2), match.group(3)
    if (vowel in _NEEDS_FINAL and not final) or (vowel in _NO_FINAL and final):
        return False
    if final in ("nh", "ch") and vowel not in _BEFORE_NH:
        return False
    stop_final = final in ("c", "ch", "p", "t")
    return not stop_final or (bool(tones) and tones[0] in (_ACUTE, _DOT))


def vietnamese_score(text: str) -> float:
    """Valid syllables with Vietnamese letters, minus words with letters or signs that are not."""
    valid, total = counts(text)
    return float(2 * valid - total)


def counts(text: str) -> tuple[int, int]:
    """Valid syllables and all words among the words with non-ASCII letters."""
    valid = total = 0
    for token in _TOKEN_SPLIT.split(unicodedata.normalize("NFC", text)):
        if token.isascii() or _ACRONYM.match(token):  # "HĐND", "QĐ" count neither way
            continue
        total += 1
        valid += token.isalpha() and is_syllable(token)
    return valid, total


def valid_ratio(text: str) -> float:
    """Share of the words with non-ASCII letters that are valid syllables (1.0 if none)."""
    valid, total = counts(text)
    return valid / total if total else 1.0
