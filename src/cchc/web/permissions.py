"""Who may do what, where: the one check that every page and every API route calls.

A role grants actions; each action reaches either the user's own unit or its whole subtree.
A commune clerk's subtree is the commune itself, so no commune ever sees another's data.
An admin without a unit (nationwide) reaches every unit. An admin of a unit acts only inside
its subtree: it manages accounts there but never gives wider scope than its own (no account
without a unit, no admin at or above its own unit but itself), changes units strictly below
its own, and leaves shared settings (national deadlines, the shared catalog) to a
nationwide admin.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from cchc.storage.models import Report, Unit, UnitClosure, User
from cchc.web.errors import Forbidden

Action = Literal["view", "comment", "edit", "submit", "import", "review", "aggregate", "admin"]
Scope = Literal["own", "subtree"]

RULES: dict[str, dict[str, Scope]] = {
    "reporter": {"view": "subtree", "comment": "subtree", "edit": "own", "submit": "own",
                 "import": "own"},
    "approver": {"view": "subtree", "comment": "subtree", "review": "subtree"},
    "aggregator": {"view": "subtree", "comment": "subtree", "aggregate": "subtree",
                   "edit": "own", "submit": "own", "import": "own"},
    "admin": {"view": "subtree", "comment": "subtree", "edit": "subtree", "submit": "subtree",
              "import": "subtree", "review": "subtree", "aggregate": "subtree",
              "admin": "subtree"},
}  # fmt: skip
ACTION_NAMES = {
    "view": "xem số liệu",
    "comment": "ghi ý kiến",
    "edit": "nhập số liệu",
    "submit": "nộp báo cáo",
    "import": "nhập tài liệu",
    "review": "duyệt hoặc trả lại báo cáo",
    "aggregate": "tổng hợp số liệu",
    "admin": "quản trị",
}


def authorize(session: Session, user: User, action: Action, unit: Unit | None = None) -> None:
    """Raise Forbidden unless ``user`` may do ``action`` on ``unit`` (or at all, when None)."""
    scope = RULES.get(user.role, {}).get(action)
    if scope is None:
        raise Forbidden(
            f"Tài khoản của bạn không có quyền {ACTION_NAMES[action]}.",
            f"role {user.role} may not {action}",
        )
    if unit is None or reaches(session, user, unit, scope):
        return
    raise Forbidden(
        f"Bạn không có quyền {ACTION_NAMES[action]} của {unit.name}.",
        f"{user.username} may not {action} unit {unit.key}",
    )


def allowed(session: Session, user: User, action: Action, unit: Unit | None = None) -> bool:
    """``authorize`` as a yes/no, for showing or hiding buttons."""
    try:
        authorize(session, user, action, unit)
    except Forbidden:
        return False
    return True


def reaches(session: Session, user: User, unit: Unit, scope: Scope) -> bool:
    """True when ``unit`` is the user's unit, or (subtree) lies below it."""
    if user.unit_id is None:
        return user.role == "admin"
    if unit.id == user.unit_id:
        return True
    if scope == "own":
        return False
    return bool(
        session.scalar(
            select(
                exists().where(
                    UnitClosure.ancestor_id == user.unit_id,
                    UnitClosure.descendant_id == unit.id,
                )
            )
        )
    )


def is_nationwide_admin(user: User) -> bool:
    """An admin without a unit: the only one who changes what every unit shares."""
    return user.role == "admin" and user.unit_id is None


def authorize_shared_setting(session: Session, user: User, what: str) -> None:
    """Settings every unit shares (national deadlines, the catalog) need a nationwide admin."""
    authorize(session, user, "admin")
    if not is_nationwide_admin(user):
        raise Forbidden(
            f"{what} dùng chung cho mọi đơn vị: chỉ quản trị viên toàn hệ thống mới thay đổi được.",
            f"{user.username} is not a nationwide admin",
        )


def authorize_below(session: Session, user: User, unit: Unit) -> None:
    """An admin may change ``unit`` only when it lies strictly below the admin's own unit
    (a nationwide admin: any unit)."""
    authorize(session, user, "admin", unit)
    if user.unit_id is not None and unit.id == user.unit_id:
        raise Forbidden(
            f"Đơn vị «{unit.name}» là đơn vị của chính bạn: chỉ cấp trên mới sửa được.",
            f"{user.username} may not change its own unit {unit.key}",
        )


def authorize_account(
    session: Session, admin: User, unit: Unit | None, role: str, target: User | None = None
) -> None:
    """May ``admin`` create or change an account of ``role`` in ``unit`` (``target`` when it
    exists)? Never wider than the admin's own scope."""
    authorize(session, admin, "admin")
    if is_nationwide_admin(admin) or (target is not None and target.id == admin.id):
        return
    if unit is None:
        raise Forbidden(
            "Bạn chỉ quản lý tài khoản của các đơn vị thuộc phạm vi của mình; tài khoản toàn "
            "hệ thống do quản trị viên toàn hệ thống quản lý.",
            f"{admin.username} may not manage an account without a unit",
        )
    authorize(session, admin, "admin", unit)
    if role == "admin" and unit.id == admin.unit_id:
        raise Forbidden(
            f"Tài khoản quản trị của {unit.name} do quản trị viên cấp trên quản lý.",
            f"{admin.username} may not manage an admin of its own unit",
        )


def visible_reports(user: User, statement: Select) -> Select:
    """Limit a query over ``Report`` to the reports of units the user may see."""
    if user.unit_id is None and user.role == "admin":
        return statement
    if user.unit_id is None:
        return statement.where(False)
    return statement.join(
        UnitClosure,
        (UnitClosure.descendant_id == Report.unit_id) & (UnitClosure.ancestor_id == user.unit_id),
    )
