"""Units and periods (đơn vị, kỳ báo cáo): the administrative tree and the reporting calendar."""

from cchc.units.periods import (
    Period,
    current_period,
    parse_period_code,
    parse_period_text,
    period_for_window,
    printed_window,
)
from cchc.units.records import REORGANISATION_DATE, UNIT_LEVELS, UnitRecord
from cchc.units.tree import load_unit_records

__all__ = [
    "REORGANISATION_DATE",
    "UNIT_LEVELS",
    "Period",
    "UnitRecord",
    "current_period",
    "load_unit_records",
    "parse_period_code",
    "parse_period_text",
    "period_for_window",
    "printed_window",
]
