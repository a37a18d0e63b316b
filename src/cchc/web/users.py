"""Account administration flows shared by the admin page and the API."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.errors import InputError, NotFoundError
from cchc.storage import find_unit
from cchc.storage.models import Unit, UnitClosure, User
from cchc.web.accounts import create_user, forget_attempts, set_password
from cchc.web.permissions import authorize, authorize_account


def list_accounts(session: Session, admin: User) -> list[User]:
    """Accounts of the units the admin reaches (all for an admin without a unit)."""
    authorize(session, admin, "admin")
    statement = select(User).order_by(User.username)
    if admin.unit_id is not None:
        statement = statement.join(
            UnitClosure,
            (UnitClosure.descendant_id == User.unit_id)
            & (UnitClosure.ancestor_id == admin.unit_id),
        )
    return list(session.scalars(statement))


def create_account(session: Session, admin: User, fields: dict) -> User:
    """A new account in a unit the admin reaches."""
    unit_key = (fields.get("unit") or "").strip() or None
    unit: Unit | None = find_unit(session, unit_key) if unit_key else None
    authorize_account(session, admin, unit, str(fields.get("role", "")))
    return create_user(
        session,
        username=fields.get("username", ""),
        password=fields.get("password", ""),
        role=fields.get("role", ""),
        unit_key=unit.key if unit else None,
        full_name=fields.get("full_name", ""),
    )


def set_active(session: Session, admin: User, target: User | None, active: bool) -> None:
    """Lock (deactivate) or unlock an account."""
    _authorize_target(session, admin, target)
    assert target is not None
    if target.id == admin.id and not active:
        raise InputError("Bạn không thể tự khóa tài khoản của mình.", "an admin locking itself")
    target.active = active
    forget_attempts(session, target)


def reset_password(session: Session, admin: User, target: User | None, password: str) -> None:
    """An admin gives an account in their reach a new password (and unlocks it)."""
    _authorize_target(session, admin, target)
    assert target is not None
    set_password(session, target, password)


def _authorize_target(session: Session, admin: User, target: User | None) -> None:
    """The account exists and lies within the admin's scope."""
    authorize(session, admin, "admin")
    if target is None:
        raise NotFoundError("Không có tài khoản này.", "unknown user")
    authorize_account(session, admin, target.unit, target.role, target)
