"""Confidence of read figures (độ tin cậy), calibrated: what a reader's raw score means is
measured on the reading corpus's tuning half and written down in data/confidence.yaml
(``scripts/calibrate_confidence.py`` writes it). One home for the thresholds too: a value
at or above ``SURE`` is shown as sure, below ``DOUBTFUL`` as doubtful."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from cchc.datafiles import load_yaml

CONFIDENCE_FILE = Path(__file__).parent / "data" / "confidence.yaml"

# How values are read (basis), the key of the calibration table.
BASES = ("code+words", "code", "words", "grid", "narrative")


@dataclass(frozen=True)
class Grounds:
    """What a value's confidence rests on (căn cứ của độ tin cậy): how it was read
    (``basis``), the reader's own score, whether the text was damaged (OCR, lost
    diacritics), and whether something doubts it — another reading of the same indicator
    with a different value, or a check of the forms it fails."""

    basis: str
    score: float
    damaged: bool = False
    doubted: bool = False

    @property
    def group(self) -> str:
        """The calibration table's row: ``basis/damaged/doubted``."""
        return f"{self.basis}/{'damaged' if self.damaged else 'clean'}/" + (
            "doubted" if self.doubted else "undoubted"
        )


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return dict(load_yaml(CONFIDENCE_FILE))


def _threshold(name: str) -> float:
    return float(_table()["bands"][name])


SURE = _threshold("sure")  # at least 98 % of values at or above it are right
DOUBTFUL = _threshold("doubtful")  # below it, fewer than four in five are right


def calibrated(grounds: Grounds) -> float:
    """The value's confidence: the calibrated confidence of its group at its score (the
    score itself where the table has no such group, capped below ``SURE``: an uncalibrated
    reading is never shown as sure)."""
    row = _table()["groups"].get(grounds.group)
    if row is None:
        return round(min(grounds.score, SURE - 0.01), 2)
    edges, values = row["edges"], row["confidence"]
    return float(values[max(0, bisect_right(edges, grounds.score) - 1)])


BAND_LABELS = {"sure": "chắc chắn", "review": "cần xem lại", "doubtful": "đáng ngờ"}


def band(confidence: float) -> str:
    """The band a clerk sees: ``sure``, ``review`` or ``doubtful``."""
    if confidence >= SURE:
        return "sure"
    return "review" if confidence >= DOUBTFUL else "doubtful"


def from_right_share(share: float) -> float:
    """The confidence shown for a group whose values are right in ``share`` of cases: the
    file's anchors (share → confidence) joined by straight lines, so that the bands mean
    what they say (``SURE`` is the confidence of a 98 %-right group)."""
    anchors = [(float(a), float(c)) for a, c in _table()["bands"]["anchors"]]
    for (a0, c0), (a1, c1) in pairwise(anchors):
        if share <= a1:
            return round(c0 + (c1 - c0) * (share - a0) / (a1 - a0), 2)
    return anchors[-1][1]
