"""Finding units in the stored tree: by id, key, official code or name, with clear ambiguity."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from cchc.errors import NotFoundError
from cchc.storage.models import Unit, UnitClosure
from cchc.text import fold

LEVEL_RANK = {
    "nation": 0,
    "ministry": 1,
    "province": 1,
    "department": 2,
    "district": 2,
    "commune": 3,
}
_KIND_PREFIXES = {
    "thanh pho truc thuoc trung uong": "province",
    "tinh": "province",
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "thanh pho": None,
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
    "so": "department",
    "bo": "ministry",
    "ubnd": None,
    "uy ban nhan dan": None,
}
CODE_LENGTHS = (2, 3, 5)  # official codes: province, district, commune (mã hành chính)
_PREFIX = re.compile(
    r"^(" + "|".join(sorted(map(re.escape, _KIND_PREFIXES), key=len, reverse=True)) + r")\s+"
)


def find_unit(session: Session, query: str, *, on: date | None = None) -> Unit:
    """The one unit that ``query`` names — by key ("p24"), official code ("24", "07201"; a
    code that lost its leading zeros in a spreadsheet, "7201", when only one unit fits) or
    name ("tỉnh Bắc Giang", "huyện Tứ Kỳ, Hải Dương"), never by a database row id. ``on``
    prefers units valid on that day."""
    text = query.strip()
    by_key = _by_key_or_code(session, text, on)
    if by_key is not None:
        return by_key
    candidates = _by_name(session, text)
    if on is not None:
        valid = [u for u in candidates if _valid_on(u, on)]
        candidates = valid or candidates
    if len(candidates) > 1 and not _PREFIX.match(fold(text.split(",")[0])):
        top = min(LEVEL_RANK[u.level] for u in candidates)
        candidates = [u for u in candidates if LEVEL_RANK[u.level] == top]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFoundError(
            f"Không tìm thấy đơn vị «{query}». Hãy dùng mã đơn vị, mã hành chính hoặc tên.",
            f"no unit matches {query!r}",
        )
    listed = "; ".join(f"{u.key} — {describe(session, u)}" for u in candidates[:6])
    raise NotFoundError(
        f"Tên «{query}» ứng với {len(candidates)} đơn vị: {listed}. Hãy ghi rõ hơn "
        "(ví dụ thêm tên tỉnh sau dấu phẩy) hoặc dùng mã đơn vị.",
        f"{query!r} is ambiguous: {len(candidates)} units",
    )


def _by_key_or_code(session: Session, text: str, on: date | None) -> Unit | None:
    by_key = session.scalar(select(Unit).where(Unit.key == text))
    if by_key is not None:
        return by_key
    exact = list(session.scalars(select(Unit).where(Unit.code == text)))
    if not exact and text.isascii() and text.isdigit() and len(text) < max(CODE_LENGTHS):
        padded = [text.zfill(n) for n in CODE_LENGTHS if n > len(text)]
        exact = list(session.scalars(select(Unit).where(Unit.code.in_(padded))))
    if len(exact) > 1:  # an old and a new unit may share a code: the one in force wins
        exact = [u for u in exact if _valid_on(u, on or date.today())] or exact
    if len(exact) > 1:
        listed = "; ".join(f"{u.key} — {describe(session, u)}" for u in exact[:6])
        raise NotFoundError(
            f"Mã «{text}» ứng với {len(exact)} đơn vị: {listed}. Hãy ghi đủ mã (kể cả số 0 ở "
            "đầu) hoặc dùng mã đơn vị.",
            f"code {text!r} is ambiguous: {len(exact)} units",
        )
    return exact[0] if exact else None


def _by_name(session: Session, text: str) -> list[Unit]:
    head, *qualifiers = [fold(part) for part in text.split(",")]
    level = None
    match = _PREFIX.match(head)
    if match:
        level = _KIND_PREFIXES[match.group(1)]
        head = head[match.end() :]
    statement = select(Unit).where(Unit.folded_name == head)
    if level:
        statement = statement.where(Unit.level == level)
    units = list(session.scalars(statement))
    for qualifier in qualifiers:
        qualifier = _PREFIX.sub("", qualifier)
        units = [u for u in units if qualifier in _ancestor_names(session, u)]
    return units


def _ancestor_names(session: Session, unit: Unit) -> set[str]:
    return {fold(a.short_name) for a in ancestors(session, unit)}


def _valid_on(unit: Unit, day: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or day <= unit.valid_to
    )


def ancestors(session: Session, unit: Unit) -> list[Unit]:
    """The unit's ancestors, nearest first (not the unit itself)."""
    ancestor = aliased(Unit)
    return list(
        session.scalars(
            select(ancestor)
            .join(UnitClosure, UnitClosure.ancestor_id == ancestor.id)
            .where(UnitClosure.descendant_id == unit.id, UnitClosure.depth > 0)
            .order_by(UnitClosure.depth)
        )
    )


def children(session: Session, unit: Unit, *, on: date | None = None) -> list[Unit]:
    """Direct children of a unit, valid on ``on`` when given."""
    rows = session.scalars(select(Unit).where(Unit.parent_id == unit.id).order_by(Unit.key))
    return [u for u in rows if on is None or _valid_on(u, on)]


def describe(session: Session, unit: Unit) -> str:
    """ "Huyện Tứ Kỳ, Tỉnh Hải Dương (đến 30/06/2025)" — a unit named with its place."""
    place = [a.name for a in ancestors(session, unit) if a.level not in ("nation",)]
    text = ", ".join([unit.name, *place[:1]])
    if unit.valid_to:
        text += f" (đến {unit.valid_to:%d/%m/%Y})"
    elif unit.valid_from:
        text += f" (từ {unit.valid_from:%d/%m/%Y})"
    return text
