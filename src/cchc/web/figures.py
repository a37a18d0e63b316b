"""Roll-ups for the dashboard and aggregation pages, cached exactly.

A roll-up counts only submitted and approved reports, whose values are locked; they change
only through a workflow step into or out of those statuses, which always writes a
``report_events`` row; administrators' changes to units and deadlines write an
``admin_changes`` row. So the newest ids of both version every roll-up: cached results are
reused while they stay the same, and never served stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from cchc.aggregation import COUNTED_STATUSES, Rollup, roll_up
from cchc.catalog import Catalog
from cchc.storage.models import AdminChange, ReportEvent, Unit
from cchc.units import Period

MAX_ENTRIES = 4096
_cache: OrderedDict[tuple, Rollup] = OrderedDict()
_lock = threading.Lock()


def data_version(session: Session) -> tuple[int, int]:
    """The newest id of a workflow event that changes what roll-ups count, and of an
    administrator's change to units or deadlines (which change completeness and timeliness);
    0 when none. One round trip."""
    counted = list(COUNTED_STATUSES)
    events = (
        select(func.max(ReportEvent.id))
        .where(or_(ReportEvent.to_status.in_(counted), ReportEvent.from_status.in_(counted)))
        .scalar_subquery()
    )
    changes = select(func.max(AdminChange.id)).scalar_subquery()
    newest_event, newest_change = session.execute(select(events, changes)).one()
    return newest_event or 0, newest_change or 0


def cached_roll_up(
    session: Session,
    catalog: Catalog,
    unit: Unit,
    period: Period,
    version: tuple[int, int] | None = None,
) -> Rollup:
    """``roll_up`` of the unit and period, from the cache when nothing changed since."""
    if version is None:
        version = data_version(session)
    key = (str(session.get_bind().url), id(catalog), unit.id, period.code, version)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    rollup = roll_up(session, catalog, unit, period)
    with _lock:
        _cache[key] = rollup
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return rollup
