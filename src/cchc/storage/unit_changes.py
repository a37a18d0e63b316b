"""Changes an administrator makes to the unit tree (thêm, đổi tên, giải thể đơn vị).

Units so created or changed are marked ``origin = "local"``: re-syncing the shipped unit list
(`cchc init`) leaves them as the administrator left them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cchc.errors import InputError
from cchc.storage.admin_log import record_change
from cchc.storage.models import Unit, UnitClosure, UnitSuccessor
from cchc.storage.units import children
from cchc.text import fold
from cchc.units.records import LEVEL_LABELS, UNIT_KINDS

# Which levels a unit of each level may sit under.
PARENT_LEVELS = {
    "ministry": ("nation",),
    "province": ("nation",),
    "department": ("province", "ministry"),
    "district": ("province",),
    "commune": ("district", "province"),
}


@dataclass(frozen=True)
class UnitChange:
    """What an administrator may change on a unit; ``None`` leaves a field as it is."""

    name: str | None = None
    short_name: str | None = None
    code: str | None = None
    valid_to: date | None = None
    successor: Unit | None = None


def add_unit(
    session: Session,
    parent: Unit,
    *,
    name: str,
    kind: str,
    short_name: str = "",
    code: str | None = None,
    valid_from: date | None = None,
    actor: str,
) -> Unit:
    """A new unit below ``parent``, with its place in the closure table."""
    name, level = _clean_name(name), _level_of(kind)
    if parent.level not in PARENT_LEVELS[level]:
        raise InputError(
            f"Không thể đặt một đơn vị thuộc «{LEVEL_LABELS[level]}» trực thuộc {parent.name}.",
            f"a {level} cannot sit under a {parent.level}",
        )
    _check_code_free(session, code)
    _check_name_free(session, parent, name, valid_from)
    unit = Unit(
        key=_new_key(session, parent),
        name=name,
        short_name=short_name.strip() or _strip_kind(name, kind),
        level=level,
        kind=kind,
        code=code or None,
        parent_id=parent.id,
        valid_from=valid_from,
        origin="local",
    )
    unit.folded_name = fold(unit.short_name)
    session.add(unit)
    session.flush()
    _add_closure(session, unit, parent)
    record_change(session, "unit.add", unit.key, actor, name=unit.name, parent=parent.key)
    return unit


def change_unit(session: Session, unit: Unit, change: UnitChange, actor: str) -> Unit:
    """Rename, recode or end a unit (with the unit that takes over its reports)."""
    if change.name is not None:
        unit.name = _clean_name(change.name)
    if change.short_name is not None:
        unit.short_name = change.short_name.strip() or _strip_kind(unit.name, unit.kind)
        unit.folded_name = fold(unit.short_name)
    if change.code is not None and (change.code or None) != unit.code:
        _check_code_free(session, change.code)
        unit.code = change.code or None
    if change.valid_to is not None:
        _end(session, unit, change.valid_to, change.successor)
    unit.origin = "local"
    session.flush()
    record_change(session, "unit.change", unit.key, actor, **_described(change))
    return unit


def _described(change: UnitChange) -> dict[str, str]:
    """The fields a change set, as text for the audit log."""
    fields = {
        "name": change.name,
        "short_name": change.short_name,
        "code": change.code,
        "valid_to": change.valid_to.isoformat() if change.valid_to else None,
        "successor": change.successor.key if change.successor else None,
    }
    return {key: value for key, value in fields.items() if value is not None}


def _end(session: Session, unit: Unit, valid_to: date, successor: Unit | None) -> None:
    if unit.valid_from and valid_to < unit.valid_from:
        raise InputError(
            f"Ngày kết thúc {valid_to:%d/%m/%Y} trước ngày bắt đầu {unit.valid_from:%d/%m/%Y}.",
            "valid_to before valid_from",
        )
    if any(c.valid_to is None or c.valid_to > valid_to for c in children(session, unit)):
        raise InputError(
            f"{unit.name} còn đơn vị trực thuộc đang hoạt động sau ngày {valid_to:%d/%m/%Y}; "
            "hãy kết thúc hoặc chuyển các đơn vị đó trước.",
            "unit still has active children",
        )
    if successor is not None:
        if successor.id == unit.id or successor.level != unit.level:
            raise InputError(
                f"Đơn vị kế thừa phải là một đơn vị khác, cùng «{LEVEL_LABELS[unit.level]}».",
                "successor must be another unit of the same level",
            )
        if successor.valid_to is not None and successor.valid_to <= valid_to:
            raise InputError(
                f"{successor.name} cũng kết thúc trước {valid_to:%d/%m/%Y}, không thể kế thừa.",
                "successor ends too early",
            )
        session.execute(delete(UnitSuccessor).where(UnitSuccessor.unit_id == unit.id))
        session.add(
            UnitSuccessor(
                unit_id=unit.id, successor_id=successor.id, effective=valid_to + timedelta(days=1)
            )
        )
    unit.valid_to = valid_to


def _level_of(kind: str) -> str:
    try:
        return UNIT_KINDS[kind]
    except KeyError:
        raise InputError(
            f"Loại đơn vị «{kind}» không hợp lệ; chọn một trong: {', '.join(UNIT_KINDS)}.",
            f"unknown unit kind {kind!r}",
        ) from None


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not 2 <= len(name) <= 200:
        raise InputError("Tên đơn vị phải có từ 2 đến 200 ký tự.", "bad unit name length")
    return name


def _strip_kind(name: str, kind: str) -> str:
    """ "Xã Tân An" → "Tân An" (the short name used to match documents)."""
    if fold(name).startswith(fold(kind) + " "):
        return name[len(kind) + 1 :].strip()
    return name


def _check_code_free(session: Session, code: str | None) -> None:
    if code and session.scalar(select(Unit.id).where(Unit.code == code)) is not None:
        raise InputError(f"Mã hành chính «{code}» đã được dùng.", f"code {code} in use")


def _check_name_free(session: Session, parent: Unit, name: str, valid_from: date | None) -> None:
    """No two units of the same name below one parent at the same time."""
    start = valid_from or date.min
    same = [
        u
        for u in children(session, parent)
        if fold(u.name) == fold(name) and (u.valid_to is None or u.valid_to >= start)
    ]
    if same:
        raise InputError(
            f"{parent.name} đã có đơn vị «{same[0].name}» ({same[0].key}).",
            "a sibling already has this name",
        )


def _new_key(session: Session, parent: Unit) -> str:
    prefix = f"{parent.key}.u"
    taken = session.scalar(select(func.count()).where(Unit.key.like(prefix + "%")))
    number = (taken or 0) + 1
    while session.scalar(select(Unit.id).where(Unit.key == f"{prefix}{number}")) is not None:
        number += 1
    return f"{prefix}{number}"


def _add_closure(session: Session, unit: Unit, parent: Unit) -> None:
    above = session.execute(
        select(UnitClosure.ancestor_id, UnitClosure.depth).where(
            UnitClosure.descendant_id == parent.id
        )
    ).all()
    session.add(UnitClosure(ancestor_id=unit.id, descendant_id=unit.id, depth=0))
    for ancestor_id, depth in above:
        session.add(UnitClosure(ancestor_id=ancestor_id, descendant_id=unit.id, depth=depth + 1))
    session.flush()
