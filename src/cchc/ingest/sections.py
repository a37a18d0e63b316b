"""The section tree of a report (I–IV and their items), each mapped to the CCHC area it
reports on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.ingest.folding import find_phrase, fold_ocr
from cchc.ingest.vocabulary import vocabulary

# "I. CÔNG TÁC …", and as OCR prints it: "IL.CÔNG TÁC …" (no space before a capital).
_ROMAN = re.compile(
    r"^\s*\**\s*((?=[1]*[IVXLl])[IVXLl1]{1,4})\s*[\.\-:](?:\s+|(?=[A-ZÀ-ỸĐ]))(\S.{2,160})$"
)
_SPECKS = re.compile(r"(?:\s+(?:[^\w\s]|_)+)+\s*$")  # OCR specks after a title: " _,", " :"
_ARABIC = re.compile(r"^\s*\**\s*(\d{1,2})\s*[\.\)]\s+(\S.{2,110})$")
_OCR_ROMAN = str.maketrans({"l": "I", "L": "I", "1": "I"})
_ROMAN_VALUES = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}


@dataclass(frozen=True)
class Section:
    """A heading, where it starts and ends (1-based lines, inclusive), and its CCHC area."""

    number: str
    title: str
    level: int
    line: int
    end: int
    area: str


def read_sections(lines: list[str]) -> list[Section]:
    """Level-1 (Roman) and level-2 (Arabic) headings, in order, with their extent."""
    found: list[tuple[str, str, int, int]] = []
    seen_roman = False
    for number, line in enumerate(lines, start=1):
        if "\t" in line:
            continue
        heading = _heading(line, seen_roman)
        if heading:
            seen_roman = seen_roman or heading[2] == 1
            found.append((heading[0], heading[1], heading[2], number))
    return _with_extent(found, len(lines))


def _heading(line: str, seen_roman: bool) -> tuple[str, str, int] | None:
    line = _SPECKS.sub("", line)
    roman = _ROMAN.match(line)
    if roman:
        numeral = roman.group(1).translate(_OCR_ROMAN)
        if numeral in _ROMAN_VALUES and _looks_like_heading(roman.group(2), level=1):
            return numeral, roman.group(2).strip(" *"), 1
    arabic = _ARABIC.match(line)
    if arabic and seen_roman and _looks_like_heading(arabic.group(2), level=2):
        return arabic.group(1), arabic.group(2).strip(" *"), 2
    return None


def _looks_like_heading(title: str, level: int) -> bool:
    text = title.strip(" *")
    if text.endswith((";", ",")) or not text[:1].isalpha():
        return False
    letters = [c for c in text if c.isalpha()]
    mostly_upper = sum(c.isupper() for c in letters) > 0.7 * len(letters)
    return mostly_upper or (len(text) <= (90 if level == 2 else 120) and text[:1].isupper())


def _with_extent(found: list[tuple[str, str, int, int]], total: int) -> list[Section]:
    sections = []
    parent_area = "other"
    for i, (number, title, level, line) in enumerate(found):
        end = total
        for later in found[i + 1 :]:
            if later[2] <= level:
                end = later[3] - 1
                break
        area = area_of(title)
        if level == 1:
            parent_area = area
        elif area == "other":
            area = parent_area
        sections.append(Section(number, title, level, line, end, area))
    return sections


def area_of(title: str) -> str:
    """The CCHC area a heading reports on, from the keywords of its title."""
    folded = fold_ocr(title)
    best, best_at = "other", len(folded) + 1
    for area, keywords in vocabulary()["section_areas"].items():
        for keyword in keywords:
            score = 80 if len(keyword) >= 10 else 90
            hit = find_phrase(keyword, folded, min_score=score, whole_words=True)
            if hit and hit.start < best_at:
                best, best_at = area, hit.start
    return best


def section_at(sections: list[Section], line: int) -> Section | None:
    """The innermost section containing ``line``."""
    inside = [s for s in sections if s.line <= line <= s.end]
    return max(inside, key=lambda s: (s.level, s.line)) if inside else None
