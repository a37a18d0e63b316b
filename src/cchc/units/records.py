"""Plain records of the unit tree as shipped in the data files (before they reach the database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

UNIT_LEVELS = ("nation", "ministry", "province", "department", "district", "commune")
LEVEL_LABELS = {
    "nation": "Cả nước",
    "ministry": "Bộ, ngành",
    "province": "Tỉnh, thành phố",
    "department": "Sở, ban, ngành",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}
# Kind of unit (loại đơn vị, as in its name) → its level.
UNIT_KINDS = {
    "bộ": "ministry",
    "cơ quan ngang bộ": "ministry",
    "tỉnh": "province",
    "thành phố trực thuộc trung ương": "province",
    "sở": "department",
    "ban": "department",
    "văn phòng": "department",
    "thanh tra": "department",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "thành phố": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "đặc khu": "commune",
}
REORGANISATION_DATE = date(2025, 7, 1)


@dataclass(frozen=True)
class UnitRecord:
    """One reporting unit (đơn vị báo cáo) with its place in the tree and its validity.

    ``key`` is stable and readable: ``p24`` (tỉnh Bắc Giang, before 1/7/2025), ``d213``
    (a district), ``c07339`` (a commune), ``p24.snv`` (a department of a province), and the
    same with ``.2025`` appended to the code for units of the structure from 1/7/2025.
    """

    key: str
    name: str
    short_name: str
    level: str
    kind: str
    code: str | None
    parent_key: str | None
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = field(default_factory=tuple)
