"""Widths of printed text, to size the short rules of the header block (Nghị định 30/2020: the
line under the Tiêu ngữ is as long as the text; under the issuing body and the subject it is a
third to a half of the text).

Times New Roman is measured where installed; Liberation Serif 2 has the same metrics and the
Vietnamese letters (Liberation 1 lacks ư, ơ, ế …). Without either, an average character width
is assumed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

_FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/liberation/LiberationSerif-Regular.ttf",
        "C:/Windows/Fonts/times.ttf",
        "/Library/Fonts/Times New Roman.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/liberation/LiberationSerif-Bold.ttf",
        "C:/Windows/Fonts/timesbd.ttf",
        "/Library/Fonts/Times New Roman Bold.ttf",
    ),
}
_SCALE = 10  # measure at 10× the size for precision
_AVERAGE_EM = 0.62  # upper-case Vietnamese in Times New Roman, when no font file is found
_PT_TO_MM = 25.4 / 72


@lru_cache(maxsize=8)
def _font(bold: bool, size: float) -> ImageFont.FreeTypeFont | None:
    for path in _FONT_FILES[bold]:
        if Path(path).is_file():
            return ImageFont.truetype(path, round(size * _SCALE))
    return None


def text_width_mm(text: str, size: float, *, bold: bool = False) -> float:
    """Printed width of ``text`` in Times New Roman of ``size`` points, in millimetres."""
    font = _font(bold, size)
    if font is None:
        return len(text) * size * _AVERAGE_EM * _PT_TO_MM
    return font.getlength(text) / _SCALE * _PT_TO_MM
