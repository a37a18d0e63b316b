"""Aggregation (tổng hợp) up the unit tree with each indicator's semantics."""

from cchc.aggregation.figures import Figures, combine, recompute
from cchc.aggregation.rollup import (
    COUNTED_STATUSES,
    ChildStatus,
    Rollup,
    Runner,
    aggregate_figures,
    roll_up,
    sqlalchemy_runner,
)

__all__ = [
    "COUNTED_STATUSES",
    "ChildStatus",
    "Figures",
    "Rollup",
    "Runner",
    "aggregate_figures",
    "combine",
    "recompute",
    "roll_up",
    "sqlalchemy_runner",
]
