"""Finding units by name without a database: for reading reports, where names come folded
and often damaged by OCR."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from cchc.text import fold
from cchc.units.records import UnitRecord
from cchc.units.tree import load_unit_records


class UnitIndex:
    """Units by level and folded short name, with their validity and parents."""

    def __init__(self, records: list[UnitRecord]) -> None:
        self.by_key = {r.key: r for r in records}
        self._by_level: dict[str, list[UnitRecord]] = defaultdict(list)
        for record in records:
            self._by_level[record.level].append(record)

    def match(
        self,
        level: str,
        name: str,
        *,
        on: date | None = None,
        parent: str | None = None,
        min_score: float = 85.0,
    ) -> UnitRecord | None:
        """The unit of ``level`` whose name best matches ``name`` (folded, fuzzy), valid on
        ``on`` and under ``parent`` when given; None when nothing matches well enough."""
        candidates = [
            r
            for r in self._by_level.get(level, [])
            if _valid(r, on) and (parent is None or self.is_below(r.key, parent))
        ]
        if not candidates:
            return None
        names = [fold(r.short_name) for r in candidates]
        if level == "department":
            names = [fold(r.name) for r in candidates]
        found = process.extractOne(fold(name), names, scorer=fuzz.ratio, score_cutoff=min_score)
        return candidates[found[2]] if found else None

    def is_below(self, key: str, ancestor: str) -> bool:
        """True when ``ancestor`` is ``key`` or one of its ancestors."""
        while key:
            if key == ancestor:
                return True
            key = self.by_key[key].parent_key or ""
        return False

    def successor(self, key: str) -> UnitRecord | None:
        """The first successor of a unit (after a reorganisation), if any."""
        record = self.by_key[key]
        return self.by_key.get(record.successors[0]) if record.successors else None


def _valid(record: UnitRecord, day: date | None) -> bool:
    if day is None:
        return True
    return (record.valid_from is None or record.valid_from <= day) and (
        record.valid_to is None or day <= record.valid_to
    )


@lru_cache(maxsize=1)
def default_unit_index() -> UnitIndex:
    """The index over the shipped unit tree, built once per process."""
    return UnitIndex(load_unit_records())
