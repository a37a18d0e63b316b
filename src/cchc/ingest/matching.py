"""Narrative figures matched to catalog indicators by their wording (khớp số liệu với chỉ
tiêu): every number of the narrative, with its noun and its clause, is a candidate; each
candidate is scored against every indicator's name and aliases, unit noun, level and CCHC
area; values are then assigned **globally** — one value per indicator, each number used
once, a ratio whose parts agree raising all three.

No rule per indicator lives here: the words come from the catalog, the nouns from
``data/cues.yaml`` (what follows a number of each catalog unit), the weights from how rare a
word is among the catalog's wordings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from cchc.catalog import Catalog, RatioRelation
from cchc.ingest.cues import cues, words
from cchc.ingest.folding import fold_ocr
from cchc.validation.rules import ratio_matches

_LEVEL_SUFFIX = re.compile(r"\.(province|district|commune)$")
_LEVEL_ASIDE = re.compile(r"\([^)]*\b(?:cap|so, nganh|so nganh)\b[^)]*\)")
_WORD = re.compile(r"[a-z0-9%]+")


@dataclass(frozen=True)
class Mention:
    """A number of the narrative with the words around it (folded), as read."""

    key: int  # which number of the document (a/b pairs give two mentions of one key)
    line: int
    text: str
    value: float
    decimals: int
    noun: str | None  # the noun key (data/cues.yaml ``units``) right after the number
    near: tuple[str, ...]  # words of the clause before the number, nearest last
    after: tuple[str, ...]  # words after the noun, up to the clause's end
    far: tuple[str, ...]  # words of the sentence's earlier clauses
    level: str | None
    area: str | None
    role: str = "plain"  # plain | numerator | denominator | percent | zero
    whole: int | None = None  # "…, trong đó 14 TTHC": the key of the figure this is part of


@dataclass(frozen=True)
class Candidate:
    """One way to read a mention: the indicator, the value and how well the words fit."""

    mention: Mention
    indicator: str
    score: float
    ruled: bool = False  # a cue rule of data/cues.yaml says so too


@dataclass
class _Profile:
    """An indicator's wording as weighted terms, its nouns, its level."""

    indicator: str
    wordings: list[dict[str, float]]
    nouns: frozenset[str]
    percent: bool
    level: str | None
    area: str | None


@dataclass
class _Model:
    profiles: list[_Profile]
    idf: dict[str, float]


def terms(found: tuple[str, ...] | list[str]) -> list[str]:
    """Content words and the syllable pairs they form ("dung han", "tiep nhan"); the words
    that carry no meaning of their own in a name ("Số … của …", cues ``stop_words``) are
    left out."""
    stop = words("stop_words")
    content = [w for w in found if w not in stop and not w.isdigit()]
    pairs = [f"{a} {b}" for a, b in pairwise(found) if a not in stop]
    return content + [p for p in pairs if p.split()[1] not in stop]


