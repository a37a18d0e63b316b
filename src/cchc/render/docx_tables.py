"""The annexes of the Word document: each form (biểu mẫu) as a table like the printed forms, and
the comparison of the units below on a landscape page."""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.shared import Pt
from docx.table import Table

from cchc.render.docx_layout import fixed_widths, page_setup, table_borders, text_width
from cchc.render.docx_rows import Cell, add_row
from cchc.render.docx_styles import CENTERED, SMALL_TABLE, TABLE, use_style
from cchc.render.model import (
    Comparison,
    ComparisonRow,
    FormRow,
    FormTable,
    MeasureSpec,
    ReportContent,
)
from cchc.render.texts import fill, outline, plain_number

ANNEX_HEADING_SIZE, ANNEX_TITLE_SIZE, ANNEX_NOTE_SIZE = 14, 13, 13
FORM_WIDTHS = (0.08, 0.50, 0.15, 0.13, 0.14)  # shares of the text width: STT … Ghi chú
# Comparison columns (mm); the unit names take the width left over.
NAME_MM, NUMBER_MM, STATUS_MM, PART_MM, RANK_MM = 50, 13, 32, 22, 15


def write_forms(document: Document, content: ReportContent, *, new_page: bool) -> None:
    """Every annex form, each starting on a new page (in a new portrait section after a
    landscape annex)."""
    if not new_page:
        page_setup(_new_section(document), landscape=False)
    width = text_width(document.sections[-1])
    words = outline()["annex"]
    for index, form in enumerate(content.forms):
        _annex_heading(
            document,
            fill(words["heading"], number=form.number),
            form.title.upper(),
            content.annex_attached,
            page_break=new_page or index > 0,
        )
        _form_table(document, form, [share * width for share in FORM_WIDTHS])


def _new_section(document: Document):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    return section


def _annex_heading(
    document: Document, heading: str, title: str, attached: str, *, page_break: bool
) -> None:
    first = _paragraph(document, heading, ANNEX_HEADING_SIZE, bold=True)
    first.paragraph_format.page_break_before = page_break
    first.paragraph_format.keep_with_next = True
    _paragraph(document, title, ANNEX_TITLE_SIZE, bold=True).paragraph_format.keep_with_next = True
    note = _paragraph(document, attached, ANNEX_NOTE_SIZE, italic=True)
    note.paragraph_format.space_after = Pt(6)
    note.paragraph_format.keep_with_next = True


def _paragraph(document: Document, text: str, size: float, *, bold=False, italic=False):
    paragraph = document.add_paragraph()
    use_style(paragraph, CENTERED)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic = bold or None, italic or None
    return paragraph


def _table(document: Document, widths: list[float]) -> Table:
    table = document.add_table(rows=0, cols=len(widths))
    table_borders(table, visible=True)
    fixed_widths(table, widths, cells=False)
    return table


def _form_table(document: Document, form: FormTable, widths: list[float]) -> None:
    words = outline()["annex"]
    number, label, unit, value, note = words["columns"]
    table = _table(document, widths)
    bold = {"bold": True}
    first = [
        Cell(number, merge="restart", **bold),
        Cell(label, merge="restart", **bold),
        Cell(words["group_column"], span=2, **bold),
        Cell(note, merge="restart", **bold),
    ]
    second = [Cell(merge="continue"), Cell(merge="continue"), Cell(unit, **bold)]
    second += [Cell(value, **bold), Cell(merge="continue")]
    add_row(table, first, widths, TABLE, header=True)
    add_row(table, second, widths, TABLE, header=True)
    for item in form.rows:
        add_row(table, _form_cells(item), widths, TABLE)


def _form_cells(item: FormRow) -> list[Cell]:
    looks = {"bold": item.style in ("heading", "top"), "italic": item.style == "detail"}
    plain = {"italic": looks["italic"]}
    return [
        Cell(item.code, **looks),
        Cell(item.label, align="left", **looks),
        Cell(item.unit, **plain),
        Cell(item.shown, align="right", **looks),
        Cell(item.note, align="left", **plain),
    ]


# -- comparison of the units below ------------------------------------------------------------


def write_comparison(document: Document, content: ReportContent) -> None:
    """The comparison annex on a landscape page of its own."""
    comparison = content.comparison
    if comparison is None:
        return
    section = _new_section(document)
    page_setup(section, landscape=True)
    _annex_heading(
        document, comparison.heading, comparison.title, content.annex_attached, page_break=False
    )
    widths = _comparison_widths(comparison, text_width(section))
    table = _table(document, widths)
    for cells in _comparison_header(comparison):
        add_row(table, cells, widths, SMALL_TABLE, header=True)
    for group in comparison.groups:
        add_row(table, [Cell(group.title, bold=True, align="left", span=len(widths))], widths,
                SMALL_TABLE)  # fmt: skip
        for number, row in enumerate(group.rows, start=1):
            add_row(table, _comparison_cells(number, row, comparison.measures), widths,
                    SMALL_TABLE)  # fmt: skip


def _comparison_widths(comparison: Comparison, width: float) -> list[float]:
    parts: list[float] = []
    for measure in comparison.measures:
        parts += [PART_MM, PART_MM, PART_MM] + ([RANK_MM] if measure.rank else [])
    fixed = [NUMBER_MM, NAME_MM, *parts, STATUS_MM]
    fixed[1] += max(0.0, width - sum(fixed))  # the names take what is left
    return fixed


def _comparison_header(comparison: Comparison) -> tuple[list[Cell], list[Cell]]:
    columns = outline()["comparison"]["columns"]
    bold = {"bold": True}
    first = [Cell(columns["number"], merge="restart", **bold)]
    first.append(Cell(columns["name"], merge="restart", **bold))
    second = [Cell(merge="continue"), Cell(merge="continue")]
    for measure in comparison.measures:
        labels = [measure.denominator_label, measure.numerator_label, measure.rate_label]
        labels += [columns["rank"]] if measure.rank else []
        first.append(Cell(measure.label, span=len(labels), **bold))
        second += [Cell(label, **bold) for label in labels]
    first.append(Cell(columns["status"], merge="restart", **bold))
    second.append(Cell(merge="continue"))
    return first, second


def _comparison_cells(
    number: int, item: ComparisonRow, measures: tuple[MeasureSpec, ...]
) -> list[Cell]:
    cells = [Cell(str(number)), Cell(item.name, align="left")]
    for cell, measure in zip(item.cells, measures, strict=True):
        parts = [cell.denominator, cell.numerator, cell.rate]
        cells += [Cell(_number(value), align="right") for value in parts]
        if measure.rank:
            cells.append(Cell("" if cell.rank is None else str(cell.rank)))
    cells.append(Cell(item.status, align="left"))
    return cells


def _number(value: float | None) -> str:
    return "" if value is None else plain_number(value)
