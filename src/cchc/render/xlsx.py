"""The annexes as a workbook: one sheet per form laid out like the printed form, numbers as
numbers, ratios as formulas over the cells of their parts, header rows frozen; and, for a unit
with units below it, the comparison sheet.

Number formats. Excel and LibreOffice draw the separators of "#,##0" from the viewer's locale, so
the same file shows "59.790" on a Vietnamese system and "59,790" on an English one. Counts are
therefore given a format with the dot written as a literal ("[>=1000000]#"."###"."##0;…"): they
read "59.790" everywhere and stay numbers that sum and sort. A format code cannot write a
literal decimal comma, so rates keep "0.00" and show the viewer's decimal mark ("99,30" on a
Vietnamese system). Figures of a billion or more print their leading digits ungrouped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc.render.model import Comparison, FormRow, FormTable, ReportContent
from cchc.render.texts import fill, outline

FONT = "Times New Roman"
INTEGER_FORMAT = '[>=1000000]#"."###"."##0;[>=1000]#"."##0;0'
DECIMAL_FORMAT = "0.00"
VALUE_COLUMN = "D"
FORM_COLUMNS = {"A": 8, "B": 62, "C": 18, "D": 14, "E": 22}
TITLE_ROWS = 5  # issuer, form number, title, "Kèm theo …", period
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = {"wrap_text": True, "vertical": "center"}


@dataclass(frozen=True)
class _Place:
    sheet: str
    row: int


def write_xlsx(content: ReportContent, path: Path) -> Path:
    """Write the annexes of the report to ``path`` (.xlsx)."""
    book = Workbook()
    book.remove(book.active)
    places = _places(content.forms)
    for form in content.forms:
        _form_sheet(book, content, form, places)
    if content.comparison is not None:
        _comparison_sheet(book, content, content.comparison)
    book.properties.title = f"{content.document_type} {content.subject}"
    book.properties.creator = content.letterhead.issuer
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def sheet_name(form: FormTable) -> str:
    """ "Biểu mẫu 3"."""
    return fill(outline()["annex"]["heading"], number=form.number)


def _places(forms: list[FormTable]) -> dict[str, _Place]:
    """Where each indicator's value lands (sheet and row), for the ratio formulas."""
    first = TITLE_ROWS + 4  # a blank row, then two header rows
    return {
        row.indicator: _Place(sheet_name(form), first + index)
        for form in forms
        for index, row in enumerate(form.rows)
        if row.indicator
    }


def _form_sheet(
    book: Workbook, content: ReportContent, form: FormTable, places: dict[str, _Place]
) -> None:
    sheet = book.create_sheet(sheet_name(form))
    words = outline()["annex"]
    _titles(sheet, content, [sheet_name(form), form.title.upper()], last_column="E")
    top = TITLE_ROWS + 2
    columns = words["columns"]
    for letter, label in zip("ABE", (columns[0], columns[1], columns[4]), strict=True):
        sheet.merge_cells(f"{letter}{top}:{letter}{top + 1}")
        _cell(sheet, f"{letter}{top}", label, bold=True, center=True)
    sheet.merge_cells(f"C{top}:D{top}")
    _cell(sheet, f"C{top}", words["group_column"], bold=True, center=True)
    _cell(sheet, f"C{top + 1}", columns[2], bold=True, center=True)
    _cell(sheet, f"D{top + 1}", columns[3], bold=True, center=True)
    for letter in "ABCDE":
        sheet[f"{letter}{top}"].border = sheet[f"{letter}{top + 1}"].border = _BOX
    for index, row in enumerate(form.rows):
        _form_row(sheet, top + 2 + index, row, places)
    for letter, width in FORM_COLUMNS.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{top + 2}"
    _print_setup(sheet, f"{top}:{top + 1}", landscape=False)


def _titles(sheet: Worksheet, content: ReportContent, lines: list[str], last_column: str) -> None:
    period = content.period
    rows = [
        (content.letterhead.issuer, {"bold": True}),
        (lines[0], {"bold": True, "size": 14}),
        (lines[1], {"bold": True, "size": 13}),
        (content.annex_attached, {"italic": True}),
        (f"Kỳ báo cáo: {period.label} (từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y})",
         {"italic": True}),
    ]  # fmt: skip
    for number, (text, style) in enumerate(rows, start=1):
        sheet.merge_cells(f"A{number}:{last_column}{number}")
        cell = sheet[f"A{number}"]
        cell.value = text
        cell.font = Font(name=FONT, size=style.get("size", 12), bold=style.get("bold", False),
                         italic=style.get("italic", False))  # fmt: skip
        cell.alignment = Alignment(horizontal="left" if number == 1 else "center", **_WRAP)


def _form_row(sheet: Worksheet, number: int, row: FormRow, places: dict[str, _Place]) -> None:
    bold = row.style in ("heading", "top")
    italic = row.style == "detail"
    _cell(sheet, f"A{number}", row.code, bold=bold, italic=italic, center=True)
    _cell(sheet, f"B{number}", row.label, bold=bold, italic=italic)
    _cell(sheet, f"C{number}", row.unit, italic=italic, center=True)
    value = sheet[f"{VALUE_COLUMN}{number}"]
    value.value = _value(row, places, sheet.title)
    value.font = Font(name=FONT, size=12, bold=bold, italic=italic)
    value.number_format = INTEGER_FORMAT if row.decimals == 0 else DECIMAL_FORMAT
    value.alignment = Alignment(horizontal="right", vertical="center")
    _cell(sheet, f"E{number}", row.note, italic=italic)
    for letter in "ABCDE":
        sheet[f"{letter}{number}"].border = _BOX


