"""Annex tables (biểu mẫu) as tab-separated rows: rows read, then matched to indicators by
their wording, with the printed code as a second opinion when a template fits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.catalog import Catalog, Template
from cchc.ingest.folding import fold_ocr
from cchc.ingest.indicators import LEVEL_WORDS, IndicatorMatcher
from cchc.ingest.matching import (
    Mention,
    assign,
    figure_level,
    is_none_of_ours,
    noun_at,
    score_mention,
    units_named,
    words_of,
)
from cchc.ingest.sections import Section, section_at
from cchc.numbers import is_year, parse_number
from cchc.values import value_from_text

# "Biểu mẫu 2", "Biểu số 2", "Phụ lục 2" — wherever the title stands on its line (a stamp,
# a page number or an OCR fragment may come first).
_FORM = re.compile(r"\b(?:bieu\s*(?:mau|so)|phu\s*luc)\s*(?:so\s*)?(\d{1,2})\b")
_CODE = re.compile(r"^(?:[IVX]+|\d{1,2})(?:\.\d{1,2}){0,3}\.?$")
# The words of a form's header row (STT / Chỉ tiêu / Đơn vị tính / Số liệu / Ghi chú), as
# OCR leaves them once folded ("Don vitinh", "Ghi cha").
_HEADER_WORDS = ("stt", "chi tieu", "noi dung", "don vi", "dvt", "so lieu", "ket qua", "ghi ch")
_MARKUP = re.compile(r"</?[a-z]+>")


@dataclass
class TableRow:
    """One row of an annex form as printed."""

    line: int
    form: int | None
    code: str
    label: str
    unit: str
    value: str
    text: str
    parent_label: str = ""


def read_table_rows(lines: list[str], skip: set[int] | None = None) -> list[TableRow]:
    """Rows of every annex table, with inferred codes and parent labels; the ``skip`` lines
    (those of wide tables, read by :func:`read_grids`) are left out."""
    rows: list[TableRow] = []
    form: int | None = None
    in_table = False
    for number, raw in enumerate(lines, start=1):
        if skip and number in skip:
            continue
        marker = _table_marker(raw)
        if marker is not None:
            form, in_table = (marker, in_table) if marker else (form, True)
            continue
        if raw.count("\t") < 2:
            raw = _cells_from_ocr(raw) if form is not None or in_table else ""
            if not raw:
                continue
        row = _row(number, form, raw)
        if row is None:
            continue
        if not row.code and not row.value and rows and rows[-1].line >= number - 2:
            rows[-1].label = f"{rows[-1].label} {row.label}".strip()
            continue
        rows.append(row)
    _infer_codes(rows)
    _set_parents(rows)
    return rows


_SPACED_ROW = re.compile(
    r"^\s*(?P<code>(?:[IVX]+|\d{1,2})(?:\.\d{1,2}){0,3}\.?)\s+(?P<label>\D.*?\S)\s+"
    r"(?P<value>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*%?\s*$"
)
_OCR_CODE = re.compile(r"^\W{0,3}((?:[IVX]+|\d{1,2})(?:\.\d{1,2}){0,3})\.?\s*\|?\s+(?=\S)")
_OCR_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?%?$|^\d+(?:,\d+)?%?$")


def _table_marker(raw: str) -> int | None:
    """A form's title ("Biểu mẫu 2" → 2) or a header row whose cells OCR ran together (0);
    None for any other line."""
    if "\t" in raw:
        return None
    folded = fold_ocr(raw)
    heading = _FORM.search(folded) if len(raw) < 160 else None
    if heading:
        return int(heading.group(1))
    return 0 if sum(word in folded for word in _HEADER_WORDS) >= 2 else None


def _cells_from_ocr(line: str) -> str:
    """An annex row whose cells OCR ran together or split with "|" ("2.2 | Số nhiệm vụ đã
    hoàn thành Nhiệm vụ 06 19"): code, label, unit and the first number after the label
    as tab-separated cells, or "" when the line is no such row. A note after the numbers
    is left out."""
    spaced = _SPACED_ROW.match(line) if "|" not in line else None
    if spaced:  # one number at the end: the value
        return "\t".join((spaced.group("code"), spaced.group("label"), "", spaced.group("value")))
    code = _OCR_CODE.match(line)
    if not code:
        return ""
    tokens = [t.strip(":;'\"") for t in line[code.end() :].replace("|", " ").split()]
    start = next(
        (
            i
            for i, token in enumerate(tokens)
            if i >= 2 and _OCR_NUMBER.match(token) and not (token.isdigit() and is_year(int(token)))
        ),
        None,
    )
    if start is None:
        return ""
    words = tokens[:start]
    unit_size = next((n for n in (3, 2, 1) if len(words) > n and _is_unit(words[-n:])), 0)
    label = " ".join(words[: len(words) - unit_size])
    unit = " ".join(words[len(words) - unit_size :])
    return "\t".join((code.group(1), label, unit, tokens[start]))


def _is_unit(words: list[str]) -> bool:
    text = fold_ocr(" ".join(words))
    return text == "%" or ("%" not in text and units_named(text) is not None)


def _row(number: int, form: int | None, raw: str) -> TableRow | None:
    cells = [_MARKUP.sub("", c).strip() for c in raw.split("\t")]
    folded = fold_ocr(" ".join(cells))
    if sum(word in folded for word in _HEADER_WORDS) >= 2:
        return None
    code = cells[0].rstrip(".") if _CODE.match(cells[0]) else ""
    rest = cells[1:] if code or not cells[0] else cells
    label = next((c for c in rest if c and not _is_number(c)), "")
    after = rest[rest.index(label) + 1 :] if label in rest else []
    unit = after[0] if after else ""
    value = next((c for c in after[1:] if c), "") if len(after) > 1 else ""
    if not label:
        return None
    return TableRow(number, form, code, label, unit, value, raw)


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%\s-]+", cell))


def _infer_codes(rows: list[TableRow]) -> None:
    """A row printed without its code takes the code before its next sibling ("3.2" → 3.1)."""
    for i, row in enumerate(rows):
        if row.code:
            continue
        following = next((r for r in rows[i + 1 :] if r.code and r.form == row.form), None)
        if following is None:
            continue
        head, _, last = following.code.rpartition(".")
        if head and last.isascii() and last.isdigit() and int(last) > 1:
            row.code = f"{head}.{int(last) - 1}"


def _set_parents(rows: list[TableRow]) -> None:
    labels: dict[tuple[int | None, str], str] = {}
    for row in rows:
        if row.code:
            labels[(row.form, row.code)] = row.label
            parent = row.code.rpartition(".")[0]
            row.parent_label = labels.get((row.form, parent), "")


@dataclass(frozen=True)
class TableValue:
    """A value read from a table row and the indicator it was matched to."""

    row: TableRow
    indicator: str
    value: float
    decimals: int
    confidence: float
    template: str | None
    basis: str = "words"  # read by its printed code and words, its code or its words


def best_template(
    catalog: Catalog, matcher: IndicatorMatcher, rows: list[TableRow]
) -> Template | None:
    """The template whose printed codes best agree with the rows' wording (None if none
    agrees for at least a third of the rows)."""
    best, best_hits = None, 0
    for template in catalog.templates.values():
        hits = sum(1 for row in rows if _code_agrees(template, matcher, row))
        if hits > best_hits:
            best, best_hits = template, hits
    return best if rows and best_hits * 3 >= len(rows) else None


def _code_agrees(template: Template, matcher: IndicatorMatcher, row: TableRow) -> bool:
    item = template.find(row.form, row.code) if row.form and row.code else None
    if item is None or item.indicator is None:
        return False
    found = matcher.match(row.label, context=row.parent_label, min_score=60)
    return found is not None and found.indicator == item.indicator


def table_values(
    catalog: Catalog,
    matcher: IndicatorMatcher,
    rows: list[TableRow],
    unit_level: str | None,
    prefer: frozenset[str] | None = None,
) -> list[TableValue]:
    """Every row with a value, matched to an indicator (``prefer``: the indicators of the
    unit's own forms, which win near-ties)."""
    template = best_template(catalog, matcher, rows)
    found: list[TableValue] = []
    for row in rows:
        if not row.value:
            continue
        indicator, confidence, basis = _indicator_of(template, matcher, row, unit_level, prefer)
        if indicator is None:
            continue
        number = _number(catalog, indicator, row.value)
        if number is not None:
            found.append(
                TableValue(
                    row,
                    indicator,
                    number[0],
                    number[1],
                    confidence,
                    template.id if template else None,
                    basis,
                )
            )
    return found


def _indicator_of(
    template: Template | None,
    matcher: IndicatorMatcher,
    row: TableRow,
    unit_level: str | None,
    prefer: frozenset[str] | None,
) -> tuple[str | None, float, str]:
    """The row's indicator, the reader's score and how it was found: by its printed code
    where a template fits (``code+words`` when the words agree, else ``code``), else by its
    words (``words``, in the row's unit when it names one)."""
    units = units_named(fold_ocr(row.unit)) or (frozenset({"%"}) if "%" in row.value else None)
    by_words = matcher.match(
        row.label, context=row.parent_label, unit_level=unit_level, units=units, prefer=prefer
    )
    item = template.find(row.form, row.code) if template and row.form and row.code else None
    if item is not None and item.indicator:
        agrees = by_words is not None and by_words.indicator == item.indicator
        return item.indicator, 0.97 if agrees else 0.8, "code+words" if agrees else "code"
    if by_words is None:
        return None, 0.0, "words"
    return by_words.indicator, round(0.9 * by_words.score / 100, 2), "words"


def _number(catalog: Catalog, indicator_id: str, text: str) -> tuple[float, int] | None:
    value = value_from_text(catalog.indicator(indicator_id), text)
    return None if value.num is None else (value.num, value.decimals or 0)


@dataclass(frozen=True)
class Grid:
    """A wide table (bảng số liệu ngang): a header row naming the figures, then rows of
    units, levels or fields with one number per column."""

    caption: str  # the line before the header ("Kết quả tiếp nhận, giải quyết hồ sơ …")
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]  # (line, cells)

    @property
    def lines(self) -> set[int]:
        """Every line the grid stands on."""
        return {self.header_line, *(line for line, _ in self.rows)}


