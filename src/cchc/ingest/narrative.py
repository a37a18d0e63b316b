"""Figures stated in the narrative ("tiếp nhận 59.790 hồ sơ; đã giải quyết 54.106 hồ sơ…"),
recognised by the cue words of data/cues.yaml, with the level they speak of."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from cchc.catalog import Catalog, RatioRelation
from cchc.datafiles import load_yaml
from cchc.ingest.folding import find_phrase, fold_ocr
from cchc.ingest.indicators import level_matches, level_mentions, matcher_for
from cchc.ingest.sections import Section, section_at
from cchc.numbers import parse_number

CUES_FILE = Path(__file__).parent / "data" / "cues.yaml"
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


@lru_cache(maxsize=1)
def _scales() -> dict[str, float]:
    return dict(load_yaml(CUES_FILE).get("scales", {}))


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[Rule, ...], dict[str, tuple[str, ...]]]:
    data = load_yaml(CUES_FILE)
    nouns = {name: tuple(forms) for name, forms in data["units"].items()}
    rules = tuple(
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
        for r in data["rules"]
    )
    return rules, nouns


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
) -> list[NarrativeValue]:
    """Every figure of the narrative that a cue rule recognises (once per line)."""
    default_level = {"department": "province", "ministry": None}.get(unit_level or "", unit_level)
    found: dict[tuple[str, float, int], NarrativeValue] = {}
    for paragraph in _paragraphs(lines, skip_lines):
        section = section_at(sections or [], paragraph.starts[0][1])
        paragraph.area = section.area if section else None
        for item in _read_paragraph(catalog, paragraph, paragraph.level or default_level, lines):
            found.setdefault((item.indicator, item.value, item.line), item)
    return list(found.values())


def _paragraphs(lines: list[str], skip_lines: set[int]) -> list[_Paragraph]:
    """Runs of non-empty lines; a level marker line ("Đối với cấp xã") sets the level of the
    paragraphs after it until the next marker or numbered heading."""
    paragraphs: list[_Paragraph] = []
    current: list[tuple[int, str]] = []
    level: str | None = None
    for number, line in enumerate([*lines, ""], start=1):
        folded = fold_ocr(line)
        marker = level_mentions(folded)
        if marker and len(folded) < 60:
            level = marker[0][1]
        elif re.match(r"^\s*([ivx]+|\d{1,2})\.\s", folded):
            level = None
        if line.strip() and number not in skip_lines and "\t" not in line:
            current.append((number, line))
            continue
        if current:
            paragraphs.append(_join(current, level))
            current = []
    return paragraphs


def _join(lines: list[tuple[int, str]], level: str | None) -> _Paragraph:
    parts, starts, offset = [], [], 0
    for number, line in lines:
        starts.append((offset, number))
        parts.append(line.strip())
        offset += len(line.strip()) + 1
    text = " ".join(parts)
    return _Paragraph(text, fold_ocr(text), starts, level)


def _read_paragraph(
    catalog: Catalog, paragraph: _Paragraph, level: str | None, lines: list[str]
) -> list[NarrativeValue]:
    found: list[NarrativeValue] = []
    previous_end = 0
    for match in _NUMBER.finditer(paragraph.folded):
        value = _value(match)
        if value is None:
            continue  # a year or a date: the cue before it still applies to what follows
        line = paragraph.line_at(match.start())
        tail = paragraph.folded[match.end() : match.end() + _AFTER]
        mention = _Mention(
            line=line,
            value=value,
            window=_clause(
                paragraph.folded[max(previous_end, match.start() - _WINDOW) : match.start()]
            ),
            tail=tail,
            level=_level_after(tail) or _level_before(paragraph, match.start()) or level,
            area=paragraph.area,
            offset=match.start(),
        )
        text = lines[line - 1].strip()
        if match.group(4):
            clause_start = paragraph.folded.rfind(";", 0, match.start()) + 1
            found += _percent(catalog, found, line, value, lines, clause_start) or (
                _apply_rules(catalog, mention, text, noun="%")
            )
        else:
            found += _apply_rules(catalog, mention, text) or _labelled(catalog, mention, text)
        previous_end = match.end()
    return found


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
    if denominator is not None and (1900 <= denominator <= 2100 or denominator < number.value):
        return None
    if denominator is None and 1900 <= number.value <= 2100 and not fraction:
        return None
    return number.value, number.decimals, denominator


def _level_after(tail: str) -> str | None:
    """A level named right after the figure's noun ("334 TTHC cấp huyện")."""
    found = level_mentions(tail[:25])
    return found[0][1] if found and found[0][0] <= 12 else None


