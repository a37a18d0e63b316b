"""Figures stated in the narrative (số liệu trong phần thuyết minh: "tiếp nhận 59.790 hồ
sơ; đã giải quyết 54.106 hồ sơ…"): every number with its noun, its clause and the level it
speaks of, matched to the catalog by :mod:`cchc.ingest.matching`; the cue rules of
data/cues.yaml add their say and mark figures that are none of ours."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from cchc.catalog import Catalog
from cchc.ingest.cues import cues, words
from cchc.ingest.folding import find_phrase, fold_ocr
from cchc.ingest.indicators import level_matches, level_mentions
from cchc.ingest.matching import (
    Candidate,
    Mention,
    agreeing_ratios,
    assign,
    figure_level,
    noun_at,
    score_mention,
    words_of,
)
from cchc.ingest.sections import Section, section_at
from cchc.numbers import is_year, parse_number

_NUMBER = re.compile(
    r"(?<![\w./,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,3}))?"
    r"(?:\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+))?(\s*%)?(?![\w/%])"
)
_WINDOW = 90
_AFTER = 45


@dataclass(frozen=True)
class Rule:
    """One way a figure is stated (see data/cues.yaml)."""

    indicator: str | None  # None: a figure of no indicator (carried over, returned…)
    units: tuple[str, ...]
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    not_between: tuple[str, ...] = ()
    pair: str | None = None
    areas: tuple[str, ...] = ()
    near: int | None = None


@dataclass(frozen=True)
class NarrativeValue:
    """A figure read from the narrative, with the line it stands on."""

    indicator: str
    value: float
    decimals: int
    line: int
    text: str
    confidence: float
    offset: int = 0  # where in its paragraph the figure stands


def _scales() -> dict[str, float]:
    return dict(cues().get("scales", {}))


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            r["indicator"],
            tuple(r["unit"]),
            tuple(r.get("before", ())),
            tuple(r.get("after", ())),
            tuple(r.get("not_between", ())),
            r.get("pair"),
            tuple(r.get("areas", ())),
            r.get("near"),
        )
        for r in cues()["rules"]
    )


@dataclass
class _Paragraph:
    text: str
    folded: str
    starts: list[tuple[int, int]]  # (offset in paragraph, line number)
    level: str | None
    area: str | None = None

    def line_at(self, offset: int) -> int:
        """The line that holds ``offset`` (starts are in order: a bisection, not a scan)."""
        index = bisect_right(self.starts, offset, key=lambda start: start[0]) - 1
        return self.starts[max(index, 0)][1]

    @cached_property
    def levels(self) -> list[tuple[int, int, str]]:
        """(start, end, level) of every level the paragraph names, found once."""
        return [(m.start(), m.end(), level) for m, level in level_matches(self.folded)]


def narrative_values(
    catalog: Catalog,
    lines: list[str],
    unit_level: str | None,
    skip_lines: set[int],
    sections: list[Section] | None = None,
    prefer: frozenset[str] | None = None,
) -> list[NarrativeValue]:
    """Every figure of the narrative matched to an indicator: each number with its noun and
    clause is scored against the catalog's wording (cue rules of data/cues.yaml add their
    say), then values are assigned once over the whole document. ``prefer``: the
    indicators of the unit's own forms, which count more."""
    default_level = figure_level(unit_level)
    candidates: list[Candidate] = []
    key = 0
    body_start = sections[0].line if sections else 0
    for paragraph in _paragraphs(lines, skip_lines):
        if paragraph.starts[-1][1] < body_start - 3:
            continue  # the header block and the opening lines: numbers, dates, not figures
        section = section_at(sections or [], paragraph.starts[0][1])
        if _is_outlook(sections or [], paragraph.starts[0][1]):
            continue  # targets of the next period are not results
        paragraph.area = section.area if section else None
        for mention, ruled in _mentions(
            catalog, paragraph, paragraph.level or default_level, lines, key
        ):
            key = max(key, mention.key + 1)
            candidates += _candidates(catalog, mention, ruled, prefer)
    chosen = assign(catalog, candidates)
    agreeing = agreeing_ratios(catalog, chosen)
    return [_narrative_value(c, candidates, agreeing) for c in chosen]


