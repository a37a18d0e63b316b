"""Recognising catalog indicators by their wording (not by printed codes), on folded text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from cchc.catalog import Catalog
from cchc.ingest.folding import fold_ocr

# "cấp huyện" and the ways OCR writes it ("cdp huyén"), "sở, ngành", "UBND xã"…
# The folded words that name a level of local government (cấp tỉnh, huyện, xã).
LEVEL_WORDS = {
    "tinh": "province",
    "huyen": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
}
_LEVEL_MENTION = re.compile(
    r"\b(?:c[a-z]{1,2}p|ubnd|ubnd c[a-z]{1,2}p)\s+(tinh|huyen|xa)\b|\b(so,? nganh|cac so)\b"
)


def level_matches(folded: str) -> list[tuple[re.Match[str], str]]:
    """Every level named in folded text, in order, with the match that names it."""
    return [
        (m, LEVEL_WORDS[m.group(1)] if m.group(1) else "province")
        for m in _LEVEL_MENTION.finditer(folded)
    ]


def level_mentions(folded: str) -> list[tuple[int, str]]:
    """(offset, level) of every level named in folded text, in order."""
    return [(m.start(), level) for m, level in level_matches(folded)]


_LEVEL_SUFFIX = re.compile(r"\.(province|district|commune)$")
_PARENS = re.compile(r"\([^)]*\)")
_DATES = re.compile(r"\b(?:nam|thang|ngay|den|tinh den)?\s*\d[\d/.,]*\b")


def level_hint(folded: str) -> str | None:
    """The administrative level a text speaks of first ("cấp huyện" → district), if any."""
    found = level_mentions(folded)
    return found[0][1] if found else None


@dataclass(frozen=True)
class IndicatorMatch:
    """An indicator recognised from wording, with a score from 0 to 100."""

    indicator: str
    score: float


# What being on the unit's own forms is worth: a report fills in its own forms, so their
# indicators win over another level's of like wording.
_PREFERRED = 10.0


class IndicatorMatcher:
    """Finds the catalog indicator a row label or phrase names."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        wordings = [
            (key, wording)
            for key, indicator in catalog.indicators.items()
            for wording in (indicator.name, *indicator.aliases)
        ]
        self.ids = [key for key, _ in wordings]
        self.names = [_clean(wording) for _, wording in wordings]
        self._hits: dict[str, list[tuple[str, float, int]]] = {}

    def match(
        self,
        label: str,
        *,
        context: str = "",
        unit_level: str | None = None,
        min_score: float = 75.0,
        units: frozenset[str] | None = None,
        prefer: frozenset[str] | None = None,
    ) -> IndicatorMatch | None:
        """Best indicator for ``label``; ``context`` (a parent row's label, a section) and
        the report's level decide between level-split indicators of the same wording.
        ``units`` keeps only indicators counted in those catalog units (the row's unit
        cell); ``prefer`` (the unit's template) wins near-ties."""
        wanted = _clean(label)
        if len(wanted) < 4:
            return None
        if wanted not in self._hits:
            self._hits[wanted] = process.extract(
                wanted, self.names, scorer=_score, limit=16, score_cutoff=50
            )
        hits = [
            hit
            for hit in self._hits[wanted]
            if hit[1] >= min_score
            and (units is None or self.catalog.indicators[self.ids[hit[2]]].unit in units)
        ]
        if not hits:
            return None
        hint = level_hint(fold_ocr(label)) or level_hint(fold_ocr(context)) or unit_level
        ranked = sorted(
            (
                (
                    score
                    + self._level_bonus(self.ids[i], hint)
                    + (_PREFERRED if prefer and self.ids[i] in prefer else 0.0),
                    self.ids[i],
                )
                for _, score, i in hits
            ),
            reverse=True,
        )
        best_score, best_id = ranked[0]
        return IndicatorMatch(best_id, min(100.0, best_score))

    @staticmethod
    def _level_bonus(indicator_id: str, hint: str | None) -> float:
        suffix = _LEVEL_SUFFIX.search(indicator_id)
        if not suffix or hint is None:
            return 0.0
        return 6.0 if suffix.group(1) == hint else -6.0


def _score(a: str, b: str, **_: object) -> float:
    return 0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.ratio(a, b)


def _clean(text: str) -> str:
    """Folded wording without bracketed asides and punctuation."""
    folded = _DATES.sub(" ", fold_ocr(_PARENS.sub(" ", text)))
    return re.sub(r"[^a-z0-9% ]+", " ", folded).strip()


@lru_cache(maxsize=4)
def matcher_for(catalog: Catalog) -> IndicatorMatcher:
    """One matcher per catalog."""
    return IndicatorMatcher(catalog)