def _level_before(paragraph: _Paragraph, offset: int) -> str | None:
    """The level named last before ``offset`` in the paragraph ("Cấp huyện: tiếp nhận …")."""
    levels = paragraph.levels
    index = bisect_right(levels, offset, key=lambda mention: mention[1]) - 1
    return levels[index][2] if index >= 0 else None


def _apply_rules(
    catalog: Catalog, mention: _Mention, text: str, noun: str | None = None
) -> list[NarrativeValue]:
    """The indicator(s) the nearest cue names for a number ("a/b" pairs give two); a cue
    whose indicator the catalog lacks at the mention's level is passed over."""
    rules, nouns = _rules()
    noun = noun or _noun_after(nouns, mention.tail) or "*"
    number, decimals, denominator = mention.value
    scale = _scales().get(noun, 1)
    chosen: list[NarrativeValue] = []
    for distance, rule in _candidates(rules, noun, denominator, mention):
        if rule.indicator is None:
            break  # the nearest cue says this figure is none of ours
        if any(rule.indicator == c.indicator for c in chosen) or (chosen and rule.pair is None):
            continue
        indicator = _with_level(rule.indicator, mention.level)
        if indicator is None or indicator not in catalog.indicators:
            continue
        amount = (denominator if rule.pair == "denominator" else number) * scale
        places = decimals if rule.pair is None and scale == 1 else 0
        confidence = 0.85 if distance < 30 else 0.7
        chosen.append(
            NarrativeValue(
                indicator, amount, places, mention.line, text, confidence, mention.offset
            )
        )
    return chosen


_LABEL_END = re.compile(r"(?::|\bla|\bgom)\s*$")
_LABEL_START = re.compile(r".*(?:[;.(]|^|\s[-+*]\s)")


def _labelled(catalog: Catalog, mention: _Mention, text: str) -> list[NarrativeValue]:
    """ "Số biên chế được giao: 76 người": the words before the colon name the indicator."""
    number, decimals, denominator = mention.value
    if denominator is not None or not _LABEL_END.search(mention.window):
        return []
    label = _LABEL_END.sub("", _LABEL_START.sub("", mention.window, count=1)).strip(" ,-+*")
    if len(label) < 12:
        return []
    found = matcher_for(catalog).match(label, unit_level=mention.level, min_score=82)
    if found is None or catalog.indicators[found.indicator].type in ("percent", "text"):
        return []
    return [
        NarrativeValue(found.indicator, number, decimals, mention.line, text, 0.7, mention.offset)
    ]


def _candidates(
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


def _noun_after(nouns: dict[str, tuple[str, ...]], tail: str) -> str | None:
    words = re.sub(r"[^a-z0-9 ]+", " ", tail).split()
    head = " ".join(words[:4])
    for noun, forms in nouns.items():
        if any(head == form or head.startswith(form + " ") for form in forms):
            return noun
    return None


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


def _percent(
    catalog: Catalog,
    found: list[NarrativeValue],
    line: int,
    value: tuple[float, int, float | None],
    lines: list[str],
    clause_start: int,
) -> list[NarrativeValue]:
    """A percentage right after a ratio's numerator, in the same clause, is that ratio
    ("… đúng hạn 53.726 hồ sơ (tỷ lệ 99,3%)")."""
    if not found or found[-1].offset < clause_start:
        return []
    last = [item for item in found if item.offset == found[-1].offset]  # both sides of a pair
    for earlier in last:
        for relation in catalog.relations:
            if isinstance(relation, RatioRelation) and earlier.indicator == relation.numerator:
                return [
                    NarrativeValue(
                        relation.result,
                        value[0],
                        value[1],
                        line,
                        lines[line - 1].strip(),
                        0.75,
                        earlier.offset,
                    )
                ]
    return []
