"""Reporting periods (kỳ báo cáo): codes, cut-off windows, deadlines, and how reports name them.

Codes: ``2023-Q1``, ``2023-H1``, ``2023-Q3``, ``2023-9M``, ``2023-Y``. Windows and deadlines are
data (``data/periods.yaml``), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.datafiles import load_yaml
from cchc.errors import InputError
from cchc.text import fold

PERIODS_FILE = Path(__file__).parent / "data" / "periods.yaml"
KINDS = ("Q1", "H1", "Q3", "9M", "Y")
FIRST_YEAR, LAST_YEAR = 1990, 2100  # years a CCHC report can be about
_CODE = re.compile(r"^(\d{4})-(Q1|H1|Q3|9M|Y)$")


@lru_cache(maxsize=1)
def _regime() -> dict[str, Any]:
    return load_yaml(PERIODS_FILE)


def _offset_date(year: int, spec: list[int]) -> date:
    offset, month, day = spec
    return date(year + offset, month, day)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period of one year, e.g. Quý III năm 2023."""

    year: int
    kind: str
    # Deadlines set for this period by an administrator, (level, day), in place of the regime's.
    set_deadlines: tuple[tuple[str, date], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"Loại kỳ báo cáo «{self.kind}» không hợp lệ.", "bad period kind")

    @property
    def code(self) -> str:
        """The period code, e.g. ``2023-Q3``."""
        return f"{self.year}-{self.kind}"

    @property
    def _spec(self) -> dict[str, Any]:
        return _regime()["periods"][self.kind]

    @property
    def start(self) -> date:
        """First day of the cut-off window."""
        return _offset_date(self.year, self._spec["start"])

    @property
    def end(self) -> date:
        """Last day of the cut-off window."""
        return _offset_date(self.year, self._spec["end"])

    @property
    def deadline(self) -> date:
        """Day by which a province or ministry sends the report to Bộ Nội vụ."""
        return _offset_date(self.year, self._spec["deadline"])

    def deadline_for(self, level: str) -> date:
        """Deadline for a unit of ``level``: one set by an administrator, else the regime's
        (provinces set earlier ones for lower levels)."""
        for set_level, day in self.set_deadlines:
            if set_level == level:
                return day
        return self.regime_deadline_for(level)

    def regime_deadline_for(self, level: str) -> date:
        """The deadline the regime (periods.yaml) gives a unit of ``level``."""
        days = _regime()["days_before_deadline"].get(level, 0)
        return self.deadline - timedelta(days=days)

    def with_deadlines(self, deadlines: dict[str, date]) -> Period:
        """This period with deadlines set per level."""
        return replace(self, set_deadlines=tuple(sorted(deadlines.items())))

    @property
    def label(self) -> str:
        """Vietnamese name as printed in reports: "Quý III năm 2023", "năm 2023"."""
        return self._spec["name"].format(year=self.year)

    def previous(self) -> Period:
        """The period of the same year that ends just before this one (Y of last year for Q1).

        Cumulative (lũy kế) values must not fall from it to this one.
        """
        if self.kind == "Q1":
            return Period(self.year - 1, "Y")
        earlier = [Period(self.year, k) for k in KINDS if Period(self.year, k).end < self.end]
        return max(earlier, key=lambda p: (p.end, p.start))

    def same_period_last_year(self) -> Period:
        """The same kind of period one year earlier."""
        return Period(self.year - 1, self.kind)

    def contains(self, day: date) -> bool:
        """True when ``day`` falls in the cut-off window."""
        return self.start <= day <= self.end


def parse_period_code(code: str) -> Period:
    """``2023-Q3`` → Period(2023, "Q3"); a clear error for anything else."""
    match = _CODE.match(code.strip().upper())
    if not match:
        raise InputError(
            f"Mã kỳ báo cáo «{code}» không hợp lệ; dùng dạng 2023-Q1, 2023-H1, 2023-Q3, "
            "2023-9M hoặc 2023-Y.",
            f"invalid period code {code!r}",
        )
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            f"Năm của kỳ báo cáo «{code}» phải từ {FIRST_YEAR} đến {LAST_YEAR}.",
            f"period year {year} out of range",
        )
    return Period(year, match.group(2))