def _is_outlook(sections: list[Section], line: int) -> bool:
    """Inside the part on the next period's tasks or on proposals."""
    return any(
        s.level == 1 and s.line <= line <= s.end and s.area in ("plans", "proposals")
        for s in sections
    )


def _candidates(
    catalog: Catalog, mention: Mention, ruled: dict[str, float], prefer: frozenset[str] | None
) -> list[Candidate]:
    """The matcher's readings of a mention, those a cue rule names marked (and added)."""
    found = score_mention(catalog, mention, prefer)
    by_indicator = {c.indicator: c for c in found}
    for indicator, value in ruled.items():
        if value != mention.value:
            continue
        base = by_indicator.get(indicator)
        score = max(base.score if base else 0.0, 0.5)
        by_indicator[indicator] = Candidate(mention, indicator, score, ruled=True)
    return list(by_indicator.values())


def _narrative_value(
    chosen: Candidate, candidates: list[Candidate], agreeing: set[str]
) -> NarrativeValue:
    """The assigned figure with a confidence from how well, and how alone, its words fit."""
    mention = chosen.mention
    rivals = [
        c.score
        for c in candidates
        if c.mention.key == mention.key
        and c.mention.role == mention.role
        and c.indicator != chosen.indicator
    ]
    margin = chosen.score - max(rivals, default=0.0)
    confidence = 0.35 + 0.45 * min(chosen.score, 1.0)
    confidence += 0.15 if chosen.ruled else 0.0
    confidence += 0.1 if chosen.indicator in agreeing else 0.0
    confidence -= 0.15 if margin < 0.05 and not chosen.ruled else 0.0
    confidence -= 0.15 if mention.role == "zero" else 0.0
    return NarrativeValue(
        chosen.indicator,
        mention.value,
        mention.decimals,
        mention.line,
        mention.text,
        round(max(0.3, min(confidence, 0.95)), 2),
        mention.key,
    )


def _paragraphs(lines: list[str], skip_lines: set[int]) -> list[_Paragraph]:
    """Paragraphs of the narrative: a line that ends a sentence and the next one that starts
    a new item (a capital, a dash, a numbered heading) are apart, as are runs of lines
    split by a blank or a table line. A level marker line ("Đối với cấp xã") sets the level
    of the paragraphs after it until the next marker or numbered heading."""
    paragraphs: list[_Paragraph] = []
    current: list[tuple[int, str]] = []
    level: str | None = None
    for number, line in enumerate([*lines, ""], start=1):
        folded = fold_ocr(line)
        marker = level_mentions(folded)
        if marker and len(folded) < 60:
            level = marker[0][1]
        heading = bool(_HEADING.match(folded)) and len(folded) < 120
        if heading:
            level = None
        usable = line.strip() and number not in skip_lines and "\t" not in line and not heading
        if current and (not usable or _starts_paragraph(current[-1][1], line)):  # a heading too
            paragraphs.append(_join(current, level))
            current = []
        if usable:
            current.append((number, line))
    return paragraphs


_HEADING = re.compile(r"^\s*(?:[ivx]+|\d{1,2}(?:\.\d{1,2})*)\.\s+\D")  # "1. Cải cách …", "II. …"
_ITEM_START = re.compile(r"^\s*(?:[-+*•]|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVX]+\.\s|[A-ZĐ])")


def _starts_paragraph(previous: str, line: str) -> bool:
    return previous.rstrip().endswith((".", ":", ";", "!", "?")) and bool(
        _ITEM_START.match(line.lstrip()[:6])
    )


def _join(lines: list[tuple[int, str]], level: str | None) -> _Paragraph:
    parts, starts, offset = [], [], 0
    for number, line in lines:
        starts.append((offset, number))
        parts.append(line.strip())
        offset += len(line.strip()) + 1
    text = " ".join(parts)
    return _Paragraph(text, fold_ocr(text), starts, level)


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\.\s|\s[-–]\s|\btrong do\b")
_SENTENCE_BREAK = re.compile(r"[;]|\.\s|^\s*[-+*]\s")
_NEAR_WORDS, _FAR_WORDS, _AFTER_WORDS = 16, 30, 12


