"""Reading and writing rows of CSV and XLSX files (the one place that knows both formats)."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

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
    """Header (lower-cased) and (line number, row) pairs of the first sheet or the CSV."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp {path}.", f"{path} does not exist")
    if file_format(path) == "csv":
        return _read_csv(path)
    return _read_xlsx(path)


def _read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Tệp {path.name} không phải văn bản UTF-8.", f"{path}: not UTF-8"
        ) from exc
    reader = csv.reader(lines)
    header = [h.strip().lower() for h in next(reader, [])]
    rows = (
        (number, dict(zip(header, (cell.strip() for cell in cells), strict=False)))
        for number, cells in enumerate(reader, start=2)
        if any(cell.strip() for cell in cells)
    )
    return header, rows


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(
            f"Tệp {path.name} không phải tệp Excel (.xlsx) hợp lệ.", f"{path}: bad xlsx"
        ) from exc
    sheet = workbook.worksheets[0]
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
