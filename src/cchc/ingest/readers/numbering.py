"""Word's automatic numbering ("I.", "1.", "a)", "-"), which is not part of a paragraph's text.

Reports number their parts and sections with list styles; without the labels "1. Cải cách thể
chế" would read "Cải cách thể chế". This renders the common formats; unusual ones fall back to
decimal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_KEPT_BULLETS = "-+*–"


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Numbering definitions of one document, and the counters while reading it."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → numbering
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_parts(cls, numbering_xml: bytes | None, styles_xml: bytes | None) -> Numbering:
        """Read numbering.xml and the numbering of paragraph styles from styles.xml."""
        numbering = cls()
        if numbering_xml:
            numbering.levels = _read_levels(etree.fromstring(numbering_xml))
        if styles_xml:
            numbering.style_num = _read_style_numbering(etree.fromstring(styles_xml))
        return numbering

    def label(self, p: etree._Element) -> str:
        """The label Word prints before paragraph ``p`` ("" when it is not numbered)."""
        num_id, ilvl = self._num_of(p)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id or "", {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return _bullet(level.text)
        if level.fmt == "none":
            return ""
        return _fill(level.text, levels, counters)

    def _num_of(self, p: etree._Element) -> tuple[str | None, int]:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style = p.find(f"{W}pPr/{W}pStyle")
        num_id, ilvl = None, 0
        if style is not None and style.get(f"{W}val") in self.style_num:
            num_id, ilvl = self.style_num[style.get(f"{W}val", "")]
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId")) or num_id
            ilvl = int(_val(num_pr.find(f"{W}ilvl")) or ilvl)
        return (None if num_id == "0" else num_id), ilvl


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(f"{W}val")


def _read_levels(root: etree._Element) -> dict[str, dict[int, _Level]]:
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.iter(f"{W}abstractNum"):
        abstract[node.get(f"{W}abstractNumId", "")] = {
            int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in node.iter(f"{W}lvl")
        }
    levels: dict[str, dict[int, _Level]] = {}
    for num in root.iter(f"{W}num"):
        base = abstract.get(_val(num.find(f"{W}abstractNumId")) or "", {})
        own = {k: _Level(v.fmt, v.text, v.start) for k, v in base.items()}
        for override in num.iter(f"{W}lvlOverride"):
            start = _val(override.find(f"{W}startOverride"))
            ilvl = int(override.get(f"{W}ilvl", "0"))
            if start is not None and ilvl in own:
                own[ilvl].start = int(start)
        levels[num.get(f"{W}numId", "")] = own
    return levels


def _level(lvl: etree._Element) -> _Level:
    start = _val(lvl.find(f"{W}start"))
    return _Level(
        fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
        text=_val(lvl.find(f"{W}lvlText")) or "",
        start=int(start) if start and start.isascii() and start.isdigit() else 1,
    )


def _read_style_numbering(root: etree._Element) -> dict[str, tuple[str, int]]:
    own: dict[str, tuple[str, int]] = {}
    based_on: dict[str, str] = {}
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and _val(num_pr.find(f"{W}numId")):
            own[style_id] = (
                _val(num_pr.find(f"{W}numId")) or "",
                int(_val(num_pr.find(f"{W}ilvl")) or 0),
            )
        parent = _val(style.find(f"{W}basedOn"))
        if parent:
            based_on[style_id] = parent
    resolved = dict(own)
    for style_id in based_on:
        parent, seen = based_on.get(style_id), 0
        while style_id not in resolved and parent and seen < 10:
            if parent in own:
                resolved[style_id] = own[parent]
            parent, seen = based_on.get(parent), seen + 1
    return resolved


def _fill(template: str, levels: dict[int, _Level], counters: dict[int, int]) -> str:
    out = template
    for ilvl in range(8, -1, -1):
        token = f"%{ilvl + 1}"
        if token in out:
            level = levels.get(ilvl, _Level())
            value = counters.get(ilvl, level.start)
            out = out.replace(token, _format(value, level.fmt))
    return out


def _format(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, symbol in _ROMAN:
        while value >= amount:
            out, value = out + symbol, value - amount
    return out


def _bullet(text: str) -> str:
    """Symbol-font bullets have no meaning as text: "-" for all but dash-like and "o" ones."""
    if text and text[0] in _KEPT_BULLETS:
        return text[0]
    return "+" if text == "o" else "-"