def _mentions(
    catalog: Catalog, paragraph: _Paragraph, level: str | None, lines: list[str], first_key: int
) -> list[tuple[Mention, dict[str, float]]]:
    """Every number of the paragraph (and every "không có …" as a zero) with its context,
    and what the cue rules say it is."""
    found: list[tuple[Mention, dict[str, float]]] = []
    folded = paragraph.folded
    key = first_key
    previous_end = 0
    for match in _NUMBER.finditer(folded):
        value = _value(match)
        if value is None or _is_identifier(folded, match):
            continue
        cue = _cue(paragraph, match, value, previous_end, level)
        whole = key - 1 if previous_end and _is_part(folded[previous_end : match.start()]) else None
        previous_end = match.end()
        ruled = _ruled(catalog, cue, bool(match.group(4)))
        if ruled is None or _other_period(cue.window + " " + cue.tail[:40]):
            key += 1
            continue  # a figure of none of ours (carried over, last year's…)
        text = lines[cue.line - 1].strip()
        for mention in _readings(cue, match, value, text, key, paragraph):
            found.append((replace(mention, whole=whole), ruled))
        key += 1
    for mention in _zeros(paragraph, level, lines, key):
        found.append((mention, {}))
    return found


def _cue(
    paragraph: _Paragraph,
    match: re.Match[str],
    value: tuple[float, int, float | None],
    previous_end: int,
    level: str | None,
) -> _Mention:
    folded = paragraph.folded
    tail = folded[match.end() : match.end() + _AFTER]
    return _Mention(
        line=paragraph.line_at(match.start()),
        value=value,
        window=_clause(folded[max(previous_end, match.start() - _WINDOW) : match.start()]),
        tail=tail,
        level=_level_after(tail) or _level_before(paragraph, match.start()) or level,
        area=paragraph.area,
        offset=match.start(),
    )


def _readings(
    cue: _Mention,
    match: re.Match[str],
    value: tuple[float, int, float | None],
    text: str,
    key: int,
    paragraph: _Paragraph,
) -> list[Mention]:
    """The mention(s) of one number: a plain figure, a percentage, or both sides of a/b."""
    number, decimals, denominator = value
    folded = paragraph.folded
    noun = "%" if match.group(4) else noun_at(cue.tail)
    if noun is None and _noun_words(folded[match.end() : match.end() + 40]):
        return []  # "12 xóm", "03 máy tính": a noun no indicator counts
    after = _after_noun(folded[match.end() :])
    near, far = _before(folded, match.start())
    common = {"line": cue.line, "text": text, "near": near, "after": after, "far": far,
              "level": cue.level, "area": cue.area}  # fmt: skip
    scale = _scales().get(noun or "", 1)
    if scale != 1:
        number, decimals = number * scale, 0
    if match.group(4):
        return [Mention(key, value=number, decimals=decimals, noun=None, role="percent", **common)]
    if denominator is None:
        return [Mention(key, value=number, decimals=decimals, noun=noun, **common)]
    return [
        Mention(key, value=number, decimals=decimals, noun=noun, role="numerator", **common),
        Mention(key, value=denominator, decimals=0, noun=noun, role="denominator", **common),
    ]  # fmt: skip


def _is_identifier(folded: str, match: re.Match[str]) -> bool:
    """A number that names rather than counts: "Kế hoạch số 02", "mức độ 4", "Nghị quyết
    48-NQ/TU", "xóm 5"."""
    if re.match(r"-[a-z]", folded[match.end() : match.end() + 2]):
        return True
    before = words_of(folded[max(0, match.start() - 12) : match.start()])
    names = words("identifiers")
    return bool(before) and (before[-1] in names or " ".join(before[-2:]) in names)


def _is_part(between: str) -> bool:
    """Words between two figures that make the second a part of the first ("…, trong đó
    có 14 TTHC", "(gồm 05 hồ sơ …)")."""
    return bool(re.search(r"\b(?:trong do|gom|bao gom)\b", between)) and len(between) < 60


