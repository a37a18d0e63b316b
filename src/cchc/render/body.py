"""The body of the report, section by section of the outline: the figures as sentences, who
has (not) reported, the unit's own narrative, a pointer to the annex forms — or, when there is
nothing, a plain statement that there is nothing."""

from __future__ import annotations

from typing import Any

from cchc.aggregation import Rollup
from cchc.catalog import Catalog, Template, report_areas
from cchc.render.comparison import comparison_sentence, in_sentence, short_name
from cchc.render.model import Comparison, Paragraph, Section
from cchc.render.sentences import SentenceContext, resolve_optional, section_sentences
from cchc.render.texts import count_in_text, fill, one_line, outline


def build_sections(
    ctx: SentenceContext,
    template: Template,
    narrative: dict[str, str],
    rollup: Rollup | None,
    comparison: Comparison | None,
    unit_name: str,
) -> list[Section]:
    """Every section of the outline with what it says."""
    extras = {
        outline()["completeness"]["section"]: completeness(rollup, ctx, unit_name),
        outline()["comparison"]["section"]: [comparison_sentence(comparison)],
    }
    sections: list[Section] = []
    for entry in outline()["sections"]:
        if "parts" in entry:
            sections.append(Section(None, entry["number"], _title(entry, ctx), 1))
            parts = entry["parts"]
        else:
            parts = [entry]
        level = 2 if "parts" in entry else 1
        for part in parts:
            section = Section(part["key"], part["number"], _title(part, ctx, level), level)
            section.paragraphs = _paragraphs(part, ctx, template, narrative, extras)
            if section.paragraphs or not part.get("optional"):
                section.paragraphs = section.paragraphs or [_empty(part)]
                sections.append(section)
    return sections


def _title(entry: dict[str, Any], ctx: SentenceContext, level: int = 1) -> str:
    """The heading given in the outline, else the report area's (upper case at level 1)."""
    if "title" in entry:
        return fill(entry["title"], **ctx.words)
    title = report_areas()[entry["key"]]
    return title.upper() if level == 1 else title


def _paragraphs(
    entry: dict[str, Any],
    ctx: SentenceContext,
    template: Template,
    narrative: dict[str, str],
    extras: dict[str, list[str | None]],
) -> list[Paragraph]:
    key = entry["key"]
    paragraphs = []
    if entry.get("figures", True):
        paragraphs += [Paragraph(s) for s in section_sentences(key, ctx, template.indicator_ids())]
        forms = forms_of_area(ctx.catalog, template, key, ctx.values)
        if paragraphs and forms:
            paragraphs.append(Paragraph(_pointer(forms), "pointer"))
    paragraphs += [Paragraph(text) for text in extras.get(key, []) if text]
    text = narrative.get(key, "")
    paragraphs += [
        Paragraph(line.strip(), "narrative") for line in text.split("\n") if line.strip()
    ]
    return paragraphs


def _empty(entry: dict[str, Any]) -> Paragraph:
    words = outline()["empty"]
    return Paragraph(words["figures" if entry.get("figures", True) else "narrative"], "empty")


def forms_of_area(
    catalog: Catalog, template: Template, area: str, values: dict[str, float]
) -> list[int]:
    """Numbers of the forms that hold figures of ``area``."""
    return [
        form.number
        for form in template.forms
        if any(
            item.indicator in values and catalog.indicator(item.indicator).area == area
            for item in form.items
            if item.indicator
        )
    ]


def _pointer(forms: list[int]) -> str:
    words = outline()
    named = [fill(words["pointer_form"], number=n) for n in forms]
    joined = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} và {named[-1]}"
    return fill(words["pointer"], forms=joined)


def completeness(rollup: Rollup | None, ctx: SentenceContext, unit_name: str) -> list[str]:
    """Who has reported: how many units below, by level, and the names of those missing."""
    if rollup is None or not rollup.children:
        return []
    words = outline()["completeness"]
    numbers = {
        "reported": len(rollup.children) - len(rollup.missing),
        "expected": len(rollup.children),
        **({"late": count_in_text(len(rollup.late))} if rollup.late else {}),
    }
    text = resolve_optional(one_line(words["reported"]), set(numbers) | set(ctx.words))
    found = [fill(text or "", **numbers, **ctx.words)]
    if len(rollup.levels) > 1:
        names = words["level_names"]
        levels = "; ".join(
            f"{names.get(level, level)} {done}/{expected}"
            for level, (expected, done) in sorted(rollup.levels.items(), key=_level_order)
        )
        found.append(fill(words["levels"], levels=levels))
    if rollup.missing:
        missing = ", ".join(in_sentence(short_name(c.name, unit_name)) for c in rollup.missing)
        found.append(fill(one_line(words["missing"]), names=missing))
    else:
        found.append(words["all_reported"])
    return found


_LEVELS = ("department", "district", "commune")


def _level_order(item: tuple[str, tuple[int, int]]) -> int:
    return _LEVELS.index(item[0]) if item[0] in _LEVELS else len(_LEVELS)