def read_grids(lines: list[str]) -> list[Grid]:
    """Wide tables: a header of words over at least two rows of numbers aligned with it."""
    grids: list[Grid] = []
    number = 0
    while number < len(lines):
        header = _cells(lines[number])
        rows = _grid_rows(lines, number + 1, len(header)) if _is_grid_header(header) else []
        if len(rows) >= 1 and sum(len(_numbers_in(c)) for _, c in rows) >= 4:
            caption = lines[number - 1].strip() if number else ""
            grids.append(Grid(caption, header, number + 1, rows))
            number = rows[-1][0]
            continue
        number += 1
    return grids


def _cells(line: str) -> list[str]:
    return [_MARKUP.sub("", c).strip() for c in line.split("\t")] if "\t" in line else []


def _is_grid_header(cells: list[str]) -> bool:
    """Four or more cells, nearly all words, the words not a row code's."""
    worded = [c for c in cells if c and not _is_number(c)]
    return len(cells) >= 4 and len(worded) >= len(cells) - 1 and len(worded) >= 4


def _grid_rows(lines: list[str], start: int, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    for index in range(start, len(lines)):
        cells = _cells(lines[index])
        if not cells or abs(len(cells) - width) > 1 or len(_numbers_in(cells)) < 2:
            break
        if sum(1 for c in cells[1:] if c and not _is_number(c)) > 1:
            break  # a row with a label, a unit and a note: an annex row, not a grid
        rows.append((index + 1, cells))
    return rows


def _numbers_in(cells: list[str]) -> list[str]:
    return [c for c in cells if c and _is_number(c)]


@dataclass(frozen=True)
class GridValue:
    """A number of a wide table, the indicator its column names at its row's level."""

    line: int
    text: str
    indicator: str
    value: float
    decimals: int
    confidence: float


_TOTAL_ROW = re.compile(
    r"^(?:tong cong|cong|tong so|tong|toan (?:tinh|huyen|xa|so|nganh|thanh pho|thi xa|quan))\b"
)
_LEVEL_WORD = "|".join(LEVEL_WORDS)
# A row that stands for a level: "UBND cấp xã", "Bộ phận Một cửa huyện", "… phường".
_ROW_LEVEL = re.compile(
    rf"(?:\b(?:cap|ubnd|mot cua|bo phan)\s+({_LEVEL_WORD})\b)|(?:\b({_LEVEL_WORD})\s*$)"
)


def grid_values(
    catalog: Catalog,
    grids: list[Grid],
    unit_level: str | None,
    prefer: frozenset[str] | None,
    sections: list[Section],
) -> list[GridValue]:
    """The figures of wide tables: of the rows that stand for a level ("Bộ phận Một cửa cấp
    xã") or, where there are none, of the total row ("Cộng", "Toàn huyện"); the rows of
    single fields are details no form asks for. A grid speaks of its section's area."""
    found: list[GridValue] = []
    for grid in grids:
        section = section_at(sections, grid.header_line)
        area = section.area if section else None
        context = (tuple(words_of(fold_ocr(grid.caption))), _grid_noun(grid), area)
        for line, cells, level in _summary_rows(grid, figure_level(unit_level)):
            found += _row_values(catalog, grid, (line, cells, level), context, prefer)
    return found


def _grid_noun(grid: Grid) -> str | None:
    """What the grid counts: the first noun of ours its header or caption names."""
    for text in (*grid.header, grid.caption):
        folded = fold_ocr(text)
        for start in range(len(words := words_of(folded))):
            noun = noun_at(" ".join(words[start:]))
            if noun:
                return noun
    return None


def _summary_rows(grid: Grid, default: str | None) -> list[tuple[int, list[str], str | None]]:
    levelled, totals = [], []
    for line, cells in grid.rows:
        label = fold_ocr(" ".join(c for c in cells if c and not _is_number(c)))
        found = _ROW_LEVEL.search(label) if len(label) < 45 else None
        level = LEVEL_WORDS[found.group(1) or found.group(2)] if found else None
        if _TOTAL_ROW.match(label):
            totals.append((line, cells, default))
        elif level:
            levelled.append((line, cells, level))
    return levelled or totals


def _row_values(
    catalog: Catalog,
    grid: Grid,
    row: tuple[int, list[str], str | None],
    context: tuple[tuple[str, ...], str | None, str | None],
    prefer: frozenset[str] | None,
) -> list[GridValue]:
    """One row's figures; ``context``: the caption's words, the grid's noun, its area."""
    line, cells, level = row
    caption, noun, area = context
    candidates = []
    for column, cell in enumerate(cells):
        if column >= len(grid.header) or not cell or not _is_number(cell):
            continue
        title = grid.header[column]
        folded = fold_ocr(title)
        if is_none_of_ours(folded):
            continue  # "Kỳ trước chuyển sang", "Trả lại": figures no form asks for
        percent = "%" in cell or "ty le" in folded
        number = parse_number(cell.replace("%", "").strip())
        mention = Mention(
            column, line, "", number.value, number.decimals or 0, None if percent else noun,
            tuple(words_of(folded)), (), caption, level, area,
            role="percent" if percent else "plain",
        )  # fmt: skip
        candidates += score_mention(catalog, mention, prefer)
    found = []
    for chosen in assign(catalog, candidates):
        mention = chosen.mention
        found.append(
            GridValue(
                line, "\t".join(cells), chosen.indicator, mention.value, mention.decimals,
                round(min(0.9, 0.5 + 0.4 * chosen.score), 2),
            )
        )  # fmt: skip
    return found