def _noun_words(tail: str) -> list[str]:
    """The words right after a number, before any punctuation ("" if the number ends a
    clause or is followed by a linking word)."""
    start = re.match(r"\s*([a-z% ]*)", tail)
    head = (start.group(1) if start else "").split()
    if not head or head[0] in words("linking_words"):
        return []
    return head


def _after_noun(rest: str) -> tuple[str, ...]:
    """Words after the number up to the clause's end (the noun's own words included); a
    comma inside a noun ("tin, bài", "cán bộ, công chức") does not end it."""
    end = len(rest)
    for found in _CLAUSE_BREAK.finditer(rest):
        if found.group(0) == "," and noun_at(rest[found.end() : found.end() + 30]):
            continue
        end = found.start()
        break
    return tuple(words_of(rest[:end])[:_AFTER_WORDS])


def _before(folded: str, offset: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words of the clause before ``offset`` (near) and of the sentence before it (far)."""
    head = folded[max(0, offset - 400) : offset]
    sentence_start = max((m.end() for m in _SENTENCE_BREAK.finditer(head)), default=0)
    sentence = head[sentence_start:]
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence)), default=0)
    near = words_of(sentence[clause_start:])
    if not set(near) - words("linking_words"):  # "…giao năm 2023: 76 người"
        clause_start = max(
            (m.end() for m in _CLAUSE_BREAK.finditer(sentence[: max(0, clause_start - 1)])),
            default=0,
        )
        near = words_of(sentence[clause_start:])
    far = tuple(words_of(sentence[:clause_start])[-_FAR_WORDS:])
    return tuple(near[-_NEAR_WORDS:]), far


_ZERO = re.compile(r"\b(?:khong|chua) (?:co )?")


def _zeros(
    paragraph: _Paragraph, level: str | None, lines: list[str], first_key: int
) -> list[Mention]:
    """ "Không có nhiệm vụ quá hạn", "xã không tuyển dụng công chức": a zero of the
    indicator the clause names, when a noun of ours follows (one reading per noun that
    follows, of one zero: the best-fitting one is taken)."""
    found = []
    folded = paragraph.folded
    for index, match in enumerate(_ZERO.finditer(folded)):
        rest = folded[match.end() :]
        said = list(_after_noun(rest))
        if (
            not said
            or said[0] in words("not_zero_words")
            or (match.group(0).startswith("chua") and said[0] in words("not_yet_words"))
        ):
            continue
        nouns = dict.fromkeys(n for i in range(len(said)) if (n := noun_at(" ".join(said[i:]))))
        near, far = _before(folded, match.start())
        line = paragraph.line_at(match.start())
        for noun in list(nouns)[:3]:  # "ban hành văn bản": "ban" (a board) or "văn bản"
            found.append(
                Mention(first_key + index, line, lines[line - 1].strip(), 0.0, 0, noun,
                        near + tuple(said), (), far,
                        _level_after(rest) or _level_before(paragraph, match.start()) or level,
                        paragraph.area, role="zero")
            )  # fmt: skip
    return found


def _other_period(context: str) -> bool:
    """A figure of another period or a comparison ("so với cùng kỳ năm 2023 …")."""
    return any(marker in context for marker in cues().get("other_periods", ()))


def _ruled(catalog: Catalog, cue: _Mention, percent: bool) -> dict[str, float] | None:
    """What the cue rules read the number as: indicator → value ("a/b" pairs give two;
    None: the nearest cue says the figure is none of ours). A cue whose indicator the
    catalog lacks at the mention's level is passed over."""
    noun = "%" if percent else (noun_at(cue.tail) or "*")
    number, _, denominator = cue.value
    scale = _scales().get(noun, 1)
    read: dict[str, float] = {}
    for position, (_, rule) in enumerate(_candidates_of(_rules(), noun, denominator, cue)):
        if rule.indicator is None:
            return None if position == 0 else read
        if rule.indicator in read or (read and rule.pair is None):
            continue
        indicator = _with_level(rule.indicator, cue.level)
        if indicator is None or indicator not in catalog.indicators:
            continue
        read[indicator] = (denominator if rule.pair == "denominator" else number) * scale
    return read


@dataclass(frozen=True)
class _Mention:
    """A number in the narrative with what surrounds it."""

    line: int
    value: tuple[float, int, float | None]
    window: str
    tail: str
    level: str | None
    area: str | None
    offset: int


def _clause(window: str) -> str:
    """The part of the window after the last clause break: cues do not cross a ";"."""
    return window[window.rfind(";") + 1 :]


def _value(match: re.Match[str]) -> tuple[float, int, float | None] | None:
    whole, fraction, other, _percent_sign = match.groups()
    number = parse_number(whole + ("," + fraction if fraction else ""))
    denominator = parse_number(other).value if other else None
    if denominator is not None and (is_year(denominator) or denominator < number.value):
        return None
    if denominator is None and is_year(number.value) and not fraction:
        return None
    return number.value, number.decimals, denominator


def _level_after(tail: str) -> str | None:
    """A level named right after the figure's noun ("334 TTHC cấp huyện")."""
    found = level_mentions(re.split(r"[,;:(]", tail[:25], maxsplit=1)[0])
    return found[0][1] if found and found[0][0] <= 12 else None


def _level_before(paragraph: _Paragraph, offset: int) -> str | None:
    """The level named last before ``offset`` in the paragraph ("Cấp huyện: tiếp nhận …");
    an authority named by its name ("UBND tỉnh Nam Định") is not a level."""
    levels = paragraph.levels
    index = bisect_right(levels, offset, key=lambda mention: mention[1]) - 1
    while index >= 0:
        _, end, level = levels[index]
        if not _names_a_place(paragraph.text, end):
            return level
        index -= 1
    return None


def _names_a_place(text: str, end: int) -> bool:
    """The level word is followed by a proper name ("tỉnh Nam Định", "huyện Hải Hậu")."""
    rest = text[end : end + 3].lstrip()
    return bool(rest) and rest[0].isupper()


def _candidates_of(
    rules: tuple[Rule, ...], noun: str, denominator: float | None, mention: _Mention
) -> list[tuple[float, Rule]]:
    """Rules that fit the noun, the section and the cues; most specific, nearest cue first.
    Cues found as printed win over cues found only by OCR-tolerant matching."""
    fitting = [
        rule
        for rule in rules
        if noun in rule.units
        and (rule.pair is not None) == (denominator is not None)
        and not (rule.areas and mention.area is not None and mention.area not in rule.areas)
    ]
    for fuzzy in (False, True):
        found = []
        for rule in fitting:
            distance = _cue_distance(rule, mention.window, mention.tail, fuzzy=fuzzy)
            if distance is not None:
                found.append((distance - (25 if rule.after else 0), rule))
        if found:
            return sorted(found, key=lambda pair: pair[0])
    return []


def _cue_distance(rule: Rule, window: str, tail: str, *, fuzzy: bool) -> float | None:
    """How far the rule's nearest cue stands before the number (None: no cue)."""
    if rule.after and not any(_last_cue(cue, tail, fuzzy) >= 0 for cue in rule.after):
        return None
    if not rule.before:
        return _AFTER
    best = None
    for cue in rule.before:
        at = _last_cue(cue, window, fuzzy)
        if at < 0:
            continue
        between = window[at + len(cue) :]
        if any(bad in between for bad in rule.not_between):
            continue
        gap = len(window) - at - len(cue)
        if rule.near is not None and gap > rule.near:
            continue
        distance = gap - len(cue) / 5  # nearer, then longer, wins
        best = distance if best is None else min(best, distance)
    return best


def _last_cue(cue: str, window: str, fuzzy: bool) -> int:
    """Offset of the last occurrence of ``cue`` in ``window`` (-1 if none); with ``fuzzy``,
    OCR-damaged occurrences of longer cues count too."""
    at = window.rfind(cue)
    if at >= 0 or not fuzzy or len(cue) < 7:
        return at
    hit = find_phrase(cue, window, min_score=87, whole_words=True)
    return hit.start if hit else -1


def _with_level(indicator: str, level: str | None) -> str | None:
    if "{level}" not in indicator:
        return indicator
    return indicator.replace("{level}", level) if level else None
