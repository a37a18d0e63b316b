"""Unit and deadline administration flows shared by the admin pages and the API: the admin
reaches only the units below their own; deadlines belong to a province-wide administrator."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.errors import InputError
from cchc.storage import ancestors, children, find_unit
from cchc.storage.deadlines import clear_deadline, set_deadline, with_stored_deadlines
from cchc.storage.models import Unit, UnitClosure, User
from cchc.storage.unit_changes import PARENT_LEVELS, UnitChange, add_unit, change_unit
from cchc.text import fold
from cchc.units import Period
from cchc.units.periods import KINDS
from cchc.units.records import LEVEL_LABELS, UNIT_KINDS
from cchc.web.permissions import authorize, authorize_below, authorize_shared_setting

SEARCH_LIMIT = 50
# Levels whose reports have deadlines (the nation has none).
DEADLINE_LEVELS = ("province", "ministry", "department", "district", "commune")


@dataclass
class UnitView:
    """A unit with its place: ancestors (nearest last), children, what may be added below."""

    unit: Unit
    path: list[Unit]
    children: list[Unit]
    kinds_below: list[str] = field(default_factory=list)


def view_unit(session: Session, admin: User, key: str | None, *, ended: bool = False) -> UnitView:
    """The unit ``key`` (default: the admin's own, else the root) for administration."""
    unit = _unit(session, admin, key)
    authorize(session, admin, "admin", unit)
    below = children(session, unit)
    if not ended:
        below = [u for u in below if u.valid_to is None or u.valid_to >= date.today()]
    return UnitView(unit, list(reversed(ancestors(session, unit))), below, kinds_below(unit))


def kinds_below(unit: Unit) -> list[str]:
    """The kinds of unit that may be created directly below ``unit``."""
    return [kind for kind, level in UNIT_KINDS.items() if unit.level in PARENT_LEVELS[level]]


def search_units(session: Session, admin: User, query: str) -> list[Unit]:
    """Units the admin reaches whose name contains ``query`` (folded), or whose key or code
    is ``query``."""
    folded = fold(query)
    if not folded:
        return []
    exact = query.strip()
    statement = select(Unit).where(
        Unit.folded_name.contains(folded) | (Unit.key == exact) | (Unit.code == exact)
    )
    if admin.unit_id is not None:
        statement = statement.join(
            UnitClosure,
            (UnitClosure.descendant_id == Unit.id) & (UnitClosure.ancestor_id == admin.unit_id),
        )
    return list(session.scalars(statement.order_by(Unit.level, Unit.name).limit(SEARCH_LIMIT)))


def create_unit(session: Session, admin: User, parent_key: str, fields: dict) -> Unit:
    """A new unit below ``parent_key``, from form or JSON fields."""
    parent = find_unit(session, parent_key)
    authorize(session, admin, "admin", parent)
    return add_unit(
        session,
        parent,
        name=str(fields.get("name") or ""),
        kind=str(fields.get("kind") or ""),
        short_name=str(fields.get("short_name") or ""),
        code=(str(fields.get("code") or "").strip() or None),
        valid_from=parse_day(fields.get("valid_from"), "Ngày bắt đầu"),
        actor=admin.username,
    )


def update_unit(session: Session, admin: User, key: str, fields: dict) -> Unit:
    """Rename, recode or end the unit ``key`` (fields absent or empty are left as they are,
    except ``code``, which an empty value clears)."""
    unit = find_unit(session, key)
    authorize_below(session, admin, unit)
    successor = None
    if successor_key := str(fields.get("successor") or "").strip():
        successor = find_unit(session, successor_key)
        authorize(session, admin, "admin", successor)
    change = UnitChange(
        name=fields.get("name") or None,
        short_name=fields.get("short_name") or None,
        code=fields.get("code") if "code" in fields else None,
        valid_to=parse_day(fields.get("valid_to"), "Ngày kết thúc"),
        successor=successor,
    )
    if successor is not None and change.valid_to is None:
        raise InputError(
            "Hãy ghi ngày kết thúc hoạt động cùng với đơn vị kế thừa.", "successor without end"
        )
    return change_unit(session, unit, change, admin.username)


def parse_day(value: object, label: str) -> date | None:
    """A date from "YYYY-MM-DD" (HTML date inputs, JSON) or "DD/MM/YYYY"; empty → None."""
    text = str(value or "").strip()
    if not text:
        return None
    for parse in (date.fromisoformat, _parse_vn_date):
        try:
            return parse(text)
        except ValueError:
            continue
    raise InputError(f"{label} «{text}» không phải là một ngày hợp lệ.", f"bad date {text!r}")


def _parse_vn_date(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def _unit(session: Session, admin: User, key: str | None) -> Unit:
    if key:
        return find_unit(session, key)
    if admin.unit is not None:
        return admin.unit
    return session.scalars(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id)).first()


# --- deadlines ---


@dataclass
class PeriodDeadlines:
    """One period's window and, per level, the regime's deadline and the one in force."""

    period: Period
    regime: dict[str, date]
    in_force: dict[str, date]

    def is_set(self, level: str) -> bool:
        """True when an administrator set this level's deadline."""
        return any(set_level == level for set_level, _day in self.period.set_deadlines)


def year_deadlines(session: Session, year: int) -> list[PeriodDeadlines]:
    """Every period of ``year`` with its deadlines."""
    result = []
    for kind in KINDS:
        period = with_stored_deadlines(session, Period(year, kind))
        result.append(
            PeriodDeadlines(
                period,
                {level: period.regime_deadline_for(level) for level in DEADLINE_LEVELS},
                {level: period.deadline_for(level) for level in DEADLINE_LEVELS},
            )
        )
    return result


def update_deadlines(session: Session, admin: User, period: Period, fields: dict) -> None:
    """Set (a date) or clear (empty, null) the deadline of each level named in ``fields``."""
    _authorize_deadlines(session, admin)
    current = with_stored_deadlines(session, period)
    for level in DEADLINE_LEVELS:
        if level not in fields:
            continue
        day = parse_day(fields[level], f"Hạn gửi báo cáo ({LEVEL_LABELS[level]})")
        if day is None or day == period.regime_deadline_for(level):
            if any(set_level == level for set_level, _d in current.set_deadlines):
                clear_deadline(session, period, level, admin.username)
        elif day != current.deadline_for(level):
            set_deadline(session, period, level, day, admin.username)


def _authorize_deadlines(session: Session, admin: User) -> None:
    authorize_shared_setting(session, admin, "Hạn gửi báo cáo")