@lru_cache(maxsize=1)
def nouns_by_unit() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Catalog unit (đơn vị tính) → the noun keys that may follow its numbers."""
    return tuple((unit, tuple(nouns)) for unit, nouns in cues()["catalog_units"].items())


def _nouns_starting(folded: str) -> list[str]:
    """The nouns (keys of cues ``units``, in the file's order) that folded text starts
    with."""
    head = " ".join(_WORD.findall(folded)[:4])
    return [
        str(noun)
        for noun, forms in cues()["units"].items()
        if any(head == form or head.startswith(form + " ") for form in forms)
    ]


def noun_at(folded: str) -> str | None:
    """The noun (a key of cues ``units``) that ``folded`` text starts with."""
    found = _nouns_starting(folded)
    return found[0] if found else None


def units_named(folded: str) -> frozenset[str] | None:
    """The catalog units (đơn vị tính) a unit cell or noun names ("Hồ sơ" → HS, "%" → %);
    None when it names none we know."""
    if "%" in folded:
        return frozenset({"%"})
    keys = set(_nouns_starting(folded))
    found = frozenset(unit for unit, allowed in nouns_by_unit() if keys & set(allowed))
    return found or None


def is_none_of_ours(folded: str) -> bool:
    """Wording of a figure no form asks for ("kỳ trước chuyển sang", "trả lại"): the cues
    of the rules of data/cues.yaml that name no indicator."""
    return any(cue in folded for cue in _none_of_ours_cues())


@lru_cache(maxsize=1)
def _none_of_ours_cues() -> tuple[str, ...]:
    return tuple(
        cue
        for rule in cues()["rules"]
        if rule.get("indicator") is None
        for cue in (*rule.get("before", ()), *rule.get("after", ()))
    )


def figure_level(unit_level: str | None) -> str | None:
    """The level a unit's own figures are counted at: a department's dossiers are the
    province's (cấp tỉnh); a ministry's have no local level."""
    return {"department": "province", "ministry": None}.get(unit_level or "", unit_level)


def words_of(folded: str) -> list[str]:
    """The words of folded text, abbreviations spelled out ("tthc" → "thu tuc hanh
    chinh", cues ``abbreviations``), so that both forms match."""
    spelled = _abbreviations()
    return [part for word in _WORD.findall(folded) for part in spelled.get(word, (word,))]


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    return {short: tuple(long.split()) for short, long in cues()["abbreviations"].items()}


@lru_cache(maxsize=4)
def _model(catalog: Catalog) -> _Model:
    by_unit = dict(nouns_by_unit())
    raw: list[tuple[str, list[list[str]]]] = []
    for key, indicator in catalog.indicators.items():
        if indicator.type not in ("count", "percent", "amount"):
            continue
        wordings = [
            terms(words_of(form))
            for w in (indicator.name, *indicator.aliases)
            for form in _forms(fold_ocr(w))
        ]
        raw.append((key, wordings))
    document_frequency: Counter[str] = Counter()
    for _, wordings in raw:
        document_frequency.update({t for wording in wordings for t in wording})
    total = len(raw)
    idf = {t: math.log(1 + total / n) for t, n in document_frequency.items()}
    profiles = []
    for key, wordings in raw:
        indicator = catalog.indicators[key]
        suffix = _LEVEL_SUFFIX.search(key)
        profiles.append(
            _Profile(
                key,
                [{t: idf[t] for t in wording} for wording in wordings],
                frozenset(by_unit.get(indicator.unit or "", ())),
                indicator.type == "percent",
                suffix.group(1) if suffix else None,
                indicator.area,
            )
        )
    return _Model(profiles, idf)


def _forms(folded: str) -> set[str]:
    """A wording with and without its bracketed asides; an aside naming the level is
    dropped (the level is matched on its own)."""
    without_level = _LEVEL_ASIDE.sub(" ", folded)
    return {without_level, _ASIDE.sub(" ", without_level)}


_ASIDE = re.compile(r"\([^)]*\)")
_NEAR, _AFTER, _FAR = 1.0, 0.8, 0.45


def score_mention(
    catalog: Catalog, mention: Mention, allowed: frozenset[str] | None
) -> list[Candidate]:
    """Every indicator the mention's words may name, best first (scores 0–1); those not on
    the ``allowed`` forms (the unit's template) count less."""
    model = _model(catalog)
    weights: dict[str, float] = {}
    far = _AFTER if mention.role == "percent" else _FAR  # "(đạt 99,3%)" speaks of the clause before
    for said, weight in ((mention.far, far), (mention.after, _AFTER), (mention.near, _NEAR)):
        for term in terms(said):
            weights[term] = max(weights.get(term, 0.0), weight)
    spoken = sum(model.idf[t] * w for t, w in weights.items() if t in model.idf and w >= _AFTER)
    found = []
    for profile in model.profiles:
        if not _fits(profile, mention):
            continue
        best = max(_fit(wording, weights, spoken) for wording in profile.wordings)
        if allowed is not None and profile.indicator not in allowed:
            best *= 0.85
        if mention.area and profile.area and mention.area != profile.area:
            best *= 0.8
        if best > 0.2:
            found.append(Candidate(mention, profile.indicator, round(best, 3)))
    return sorted(found, key=lambda c: -c.score)


def _fits(profile: _Profile, mention: Mention) -> bool:
    """Noun, kind and level allow this indicator at all."""
    if (mention.role == "percent") != profile.percent:
        return False
    if mention.noun is not None and mention.role != "percent" and mention.noun not in profile.nouns:
        return False
    return profile.level is None or profile.level == mention.level


def _fit(wording: dict[str, float], weights: dict[str, float], spoken: float) -> float:
    """How much of the wording the context says (recall) and how much of what the context
    says near the number the wording holds (precision), as their harmonic mean."""
    total = sum(wording.values())
    if not total:
        return 0.0
    said = sum(idf * weights[t] for t, idf in wording.items() if t in weights)
    recall = said / total
    near = sum(idf * weights[t] for t, idf in wording.items() if weights.get(t, 0) >= _AFTER)
    precision = near / spoken if spoken else 0.5  # nothing said near: the wording decides
    if recall <= 0 or precision <= 0:
        return 0.0
    return 2 * recall * precision / (recall + precision)


def assign(catalog: Catalog, candidates: list[Candidate]) -> list[Candidate]:
    """One value per indicator and one indicator per number, best first; percentages after
    the counts, raised when the ratio of their parts agrees and lowered when it does not;
    zeros read from words ("không có …") last, for indicators no printed number took."""
    chosen: dict[str, list[Candidate]] = {}
    used: set[tuple[int, str]] = set()
    numbers = [c for c in candidates if c.mention.role not in ("percent", "zero")]
    for candidate in sorted(_parts_below_wholes(numbers), key=_order):
        _take(candidate, chosen, used)
    parts = _ratio_parts(catalog)
    percents = [_with_ratio(c, parts, chosen) for c in candidates if c.mention.role == "percent"]
    for candidate in sorted(percents, key=_order):
        _take(candidate, chosen, used)
    zeros = [c for c in candidates if c.mention.role == "zero"]
    for candidate in sorted(zeros, key=_order):  # a printed number beats a zero read from words
        _take(candidate, chosen, used)
    return [c for held in chosen.values() for c in held]


def _parts_below_wholes(candidates: list[Candidate]) -> list[Candidate]:
    """A part ("…, trong đó 14 TTHC ngành dọc") is not what its whole is: where both read
    best as one indicator, the part's reading is lowered."""
    best: dict[int, Candidate] = {}
    for candidate in candidates:
        key = candidate.mention.key
        if key not in best or candidate.score > best[key].score:
            best[key] = candidate
    lowered = []
    for candidate in candidates:
        whole = best.get(candidate.mention.whole) if candidate.mention.whole is not None else None
        if whole is not None and whole.indicator == candidate.indicator:
            candidate = Candidate(
                candidate.mention, candidate.indicator, round(candidate.score * 0.6, 3),
                candidate.ruled,
            )  # fmt: skip
        lowered.append(candidate)
    return lowered


def _order(candidate: Candidate) -> tuple[float, int]:
    return (-(candidate.score + (0.25 if candidate.ruled else 0.0)), candidate.mention.key)


def _take(
    candidate: Candidate, chosen: dict[str, list[Candidate]], used: set[tuple[int, str]]
) -> None:
    """Take a reading if its number is free and its indicator is free or already holds the
    same value (a figure restated later in the report is the same figure)."""
    slot = (candidate.mention.key, candidate.mention.role)
    held = chosen.get(candidate.indicator)
    if slot in used or candidate.score < THRESHOLD:
        return
    if held and any(h.mention.value != candidate.mention.value for h in held):
        return
    chosen.setdefault(candidate.indicator, []).append(candidate)
    used.add(slot)


THRESHOLD = 0.42


def _ratio_parts(catalog: Catalog) -> dict[str, tuple[str, str]]:
    return {
        r.result: (r.numerator, r.denominator)
        for r in catalog.relations
        if isinstance(r, RatioRelation)
    }


def _with_ratio(
    candidate: Candidate, parts: dict[str, tuple[str, str]], chosen: dict[str, list[Candidate]]
) -> Candidate:
    pair = parts.get(candidate.indicator)
    if pair is None or pair[0] not in chosen or pair[1] not in chosen:
        return candidate
    numerator, denominator = chosen[pair[0]][0].mention.value, chosen[pair[1]][0].mention.value
    if not denominator:
        return candidate
    printed = candidate.mention.decimals
    if not ratio_matches(candidate.mention.value, numerator / denominator * 100, printed):
        score = candidate.score - 0.3
    else:  # agreeing to the printed decimals says more the more decimals there are
        score = candidate.score + (0.35 if printed else 0.2)
    return Candidate(candidate.mention, candidate.indicator, round(score, 3), candidate.ruled)


def agreeing_ratios(catalog: Catalog, chosen: list[Candidate]) -> set[str]:
    """Indicators of ratios whose three figures agree (tỷ lệ = tử số / mẫu số), to the
    decimals the rate is printed with."""
    by_indicator = {c.indicator: c.mention for c in chosen}
    agreeing: set[str] = set()
    for result, (numerator, denominator) in _ratio_parts(catalog).items():
        rate, top, bottom = (by_indicator.get(k) for k in (result, numerator, denominator))
        if rate is None or top is None or bottom is None or not bottom.value:
            continue
        if ratio_matches(rate.value, top.value / bottom.value * 100, rate.decimals):
            agreeing |= {result, numerator, denominator}
    return agreeing