def _value(row: FormRow, places: dict[str, _Place], here: str) -> float | str | None:
    """The number, or for a ratio of parts at hand the formula part / whole × 100."""
    if row.ratio_of is None:
        return row.value
    numerator, denominator = (places.get(key) for key in row.ratio_of)
    if numerator is None or denominator is None:
        return row.value
    top, bottom = _ref(numerator, here), _ref(denominator, here)
    return f'=IF({bottom}=0,"",{top}/{bottom}*100)'


def _ref(place: _Place, here: str) -> str:
    cell = f"{VALUE_COLUMN}{place.row}"
    return cell if place.sheet == here else f"'{place.sheet}'!{cell}"


def _cell(
    sheet: Worksheet,
    ref: str,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
) -> None:
    cell = sheet[ref]
    cell.value = text or None
    cell.font = Font(name=FONT, size=12, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal="center" if center else "left", **_WRAP)


def _print_setup(sheet: Worksheet, title_rows: str, *, landscape: bool) -> None:
    """A4, fitted to the page width, header rows repeated on every printed page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 1.18, 0.59, 0.79, 0.79


# -- comparison of the units below ------------------------------------------------------------


def _comparison_sheet(book: Workbook, content: ReportContent, comparison: Comparison) -> None:
    sheet = book.create_sheet(comparison.heading.capitalize())
    spans = [3 + (1 if m.rank else 0) for m in comparison.measures]
    last = get_column_letter(2 + sum(spans) + 1)
    _titles(sheet, content, [comparison.heading, comparison.title], last_column=last)
    top = TITLE_ROWS + 2
    _comparison_header(sheet, comparison, top, spans)
    row_number = top + 2
    for group in comparison.groups:
        sheet.merge_cells(f"A{row_number}:{last}{row_number}")
        _cell(sheet, f"A{row_number}", group.title, bold=True)
        row_number += 1
        for index, item in enumerate(group.rows, start=1):
            _comparison_row(sheet, row_number, index, item, comparison, spans)
            row_number += 1
    _boxes(sheet, top, row_number - 1, 2 + sum(spans) + 1)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 40
    for column in range(3, 3 + sum(spans) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    sheet.freeze_panes = f"C{top + 2}"
    _print_setup(sheet, f"{top}:{top + 1}", landscape=True)


def _comparison_header(sheet: Worksheet, comparison: Comparison, top: int, spans: list[int]):
    columns = outline()["comparison"]["columns"]
    status = get_column_letter(3 + sum(spans))
    for letter, label in (("A", columns["number"]), ("B", columns["name"]),
                          (status, columns["status"])):  # fmt: skip
        sheet.merge_cells(f"{letter}{top}:{letter}{top + 1}")
        _cell(sheet, f"{letter}{top}", label, bold=True, center=True)
    column = 3
    for measure, span in zip(comparison.measures, spans, strict=True):
        first, end = get_column_letter(column), get_column_letter(column + span - 1)
        sheet.merge_cells(f"{first}{top}:{end}{top}")
        _cell(sheet, f"{first}{top}", measure.label, bold=True, center=True)
        labels = [measure.denominator_label, measure.numerator_label, measure.rate_label]
        for offset, label in enumerate(labels + ([columns["rank"]] if measure.rank else [])):
            _cell(sheet, f"{get_column_letter(column + offset)}{top + 1}", label,
                  bold=True, center=True)  # fmt: skip
        column += span


def _comparison_row(sheet, number, index, item, comparison, spans) -> None:
    _cell(sheet, f"A{number}", str(index), center=True)
    _cell(sheet, f"B{number}", item.name)
    column = 3
    for cell, measure, span in zip(item.cells, comparison.measures, spans, strict=True):
        den, num, rate = (get_column_letter(column + k) for k in range(3))
        _number(sheet, f"{den}{number}", cell.denominator, INTEGER_FORMAT)
        _number(sheet, f"{num}{number}", cell.numerator, INTEGER_FORMAT)
        if cell.denominator:
            formula = f'=IF({den}{number}=0,"",{num}{number}/{den}{number}*100)'
            _number(sheet, f"{rate}{number}", formula, DECIMAL_FORMAT)
        if measure.rank:
            _number(sheet, f"{get_column_letter(column + 3)}{number}", cell.rank, "0")
        column += span
    _cell(sheet, f"{get_column_letter(column)}{number}", item.status)


def _number(sheet: Worksheet, ref: str, value, number_format: str) -> None:
    cell = sheet[ref]
    cell.value = value
    cell.number_format = number_format
    cell.font = Font(name=FONT, size=12)
    cell.alignment = Alignment(horizontal="right", vertical="center")


def _boxes(sheet: Worksheet, first_row: int, last_row: int, columns: int) -> None:
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row, max_col=columns):
        for cell in row:
            cell.border = _BOX
