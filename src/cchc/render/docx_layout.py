"""Low-level Word (OOXML) layout that python-docx has no API for: fonts of every script, page
set-up, borders, rules, PAGE fields, table grids and repeated header rows."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
A4 = (210, 297)  # mm
# Nghị định 30/2020: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_DISTANCE = 10  # mm: the page number sits in the top margin
RULE_SIZE = 6  # eighths of a point: a 0.75 pt line
RULE_GAP = 2  # pt between a text line and the rule under it


def set_fonts(rpr_parent, name: str = FONT) -> None:
    """Set ``name`` for every script (ascii, hAnsi, eastAsia, cs) on a style's or a run's
    properties, dropping theme fonts that would override it."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):  # asciiTheme … cstheme
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def set_language(rpr_parent, language: str = LANGUAGE) -> None:
    """Mark the text as Vietnamese (spelling, hyphenation)."""
    rpr = rpr_parent.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def set_complex_size(rpr_parent, size: float) -> None:
    """Size for complex scripts too (w:szCs), so that every script prints at ``size``."""
    rpr = rpr_parent.get_or_add_rPr()
    element = rpr.find(qn("w:szCs"))
    if element is None:
        element = OxmlElement("w:szCs")
        rpr.append(element)
    element.set(qn("w:val"), str(round(size * 2)))


def page_setup(section: Section, *, landscape: bool = False) -> None:
    """A4 with the margins of Nghị định 30/2020, portrait or landscape."""
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(height), Mm(width))
        if landscape
        else (
            Mm(width),
            Mm(height),
        )
    )
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE)


def text_width(section: Section) -> float:
    """Width between the margins, in millimetres."""
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


def add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field (the page number) in ``paragraph``."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run._r.append(_field_char(kind))
    paragraph.add_run("2")
    paragraph.add_run()._r.append(_field_char("end"))


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def paragraph_border(paragraph: Paragraph, side: str, size: int = RULE_SIZE) -> None:
    """A solid line on one ``side`` ("top", "bottom") of a paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _insert_in_order(ppr, borders)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


# pPr children that must come before w:pBdr in the schema order.
_BEFORE_PBDR = {
    qn(tag)
    for tag in (
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
    )
}


def _insert_in_order(ppr, borders) -> None:
    position = 0
    for index, child in enumerate(ppr):
        if child.tag in _BEFORE_PBDR:
            position = index + 1
    ppr.insert(position, borders)


def rule_paragraph(paragraph: Paragraph, width_mm: float, available_mm: float) -> None:
    """Turn an empty paragraph into a centred solid line ``width_mm`` long."""
    side = max(0.0, (available_mm - width_mm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.first_line_indent = Mm(0)
    fmt.space_before, fmt.space_after = Pt(RULE_GAP), Pt(0)
    fmt.line_spacing = Pt(2)
    paragraph_border(paragraph, "top")


def table_borders(table: Table, *, visible: bool) -> None:
    """All borders of a table single lines, or none (layout tables of the header block)."""
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            line.set(qn("w:sz"), "4")
            line.set(qn("w:color"), "000000")
        borders.append(line)
    _insert_before(tbl_pr, borders, _AFTER_TBLBORDERS)


# w:tblPr children that come after w:tblBorders in the schema (Word refuses another order).
_AFTER_TBLBORDERS = tuple(
    qn(tag)
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                "w:tblDescription", "w:tblPrChange")
)  # fmt: skip


def _insert_before(parent, element, successors: tuple[str, ...]) -> None:
    """Insert ``element`` before the first child whose tag is in ``successors``."""
    for index, child in enumerate(parent):
        if child.tag in successors:
            parent.insert(index, element)
            return
    parent.append(element)


def fixed_widths(table: Table, widths_mm: list[float], *, cells: bool = True) -> None:
    """Column widths that Word and LibreOffice both keep (fixed layout, grid and, unless the
    rows were written with their widths, cells)."""
    table._tbl.tblPr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.w = Mm(width)
    if not cells:
        return
    for tr in table._tbl.tr_lst:
        column = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Mm(sum(widths_mm[column : column + span]))
            column += span
