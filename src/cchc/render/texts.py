"""The wording of a rendered report, read from ``render/data/*.yaml``, and figures written the
Vietnamese way ("59.790", "05", "99,3%")."""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.catalog import Indicator
from cchc.datafiles import load_yaml
from cchc.numbers import format_figure

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def outline() -> dict[str, Any]:
    """The outline and the letter parts (data/outline.yaml)."""
    return _load("outline.yaml")


@lru_cache(maxsize=1)
def sentence_patterns() -> dict[str, list[dict[str, Any]]]:
    """Sentence patterns per section key (data/sentences.yaml)."""
    return _load("sentences.yaml")


def _load(name: str) -> dict[str, Any]:
    return load_yaml(DATA_DIR / name)


class _Words(dict):
    """Placeholders for :func:`fill`: "{NAME}" is the upper-case form of "{name}"."""

    def __missing__(self, key: str) -> str:
        if key.isupper() and key.lower() in self:
            return str(self[key.lower()]).upper()
        raise KeyError(key)


def fill(text: str, **words: Any) -> str:
    """``text`` with its {placeholders} replaced; "{NAME}" gives the value upper case."""
    return string.Formatter().vformat(text, (), _Words(words))


def one_line(text: str) -> str:
    """YAML folded text as one line with single spaces."""
    return " ".join(text.split())


def plain_number(value: float, decimals: int | None = None) -> str:
    """ "59.790", "99,3", "18,67": ``decimals`` as stored, else up to two, trailing zeros cut."""
    return format_figure(value, decimals)


def count_in_text(value: float) -> str:
    """A count inside a sentence: "05" below ten (as official texts write it), else "59.790"."""
    if float(value).is_integer() and 0 < value < 10:
        return f"0{int(value)}"
    return plain_number(value)


def figure_in_text(indicator: Indicator, value: float, decimals: int | None = None) -> str:
    """A figure inside a sentence: counts, amounts, "99,3%", or a coded answer's label."""
    if indicator.options:
        label = indicator.options.get(int(value), plain_number(value))
        return label[:1].lower() + label[1:]
    if indicator.type == "percent":
        return plain_number(value, None if decimals is None else min(decimals, 2)) + "%"
    if indicator.type == "count":
        return count_in_text(value)
    return plain_number(value, decimals)


def figure_in_table(indicator: Indicator, value: float, decimals: int | None = None) -> str:
    """A figure in an annex cell: "59.790", "99,3"; coded answers keep their code."""
    if indicator.type == "percent":
        return plain_number(value, None if decimals is None else min(decimals, 2))
    if indicator.type in ("count", "coded", "yes_no"):
        return plain_number(value, 0 if float(value).is_integer() else decimals)
    return plain_number(value, decimals)


def unit_label(indicator: Indicator) -> str:
    """The unit column of a form: "Hồ sơ", "%", or the codes "Có = 1; Không = 0"."""
    if indicator.options:
        return "; ".join(f"{label} = {code}" for code, label in indicator.options.items())
    units = outline()["units"]
    return units.get(indicator.unit, {}).get("table", indicator.unit or "")


def unit_word(indicator: Indicator) -> str:
    """How a sentence names the unit of a count: "hồ sơ", "văn bản" ("" when none)."""
    units = outline()["units"]
    return units.get(indicator.unit, {}).get("word", indicator.unit or "")
