"""Build src/cchc/units/data/units.csv.gz from the ``vietnamadminunits`` package (developer tool).

The administrative unit tree shipped with cchc (63 provinces / districts / communes before
1/7/2025, 34 provinces / 3,321 communes from 1/7/2025, old → new mappings) is generated from
the dataset of the PyPI package ``vietnamadminunits`` 1.0.4 (MIT licence, © 2025 Tran Ngoc
Minh Hieu). That package is NOT a dependency of cchc: run this script with a Python that has it,
for example::

    python -m venv /tmp/probe && /tmp/probe/bin/pip install vietnamadminunits==1.0.4
    /tmp/probe/bin/python scripts/build_units_data.py

``--source DIR`` reads ``dataset.db`` and ``converter_2025.json`` from DIR instead of the
installed package. The output is deterministic (same input → same bytes).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "cchc" / "units" / "data" / "units.csv.gz"
COLUMNS = (
    "key",
    "name",
    "short_name",
    "level",
    "kind",
    "code",
    "parent_key",
    "valid_from",
    "valid_to",
    "successors",
)
OLD_UNTIL = "2025-06-30"
NEW_FROM = "2025-07-01"
EXPECTED_VERSION = "1.0.4"

# Type words at the start of a unit name → kind (lower case, as stored).
_TYPES = ("Thành phố", "Thị xã", "Thị trấn", "Huyện", "Quận", "Xã", "Phường", "Đặc khu", "Tỉnh")
_TYPE_RE = re.compile(r"^(" + "|".join(_TYPES) + r")\s+(.+)$", re.IGNORECASE)
_CANONICAL = {t.lower(): t for t in _TYPES}


@dataclass
class Row:
    key: str
    name: str
    short_name: str
    level: str
    kind: str
    code: str
    parent_key: str
    valid_from: str = ""
    valid_to: str = ""
    successors: list[str] = field(default_factory=list)

    def cells(self) -> list[str]:
        return [
            self.key,
            self.name,
            self.short_name,
            self.level,
            self.kind,
            self.code,
            self.parent_key,
            self.valid_from,
            self.valid_to,
            "|".join(self.successors),
        ]


def fail(message: str) -> None:
    sys.exit(f"build_units_data: {message}")


def split_name(full: str) -> tuple[str, str, str]:
    """ "Thị Trấn Óc Eo" → ("Thị trấn Óc Eo", "thị trấn", "Óc Eo"): name, kind, short name."""
    match = _TYPE_RE.match(" ".join(full.split()))
    if not match:
        fail(f"no unit type in name {full!r}")
    type_word = _CANONICAL[match.group(1).lower()]
    short = match.group(2)
    return f"{type_word} {short}", type_word.lower(), short


def province_row(full: str, code: str, suffix: str) -> Row:
    name, kind, short = split_name(full)
    if kind == "thành phố":
        kind = "thành phố trực thuộc trung ương"
    elif kind != "tỉnh":
        fail(f"unexpected province type in {full!r}")
    return Row(f"p{code}{suffix}", name, short, "province", kind, code, "vn")


def locate_source(source: str | None) -> tuple[Path, str]:
    if source:
        return Path(source), "(given directory)"
    try:
        import vietnamadminunits  # type: ignore[import-not-found]
    except ImportError:
        fail("vietnamadminunits is not installed for this Python; see the module docstring")
    from importlib.metadata import version

    found = version("vietnamadminunits")
    if found != EXPECTED_VERSION:
        print(f"warning: vietnamadminunits {found}, data checked against {EXPECTED_VERSION}")
    return Path(vietnamadminunits.__file__).parent / "data", found


class Builder:
    """Reads the package's data and produces the rows of units.csv.gz."""

    def __init__(self, data_dir: Path) -> None:
        self.db = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
        with open(data_dir / "converter_2025.json", encoding="utf-8") as handle:
            self.converter = json.load(handle)
        self.old_rows: dict[str, Row] = {}  # "province_district_ward" key → commune/district row
        self.new_rows: dict[tuple[str, str], Row] = {}  # (province key, ward key) → commune row
        self.provinces_old: dict[str, Row] = {}  # province key → row
        self.provinces_new: dict[str, Row] = {}

    def build(self) -> list[Row]:
        vn = Row("vn", "Việt Nam", "Cả nước", "nation", "quốc gia", "", "")
        new_part = self.read_new()
        old_part = self.read_old()
        self.link_provinces()
        self.link_communes()
        return [vn, *new_part, *old_part]

    def read_new(self) -> list[Row]:
        provinces: dict[str, Row] = {}
        communes: list[Row] = []
        query = (
            "SELECT provinceKey, province, provinceCode, wardKey, ward, wardCode "
            "FROM admin_units ORDER BY provinceCode, wardCode"
        )
        for pkey, pname, pcode, wkey, wname, wcode in self.db.execute(query):
            province = provinces.get(pkey) or province_row(pname, pcode, ".2025")
            province.valid_from = NEW_FROM
            provinces[pkey] = province
            name, kind, short = split_name(wname)
            row = Row(
                f"c{wcode}.2025",
                name,
                short,
                "commune",
                kind,
                wcode,
                province.key,
                valid_from=NEW_FROM,
            )
            if (pkey, wkey) in self.new_rows:
                fail(f"duplicate new ward {pkey}/{wkey}")
            self.new_rows[pkey, wkey] = row
            communes.append(row)
        self.provinces_new = provinces
        return [*provinces.values(), *communes]

    def read_old(self) -> list[Row]:
        provinces: dict[str, Row] = {}
        districts: dict[str, Row] = {}
        communes: list[Row] = []
        query = (
            "SELECT provinceKey, province, provinceCode, districtKey, district, districtCode,"
            " wardKey, ward, wardCode FROM admin_units_legacy"
            " ORDER BY provinceCode, districtCode, wardCode"
        )
        for pkey, pname, pcode, dkey, dname, dcode, wkey, wname, wcode in self.db.execute(query):
            province = provinces.get(pkey) or province_row(pname, pcode, "")
            province.valid_to = OLD_UNTIL
            provinces[pkey] = province
            district = districts.get(dcode) or self.district_row(dname, dcode, province.key)
            districts[dcode] = district
            if wcode is None:  # island districts without communes (Côn Đảo, Bạch Long Vĩ...)
                self.old_rows[f"{pkey}_{dkey}_"] = district
                continue
            name, kind, short = split_name(wname)
            row = Row(
                f"c{wcode}", name, short, "commune", kind, wcode, district.key, valid_to=OLD_UNTIL
            )
            self.old_rows[f"{pkey}_{dkey}_{wkey}"] = row
            communes.append(row)
        self.provinces_old = provinces
        return [*provinces.values(), *districts.values(), *communes]

    @staticmethod
    def district_row(full: str, code: str, parent: str) -> Row:
        name, kind, short = split_name(full)
        if kind not in ("huyện", "quận", "thị xã", "thành phố"):
            fail(f"unexpected district type in {full!r}")
        return Row(f"d{code}", name, short, "district", kind, code, parent, valid_to=OLD_UNTIL)

    def link_provinces(self) -> None:
        for new_key, old_keys in self.converter["DICT_PROVINCE"].items():
            new = self.provinces_new[new_key]
            for old_key in old_keys:
                old = self.provinces_old[old_key]
                if old.successors:
                    fail(f"province {old_key} has two successors")
                old.successors.append(new.key)
        missing = [r.key for r in self.provinces_old.values() if not r.successors]
        if missing:
            fail(f"provinces without successor: {missing}")

    def link_communes(self) -> None:
        for new_pkey, wards in self.converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for ward_key, old_keys in wards.items():
                new = self.new_rows[new_pkey, ward_key]
                for old_key in old_keys:
                    self.add_successor(old_key, new)
        for new_pkey, olds in self.converter["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old_key, parts in olds.items():
                # the package's default new ward first, then the others
                for part in sorted(parts, key=lambda p: not p["isDefaultNewWard"]):
                    self.add_successor(old_key, self.new_rows[new_pkey, part["newWardKey"]])
        orphans = [k for k, r in self.old_rows.items() if not r.successors]
        if orphans:
            fail(f"{len(orphans)} old units without successor, e.g. {orphans[:5]}")

    def add_successor(self, old_key: str, new: Row) -> None:
        old = self.old_rows.get(old_key)
        if old is None:
            fail(f"converter names unknown old unit {old_key}")
        expected = self.provinces_old[old_key.split("_")[0]].successors[0]
        if new.parent_key != expected:
            fail(f"{old_key} → {new.key} leaves its new province {expected}")
        if new.key not in old.successors:
            old.successors.append(new.key)


def write(rows: list[Row], version: str, output: Path) -> None:
    buffer = io.StringIO()
    buffer.write(
        f"# Đơn vị hành chính Việt Nam trước và từ 1/7/2025. Nguồn: gói PyPI vietnamadminunits "
        f"{version} (MIT, © 2025 Tran Ngoc Minh Hieu).\n"
        "# Tạo lại: python scripts/build_units_data.py (xem src/cchc/units/data/README.md).\n"
    )
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in rows)
    data = buffer.getvalue().encode("utf-8")
    with (
        open(output, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(data)


def summary(rows: list[Row]) -> str:
    counts = Counter((r.level, "new" if r.key.endswith(".2025") else "old") for r in rows)
    return ", ".join(f"{level}/{era}={n}" for (level, era), n in sorted(counts.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="directory with dataset.db and converter_2025.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data_dir, version = locate_source(args.source)
    rows = Builder(data_dir).build()
    keys = Counter(r.key for r in rows)
    duplicated = [k for k, n in keys.items() if n > 1]
    if duplicated:
        fail(f"duplicate keys {duplicated[:5]}")
    write(rows, version, args.output)
    print(
        f"{args.output}: {len(rows)} units ({summary(rows)}), {args.output.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
