"""Restored Vietnamese for text that lost its diacritics (OCR without Vietnamese, typing
without accents): which documents need it, and restoring just the lines that matter.

Extraction never depends on it (cues are matched on folded text); it adds a second reading
of damaged text and gives people the text they can read.
"""

from __future__ import annotations

import re
import unicodedata

from cchc.ingest.restore import restore_text

ACCENT_SHARE = 0.15  # clean Vietnamese ≈ 0.28 of letters carry a mark; English-model OCR ≈ 0.05
EDGE_LINES = 40  # header block and signature block
_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)*\s*%|\b\d{1,3}(?:\.\d{3})+\b|\b\d+/\d+\b|\b0\d\b|\b\d{2,}\s+[^\d\s/]"
)


def needs_restoration(text: str) -> bool:
    """True when too few letters carry Vietnamese marks for the text to be clean."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 200:
        return False
    marked = sum(1 for c in letters if c in "đĐ" or unicodedata.normalize("NFD", c) != c)
    return marked / len(letters) < ACCENT_SHARE


def restore_selected(
    lines: list[str], *, everything: bool = False, done: list[str] | None = None
) -> list[str]:
    """The lines with paragraphs that hold figures (and the header and signature blocks)
    restored; other lines unchanged. ``everything`` restores all of them; paragraphs already
    restored in ``done`` (an earlier result) are taken from it."""
    restored = list(done or lines)
    for start, end in _paragraphs(lines):
        if done is not None and done[start:end] != lines[start:end]:
            continue
        if everything or _matters(lines, start, end):
            block = restore_text("\n".join(lines[start:end])).split("\n")
            restored[start:end] = block if len(block) == end - start else lines[start:end]
    return restored


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            spans.append((start, i))
            start = None
    return spans


def _matters(lines: list[str], start: int, end: int) -> bool:
    near_edge = start < EDGE_LINES or end > len(lines) - EDGE_LINES
    return near_edge or any(_FIGURE.search(line) for line in lines[start:end])