def period_for_window(start: date, end: date) -> Period | None:
    """The period whose official window is exactly ``start``–``end``, if any."""
    for year in {end.year, start.year + 1}:
        for kind in KINDS:
            period = Period(year, kind)
            if (period.start, period.end) == (start, end):
                return period
    return None


def current_period(today: date) -> Period:
    """The period whose report is due next on ``today`` (the one being prepared)."""
    for year in (today.year, today.year + 1):
        for kind in ("Q1", "H1", "Q3", "Y"):
            period = Period(year, kind)
            if today <= period.deadline:
                return period
    raise AssertionError("unreachable: an annual report is always due within a year")


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Tolerant of the OCR damage seen in real reports: "nim", "niam" for năm, "thdang" for tháng.
_NAM, _THANG, _DAU = r"n[a-z]{0,2}m", r"th[a-z]{0,3}ng", r"d[a-z]{0,2}u"
_YEAR = rf"(?:{_NAM}\s*)?((?:19|20)\d{{2}})"
_MONTHS = rf"\s*{_THANG}\s*(?:{_DAU}\s*)?(?:{_NAM}\s*)?"
_TEXT_PATTERNS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"\b(?:06|6|sau)" + _MONTHS + _YEAR), "H1"),
    (re.compile(r"\b(?:09|9|chin)" + _MONTHS + _YEAR), "9M"),
    (re.compile(r"\b\d{1,2}" + _MONTHS + _YEAR), "other"),
    # A quarter takes the next year printed after it, no other number between: "Quý III/2023",
    # "Quý I và phương hướng, nhiệm vụ Quý II năm 2024" (on Quý I).
    (re.compile(r"\bqu[a-z]?\s*(iv|iii|ii|i|[1-4])\b[^0-9]{0,60}?((?:19|20)\d{2})"), None),
    (re.compile(rf"\b(?:ca\s*)?{_NAM}\s*((?:19|20)\d{{2}})"), "Y"),
]
# "đến năm 2030", "giai đoạn 2021-2025" name horizons, not reporting periods.
_NOT_A_PERIOD = re.compile(r"(?:\bden|\btoi|\btu|\btruoc|\bsau|\bdoan|\d{4}\s*-)\s*$")
_DATE = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_WINDOW = re.compile(_DATE + r"\s*(?:-|–|den\s*ngay|den)\s*" + _DATE)


def parse_period_text(text: str) -> Period | None:
    """How reports name periods: "Quý III năm 2023", "6 tháng đầu năm 2023", "9 tháng năm
    2023", "năm 2023", "(15/12/2022 - 14/3/2023)", "Từ ngày 15/12/2022 đến ngày 14/6/2023".

    Works on text with or without diacritics. An explicit official window wins over words.
    Quý II and Quý IV, which have no report of their own, map to H1 and Y.
    """
    folded = fold(text)
    window = printed_window(folded)
    found = period_for_window(*window) if window else None
    return found or _period_in_words(folded)


def printed_window(text: str) -> tuple[date, date] | None:
    """The first span of two dates the text prints ("từ ngày 15/12/2024 đến ngày
    30/11/2025", "(15/12/2022 - 14/3/2023)"), whether or not it is an official window."""
    for window in _WINDOW.finditer(fold(text)):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in window.groups())
        try:
            start, end = date(y1, m1, d1), date(y2, m2, d2)
        except ValueError:
            continue
        if start < end:
            return start, end
    return None


def _period_in_words(folded: str) -> Period | None:
    """The period named first in ``folded`` text; None for a non-standard span ("5 tháng")."""
    found: list[tuple[int, int, Period | None]] = []
    for rank, (pattern, kind) in enumerate(_TEXT_PATTERNS):
        match = next(
            (
                m
                for m in pattern.finditer(folded)
                if not _NOT_A_PERIOD.search(folded[max(0, m.start() - 12) : m.start()])
            ),
            None,
        )
        if not match:
            continue
        if kind is None:
            quarter = _ROMAN[match.group(1)]
            period = Period(int(match.group(2)), {1: "Q1", 2: "H1", 3: "Q3", 4: "Y"}[quarter])
        else:
            period = None if kind == "other" else Period(int(match.group(1)), kind)
        found.append((match.start(), rank, period))
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None
