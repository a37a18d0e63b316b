"""Account administration flows shared by the admin page and the API."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.errors import NotFoundError
from cchc.storage import find_unit
from cchc.storage.models import Unit, UnitClosure, User
from cchc.web.accounts import create_user, set_password
from cchc.web.permissions import authorize


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
    authorize(session, admin, "admin", unit or admin.unit)
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
    if target is None:
        raise NotFoundError("Không có tài khoản này.", "unknown user")
    authorize(session, admin, "admin", target.unit or admin.unit)
    target.active = active
    target.failed_logins, target.locked_until = 0, None


def reset_password(session: Session, admin: User, target: User | None, password: str) -> None:
    """An admin gives an account in their reach a new password (and unlocks it)."""
    if target is None:
        raise NotFoundError("Không có tài khoản này.", "unknown user")
    authorize(session, admin, "admin", target.unit or admin.unit)
    set_password(session, target, password)
