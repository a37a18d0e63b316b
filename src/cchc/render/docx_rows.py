"""Table rows written as WordprocessingML directly: one parse per row instead of a dozen
python-docx calls per cell, which keeps a province report with all its annexes well under a
second."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docx.table import Table

from cchc.render.docx_styles import STYLE_IDS

_JUSTIFY = {"left": "left", "center": "center", "right": "right"}
_TWIPS_PER_EMU = 1 / 635


@dataclass(frozen=True)
class Cell:
    """One cell: its text and look; ``span`` grid columns wide; ``merge`` "restart" or
    "continue" for a cell merged with the one below or above it."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    align: str = "center"
    span: int = 1
    merge: str | None = None


def add_row(
    table: Table, cells: list[Cell], widths: list[float], style: str, *, header: bool = False
) -> None:
    """Append a row of ``cells`` (column ``widths`` in mm) to ``table``; a ``header`` row is
    repeated on every page. No row is split across pages."""
    flags = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    parts, column = [], 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        parts.append(_cell_xml(cell, width, STYLE_IDS.get(style, style)))
        column += cell.span
    table._tbl.append(
        parse_xml(f"<w:tr {nsdecls('w')}><w:trPr>{flags}</w:trPr>{''.join(parts)}</w:tr>")
    )


def _cell_xml(cell: Cell, width_mm: float, style_id: str) -> str:
    twips = round(Mm(width_mm) * _TWIPS_PER_EMU)
    properties = f'<w:tcW w:w="{twips}" w:type="dxa"/>'
    if cell.span > 1:
        properties += f'<w:gridSpan w:val="{cell.span}"/>'
    if cell.merge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif cell.merge == "continue":
        properties += "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    run = ""
    if cell.text and cell.merge != "continue":
        looks = ("<w:b/>" if cell.bold else "") + ("<w:i/>" if cell.italic else "")
        text = escape(cell.text)
        run = f'<w:r><w:rPr>{looks}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
    paragraph = (
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:jc w:val="{_JUSTIFY[cell.align]}"/>'
        f"</w:pPr>{run}</w:p>"
    )
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph}</w:tc>"
