"""Reading the unit tree's data files: errors naming the file and line, dates, YAML entries.

Shared by the readers of ``units.csv.gz`` (:mod:`cchc.units.tree_csv`), ``ministries.yaml``
(:mod:`cchc.units.tree_ministries`) and ``departments.yaml`` (:mod:`cchc.units.tree_departments`).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from cchc.errors import InputError
from cchc.units.records import UnitRecord

Where = tuple[Path, int]  # (file, line) where a record is defined, for error messages
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_error(path: Path, line: int | None, vi: str, en: str) -> InputError:
    """An :class:`~cchc.errors.InputError` placed at ``path``, line ``line`` (when known)."""
    place_vi = f"Tệp {path}" + (f", dòng {line}" if line else "")
    place_en = f"{path}" + (f":{line}" if line else "")
    return InputError(f"{place_vi}: {vi}", f"{place_en}: {en}")


def duplicate_key_error(path: Path, line: int, key: str) -> InputError:
    """The error for a key defined twice."""
    return data_error(path, line, f"khóa «{key}» bị trùng.", f"duplicate key {key!r}")


def check_parent(
    record: UnitRecord, known: Container[str], path: Path, line: int, vi: str, en: str
) -> None:
    """Raise unless ``record``'s parent (if any) is ``known``; ``vi``, ``en`` say what is wrong."""
    if record.parent_key is not None and record.parent_key not in known:
        raise data_error(
            path,
            line,
            f"đơn vị cha «{record.parent_key}» {vi}.",
            f"parent {record.parent_key!r} {en}",
        )


_date_cache: dict[str, date | None] = {"": None}


def parse_date(text: Any, path: Path, line: int, field: str) -> date | None:
    """``text`` (YYYY-MM-DD, empty or already a date) as a date; an error names ``field``."""
    if text is None or isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise _bad_date(text, path, line, field)
    if text not in _date_cache:
        try:
            _date_cache[text] = date.fromisoformat(text)
        except ValueError:
            raise _bad_date(text, path, line, field) from None
    return _date_cache[text]


def _bad_date(text: Any, path: Path, line: int, field: str) -> InputError:
    return data_error(
        path,
        line,
        f"{field} phải là ngày dạng YYYY-MM-DD, gặp «{text}».",
        f"{field} must be a YYYY-MM-DD date, got {text!r}",
    )


def read_yaml_list(path: Path, top: str) -> list[tuple[int, dict[str, Any]]]:
    """The entries of the list under ``top``, each with the line where it starts."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_YamlLoader)
        data = yaml.load(text, Loader=_YamlLoader)
    except FileNotFoundError:
        raise data_error(path, None, "không tìm thấy tệp.", "file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise data_error(path, line, f"YAML không hợp lệ ({exc}).", f"invalid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise data_error(path, None, "tệp không phải UTF-8.", f"not UTF-8: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get(top), list):
        raise data_error(
            path,
            None,
            f"tệp phải có khóa «{top}» chứa một danh sách.",
            f"the file must hold a list under {top!r}",
        )
    items = [v for k, v in root.value if k.value == top][-1].value  # the last one, as load does
    if len(items) != len(data[top]):
        raise data_error(
            path,
            None,
            f"danh sách «{top}» có cấu trúc không đọc được (khóa trùng?).",
            f"the list under {top!r} cannot be read entry by entry (duplicate key?)",
        )
    return [(node.start_mark.line + 1, entry) for node, entry in zip(items, data[top], strict=True)]


def fields(
    entry: Any, path: Path, line: int, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, Any]:
    """``entry`` checked: a mapping with every ``required`` text field and no unknown field."""
    if not isinstance(entry, dict):
        raise data_error(
            path, line, "mỗi mục phải là một bảng khóa–giá trị.", "each entry must be a mapping"
        )
    missing = [f for f in required if not isinstance(entry.get(f), str) or not entry[f].strip()]
    unknown = sorted(str(f) for f in set(entry) - set(required) - set(optional))
    if missing:
        raise data_error(
            path,
            line,
            f"thiếu trường (hoặc trường không phải chuỗi): {', '.join(missing)}.",
            f"missing or non-text fields: {', '.join(missing)}",
        )
    if unknown:
        raise data_error(
            path,
            line,
            f"trường không hợp lệ: {', '.join(map(str, unknown))}.",
            f"unknown fields: {', '.join(map(str, unknown))}",
        )
    return entry


def check_kind(kind: str, allowed: tuple[str, ...], path: Path, line: int) -> None:
    """Raise unless ``kind`` is one of ``allowed``."""
    if kind not in allowed:
        raise data_error(
            path,
            line,
            f"loại «{kind}» không hợp lệ (cần một trong {allowed}).",
            f"bad kind {kind!r}",
        )
