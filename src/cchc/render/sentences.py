"""Figures → the sentences a clerk would write, from the patterns of data/sentences.yaml.

"Trong Quý III năm 2023, cấp tỉnh tiếp nhận 59.790 hồ sơ; đã giải quyết 54.106 hồ sơ, trong
đó giải quyết trước và đúng hạn 53.726 hồ sơ, đạt tỷ lệ 99,3%." A sentence is only written from
figures that exist; nothing is made up to fill a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cchc.catalog import Catalog, Indicator
from cchc.render.texts import (
    figure_in_text,
    fill,
    one_line,
    outline,
    plain_number,
    sentence_patterns,
    unit_word,
)
from cchc.units.periods import Period

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SentenceContext:
    """The figures a sentence may use, and the words every sentence may use."""

    catalog: Catalog
    period: Period
    level: str
    values: dict[str, float]
    decimals: dict[str, int] = field(default_factory=dict)  # as the unit stated them
    previous: dict[str, float] = field(default_factory=dict)
    last_year: dict[str, float] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)


def section_sentences(key: str, ctx: SentenceContext, placed: list[str]) -> list[str]:
    """Every sentence the figures of section ``key`` support, in the order of the patterns;
    then each figure of the section's indicators in ``placed`` (the template's, in print
    order) that no sentence has used, as "Tên chỉ tiêu: giá trị"."""
    sentences: list[str] = []
    used: set[str] = set()
    for pattern in sentence_patterns().get(key, []):
        written = write_sentence(pattern, ctx)
        if written:
            sentences.append(written[0])
            used |= written[1]
    for indicator_id in placed:
        if indicator_id in ctx.values and indicator_id not in used:
            indicator = ctx.catalog.indicator(indicator_id)
            if indicator.area == key:
                sentences.append(_finish(_plain(ctx, indicator, ctx.values[indicator_id])))
    return sentences


def write_sentence(pattern: dict[str, Any], ctx: SentenceContext) -> tuple[str, set[str]] | None:
    """One sentence from one pattern and the indicators it speaks of, or None when its figures
    are not there."""
    if "levels" in pattern and ctx.level not in pattern["levels"]:
        return None
    figures = _figures(pattern, ctx)
    if _excluded(pattern, figures, ctx):
        return None
    used = {key for key, _ in figures.values()}
    if "zero" in pattern and figures and all(value == 0 for _, value in figures.values()):
        zero = pattern["zero"]
        return (_finish(fill(one_line(zero), **ctx.words)), used) if zero else None
    words = {alias: _shown(ctx, key, value) for alias, (key, value) in figures.items()}
    if "list" in pattern:
        listed = _list(pattern["list"], words, figures)
        if listed:
            words["list"] = listed
    text = resolve_optional(one_line(pattern["text"]), set(words) | set(ctx.words))
    if text is None:
        return None
    sentence = fill(text, **ctx.words, **words)
    if "compare" in pattern and pattern["compare"] in figures:
        key, value = figures[pattern["compare"]]
        change = change_clause(ctx, ctx.catalog.indicator(key), value)
        sentence += f", {change}" if change else ""
    return _finish(sentence), used


def _plain(ctx: SentenceContext, indicator: Indicator, value: float) -> str:
    """ "Tên chỉ tiêu: 7.863 hồ sơ" for a figure no sentence pattern speaks of."""
    shown = figure_in_text(indicator, value, ctx.decimals.get(indicator.id))
    unit = "" if indicator.options or indicator.type == "percent" else unit_word(indicator)
    value_text = f"{plain_number(value, ctx.decimals.get(indicator.id))} {unit}" if unit else shown
    return fill(outline()["figure"], name=indicator.name, value=value_text.strip())


def _figures(pattern: dict[str, Any], ctx: SentenceContext) -> dict[str, tuple[str, float]]:
    """alias → (indicator, value) for the aliases that have a figure."""
    found = {}
    for alias, keys in pattern.get("values", {}).items():
        for key in [keys] if isinstance(keys, str) else keys:
            if key in ctx.values:
                found[alias] = (key, ctx.values[key])
                break
    return found


def _excluded(
    pattern: dict[str, Any], figures: dict[str, tuple[str, float]], ctx: SentenceContext
) -> bool:
    """Excluded by `unless` (another figure is there) or `when` (a coded answer differs)."""
    if any(name in figures or name in ctx.values for name in pattern.get("unless", [])):
        return True
    return any(
        alias not in figures or int(figures[alias][1]) != code
        for alias, code in pattern.get("when", {}).items()
    )


def _shown(ctx: SentenceContext, key: str, value: float) -> str:
    return figure_in_text(ctx.catalog.indicator(key), value, ctx.decimals.get(key))


def _list(items: list[str], words: dict[str, str], figures: dict[str, tuple]) -> str | None:
    """ "A, B và C" of the phrases whose required figures are there and not all 0 (a phrase
    may have [optional parts] too)."""
    phrases = []
    for item in items:
        text = resolve_optional(item, set(words))
        names = _PLACEHOLDER.findall(text or "")
        if text is None or all(figures[n][1] == 0 for n in names):
            continue
        phrases.append(fill(text, **words))
    if not phrases:
        return None
    return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} và {phrases[-1]}"


def resolve_optional(text: str, available: set[str]) -> str | None:
    """Drop [optional parts] missing a placeholder, innermost first; None when a required
    placeholder is missing."""
    while match := _OPTIONAL.search(text):
        inner = match.group(1)
        keep = all(name in available for name in _PLACEHOLDER.findall(inner))
        text = text[: match.start()] + (inner if keep else "") + text[match.end() :]
    if all(name in available for name in _PLACEHOLDER.findall(text)):
        return text
    return None


def _finish(sentence: str) -> str:
    text = _SPACES.sub(" ", sentence).replace(" ,", ",").strip(" ,;")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# -- changes against earlier periods ----------------------------------------------------------


def change_clause(ctx: SentenceContext, indicator: Indicator, value: float) -> str | None:
    """ "tăng 0,6 điểm phần trăm so với cùng kỳ năm 2022": against the previous period (when
    the figures can be compared) and the same period last year, where those figures exist."""
    if indicator.options or indicator.type == "text":
        return None
    words = outline()["changes"]
    previous = ctx.period.previous()
    last_year = ctx.period.same_period_last_year()
    parts = []
    if comparable(indicator, ctx.period, previous) and indicator.id in ctx.previous:
        parts.append(_change(indicator, value, ctx.previous[indicator.id], previous.label))
    if indicator.id in ctx.last_year:
        label = fill(words["last_year"], year=last_year.year)
        parts.append(_change(indicator, value, ctx.last_year[indicator.id], label))
    return words["joiner"].join(parts) or None


def comparable(indicator: Indicator, period: Period, previous: Period) -> bool:
    """Whether a figure of ``previous`` (the period just before) can be compared with one of
    ``period``: rates and stocks always; cumulative values within a year; flows never (the
    previous window has another length: Quý III follows the 6-month report)."""
    if indicator.type == "percent" or indicator.period == "stock":
        return True
    return indicator.period == "cumulative" and previous.year == period.year


def _change(indicator: Indicator, value: float, old: float, label: str) -> str:
    words = outline()["changes"]
    diff = value - old
    if abs(diff) < 0.005:
        return fill(words["equal"], period=label)
    word = words["up"] if diff > 0 else words["down"]
    if indicator.type == "percent":
        return fill(words["percent"], word=word, diff=plain_number(abs(diff)), period=label)
    unit = unit_word(indicator)
    common = {"word": word, "diff": plain_number(abs(diff)), "unit": f" {unit}" if unit else ""}
    if old == 0:
        return fill(words["count_without_share"], period=label, **common)
    share = plain_number(abs(diff) / abs(old) * 100) + "%"
    return fill(words["count"], share=share, period=label, **common)
