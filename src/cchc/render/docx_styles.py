"""The paragraph styles of a report (Nghị định 30/2020): Times New Roman set for every script
on the document defaults and on each style, sizes per element, a justified body with a
first-line indent and spacing between paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from cchc.render.docx_layout import FONT, set_complex_size, set_fonts, set_language

BODY_SIZE = 14
FIRST_LINE_INDENT_MM = 12.7  # 1,27 cm
LINE_SPACING = 1.15
PARAGRAPH_SPACING = 6  # pt between paragraphs

BODY = "CCHC Body"
HEADING_1 = "CCHC Heading 1"
HEADING_2 = "CCHC Heading 2"
CENTERED = "CCHC Centered"
TABLE = "CCHC Table"
SMALL_TABLE = "CCHC Table Small"
PAGE_NUMBER = "CCHC Page Number"
STYLE_IDS: dict[str, str] = {}  # style name → w:styleId, the same in every document


@dataclass(frozen=True)
class _Spec:
    name: str
    size: float
    align: int
    bold: bool = False
    indent: bool = False
    spacing: tuple[float, float] = (0, 0)  # before, after (pt)
    line_spacing: float = 1.0
    outline_level: int | None = None


_STYLES = (
    _Spec(BODY, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True,
          spacing=(0, PARAGRAPH_SPACING), line_spacing=LINE_SPACING),
    _Spec(HEADING_1, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, bold=True, indent=True,
          spacing=(PARAGRAPH_SPACING, PARAGRAPH_SPACING), line_spacing=LINE_SPACING,
          outline_level=0),
    _Spec(HEADING_2, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, bold=True, indent=True,
          spacing=(0, PARAGRAPH_SPACING), line_spacing=LINE_SPACING, outline_level=1),
    _Spec(CENTERED, BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER),
    _Spec(TABLE, 12, WD_ALIGN_PARAGRAPH.LEFT, spacing=(2, 2)),
    _Spec(SMALL_TABLE, 11, WD_ALIGN_PARAGRAPH.LEFT, spacing=(1, 1)),
    _Spec(PAGE_NUMBER, 13, WD_ALIGN_PARAGRAPH.CENTER),
)  # fmt: skip


def use_style(paragraph, name: str) -> None:
    """Give ``paragraph`` one of the report's styles. Sets w:pStyle directly: python-docx looks
    a style up by name through every style of the document on each assignment, which made a
    province report take seconds."""
    paragraph._p.style = STYLE_IDS.get(name, name)


def set_up_styles(document: Document) -> None:
    """Document defaults, Normal and the report's own styles."""
    _defaults(document)
    normal = document.styles["Normal"]
    _font(normal, BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for spec in _STYLES:
        _add(document, spec)
    for name in ("Header", "Footer", "Table Grid"):
        if name in [s.name for s in document.styles]:
            set_fonts(document.styles[name].element)


def _defaults(document: Document) -> None:
    """Times New Roman and Vietnamese in the document defaults (w:docDefaults)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    holder = defaults.find(qn("w:rPrDefault"))
    if holder is None:
        holder = OxmlElement("w:rPrDefault")
        defaults.insert(0, holder)
    set_fonts(_RprHolder(holder))
    set_language(_RprHolder(holder))


class _RprHolder:
    """Lets the font helpers work on w:rPrDefault as on a style."""

    def __init__(self, element) -> None:
        self.element = element

    def get_or_add_rPr(self):
        rpr = self.element.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            self.element.append(rpr)
        return rpr


def _font(style, size: float, *, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element)
    set_complex_size(style.element, size)
    set_language(style.element)


def _add(document: Document, spec: _Spec) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    if STYLE_IDS.setdefault(spec.name, style.style_id) != style.style_id:
        raise AssertionError(f"style {spec.name!r} got the id {style.style_id!r}")
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    _font(style, spec.size, bold=spec.bold)
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = Mm(FIRST_LINE_INDENT_MM) if spec.indent else Mm(0)
    fmt.space_before, fmt.space_after = Pt(spec.spacing[0]), Pt(spec.spacing[1])
    fmt.line_spacing = spec.line_spacing
    fmt.widow_control = True
    if spec.outline_level is not None:
        fmt.keep_with_next = True
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline_level))
        style.element.get_or_add_pPr().append(level)
