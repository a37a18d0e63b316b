"""Aggregation (tổng hợp) up the unit tree with each indicator's semantics."""

from cchc.aggregation.figures import Figures, combine, recompute
from cchc.aggregation.rollup import COUNTED_STATUSES, ChildStatus, Rollup, roll_up

__all__ = [
    "COUNTED_STATUSES",
    "ChildStatus",
    "Figures",
    "Rollup",
    "combine",
    "recompute",
    "roll_up",
]
