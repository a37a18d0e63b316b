"""Reading and writing rows of CSV and XLSX files (the one place that knows both formats)."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from cchc.errors import InputError

FORMATS = ("csv", "xlsx")


def file_format(path: Path) -> str:
    """ "csv" or "xlsx" from the file's extension; anything else is an InputError."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(
            f"Tệp {path.name}: chỉ nhận tệp .csv hoặc .xlsx.", f"{path}: unsupported format"
        )
    return suffix


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Header (lower-cased) and (line number, row) pairs of the first sheet or the CSV —
    every row, whatever the sheet's recorded size says. A damaged file, an over-long cell or
    a column named twice is an InputError naming the line."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp {path}.", f"{path} does not exist")
    try:
        header, rows = _read_csv(path) if file_format(path) == "csv" else _read_xlsx(path)
    except InputError:
        raise
    except Exception as exc:  # the header row itself is unreadable
        raise InputError(
            f"Tệp {path.name} bị hỏng: không đọc được dòng tiêu đề.", f"{path}: {exc!r}"
        ) from exc
    _check_header(path, header)
    return header, _guarded(path, rows)


def _check_header(path: Path, header: list[str]) -> None:
    named = [h for h in header if h]
    twice = sorted({h for h in named if named.count(h) > 1})
    if twice:
        raise InputError(
            f"Tệp {path.name}: cột {', '.join(twice)} xuất hiện hai lần ở dòng tiêu đề; hãy giữ "
            "một cột mỗi tên.",
            f"{path}: duplicated columns {twice}",
        )


def _guarded(
    path: Path, rows: Iterator[tuple[int, dict[str, str]]]
) -> Iterator[tuple[int, dict[str, str]]]:
    """``rows``, with a failure of the CSV or XLSX reader inside the file turned into an
    InputError that names the last line read."""
    line = 1
    try:
        for line, row in rows:
            yield line, row
    except InputError:
        raise
    except Exception as exc:  # csv.Error, broken XML, impossible dates… inside the file
        raise InputError(
            f"Tệp {path.name} bị hỏng hoặc có ô không đọc được sau dòng {line}.",
            f"{path}: unreadable after line {line}: {exc!r}",
        ) from exc


def _read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Tệp {path.name} không phải văn bản UTF-8.", f"{path}: not UTF-8"
        ) from exc
    reader = csv.reader(lines)
    header = [h.strip().lower() for h in next(reader, [])]
    return header, _csv_rows(reader, header)


def _csv_rows(reader, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Non-empty records with the line each starts on (a quoted cell may span lines)."""
    while True:
        start = reader.line_num + 1
        cells = next(reader, None)
        if cells is None:
            return
        if any(cell.strip() for cell in cells):
            yield start, dict(zip(header, (cell.strip() for cell in cells), strict=False))


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, no workbook part, broken XML…
        raise InputError(
            f"Tệp {path.name} không phải tệp Excel (.xlsx) hợp lệ.", f"{path}: bad xlsx ({exc!r})"
        ) from exc
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # a stale <dimension> must not hide the rows below it
    cells = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(cells, ())]
    rows = (
        (number, dict(zip(header, (_cell(c) for c in row), strict=False)))
        for number, row in enumerate(cells, start=2)
        if any(c not in (None, "") for c in row)
    )
    return header, rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_rows(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Write a CSV or a one-sheet XLSX (numbers stay numbers)."""
    if file_format(path) == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("so-lieu")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
