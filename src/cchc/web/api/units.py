"""Units and period deadlines in JSON (administration; the same rules as the admin pages)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from cchc.storage.models import Unit
from cchc.units import parse_period_code
from cchc.web.auth import ApiUser
from cchc.web.context import DbSession
from cchc.web.permissions import authorize
from cchc.web.unit_admin import (
    PeriodDeadlines,
    create_unit,
    search_units,
    update_deadlines,
    update_unit,
    view_unit,
    year_deadlines,
)

router = APIRouter(tags=["administration"])


class UnitIn(BaseModel):
    """A new unit below ``parent`` (key, code or name)."""

    parent: str
    name: str
    kind: str
    short_name: str = ""
    code: str | None = None
    valid_from: str | None = None


class UnitPatch(BaseModel):
    """Fields to change; absent fields stay as they are (``code: ""`` clears the code)."""

    name: str | None = None
    short_name: str | None = None
    code: str | None = None
    valid_to: str | None = None
    successor: str | None = None


def unit_json(unit: Unit) -> dict:
    """A unit as the API shows it."""
    return {
        "key": unit.key,
        "name": unit.name,
        "short_name": unit.short_name,
        "level": unit.level,
        "kind": unit.kind,
        "code": unit.code,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "origin": unit.origin,
    }


@router.get("/units")
def get_units(user: ApiUser, session: DbSession, q: str = "") -> dict:
    """Units the admin reaches whose name contains ``q`` (or whose key or code is ``q``)."""
    authorize(session, user, "admin")
    return {"units": [unit_json(u) for u in search_units(session, user, q)]}


@router.get("/units/{key}")
def get_unit(key: str, user: ApiUser, session: DbSession, ended: bool = False) -> dict:
    """A unit with its ancestors, its children and the kinds that may be added below it."""
    view = view_unit(session, user, key, ended=ended)
    return {
        **unit_json(view.unit),
        "path": [unit_json(a) for a in view.path],
        "children": [unit_json(c) for c in view.children],
        "kinds_below": view.kinds_below,
    }


@router.post("/units", status_code=201)
def post_unit(body: UnitIn, user: ApiUser, session: DbSession) -> dict:
    """Create a unit."""
    return unit_json(create_unit(session, user, body.parent, body.model_dump()))


@router.patch("/units/{key}")
def patch_unit(key: str, body: UnitPatch, user: ApiUser, session: DbSession) -> dict:
    """Rename, recode or end a unit (``valid_to`` with an optional ``successor``)."""
    return unit_json(update_unit(session, user, key, body.model_dump(exclude_unset=True)))


@router.get("/periods")
def get_periods(year: int, user: ApiUser, session: DbSession) -> dict:
    """The periods of ``year``: windows, the regime's deadlines and those in force."""
    authorize(session, user, "view")
    return {"periods": [_period_json(p) for p in year_deadlines(session, year)]}


@router.put("/periods/{code}/deadlines")
def put_deadlines(code: str, body: dict[str, str | None], user: ApiUser, session: DbSession):
    """Set deadlines per level (``{"commune": "2025-06-12"}``); null or "" restores the
    regime's."""
    period = parse_period_code(code)
    update_deadlines(session, user, period, body)
    found = [p for p in year_deadlines(session, period.year) if p.period.code == period.code]
    return _period_json(found[0])


def _period_json(p: PeriodDeadlines) -> dict:
    return {
        "code": p.period.code,
        "label": p.period.label,
        "start": p.period.start.isoformat(),
        "end": p.period.end.isoformat(),
        "deadlines": {
            level: {
                "regime": p.regime[level].isoformat(),
                "in_force": p.in_force[level].isoformat(),
                "set": p.is_set(level),
            }
            for level in p.regime
        },
    }
