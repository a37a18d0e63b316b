"""``ministries.yaml``: the bộ and cơ quan ngang bộ before and from 1/3/2025, under the nation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.units.records import UnitRecord
from cchc.units.tree_files import (
    Where,
    check_kind,
    data_error,
    duplicate_key_error,
    fields,
    parse_date,
    read_yaml_list,
)

NATION_KEY = "vn"
MINISTRY_KINDS = ("bộ", "cơ quan ngang bộ")


def read_ministries(path: Path, where: dict[str, Where]) -> list[UnitRecord]:
    """Every ministry of the file, in file order; records where each is defined in ``where``."""
    records = []
    for line, raw in read_yaml_list(path, "ministries"):
        entry = fields(
            raw,
            path,
            line,
            ("key", "name", "short_name", "kind"),
            ("valid_from", "valid_to", "successors", "note"),
        )
        check_kind(entry["kind"], MINISTRY_KINDS, path, line)
        successors = _successors(entry, path, line)
        if entry["key"] in where:
            raise duplicate_key_error(path, line, entry["key"])
        where[entry["key"]] = (path, line)
        records.append(_ministry(entry, successors, path, line))
    return records


def _successors(entry: dict[str, Any], path: Path, line: int) -> list[str]:
    successors = entry.get("successors") or []
    if not isinstance(successors, list) or not all(isinstance(s, str) for s in successors):
        raise data_error(
            path,
            line,
            "successors phải là danh sách khóa.",
            "successors must be a list of keys",
        )
    return successors


def _ministry(entry: dict[str, Any], successors: list[str], path: Path, line: int) -> UnitRecord:
    return UnitRecord(
        key=entry["key"],
        name=entry["name"],
        short_name=entry["short_name"],
        level="ministry",
        kind=entry["kind"],
        code=None,
        parent_key=NATION_KEY,
        valid_from=parse_date(entry.get("valid_from"), path, line, "valid_from"),
        valid_to=parse_date(entry.get("valid_to"), path, line, "valid_to"),
        successors=tuple(successors),
    )
