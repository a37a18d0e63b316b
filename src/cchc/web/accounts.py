"""Accounts (tài khoản): password hashes, creating users, the first admin of `cchc init`."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from cchc.errors import InputError
from cchc.storage import find_unit, transaction
from cchc.storage.models import ApiToken, LoginAttempt, User, WebSession
from cchc.text import check_length

ROLES = {
    "reporter": "Cán bộ báo cáo",
    "approver": "Người duyệt",
    "aggregator": "Cán bộ tổng hợp",
    "admin": "Quản trị hệ thống",
}
MIN_PASSWORD = 8
MAX_PASSWORD = 200  # hashing a megabyte-long "password" would be work for nothing
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches the stored hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    unit_key: str | None = None,
    full_name: str = "",
) -> User:
    """A new account; clear errors for a taken name, a short password, an unknown role."""
    username = username.strip().lower()
    check_length(full_name, 200, "Họ tên")
    check_length(password, MAX_PASSWORD, "Mật khẩu")
    if not _USERNAME.match(username):
        raise InputError(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang (2–80 ký tự).",
            "bad username",
        )
    if role not in ROLES:
        raise InputError(f"Vai trò «{role}» không hợp lệ.", f"unknown role {role!r}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.", "password too short")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise InputError(f"Tên đăng nhập «{username}» đã có.", "username taken")
    unit = find_unit(session, unit_key) if unit_key else None
    if unit is None and role != "admin":
        raise InputError("Tài khoản này cần gắn với một đơn vị.", "a unit is required")
    user = User(
        username=username,
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        role=role,
        unit_id=unit.id if unit else None,
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """Give ``user`` a new password: lockout cleared, every session and API token of the
    account ended (a copied cookie or token stops working at once)."""
    if len(password) < MIN_PASSWORD:
        raise InputError(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.", "password too short")
    check_length(password, MAX_PASSWORD, "Mật khẩu")
    user.password_hash = hash_password(password)
    forget_attempts(session, user)
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    session.flush()


def forget_attempts(session: Session, user: User) -> None:
    """Drop the account's recorded login attempts, from every address (unlocks it)."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.username == user.username))


def change_own_password(
    session: Session, user: User, current: str, new: str, repeated: str | None = None
) -> None:
    """The user changes their password: the current one must be right, the new one new."""
    if not verify_password(user.password_hash, current):
        raise InputError("Mật khẩu hiện tại không đúng.", "wrong current password")
    if repeated is not None and new != repeated:
        raise InputError("Hai lần nhập mật khẩu mới không giống nhau.", "passwords differ")
    if new == current:
        raise InputError("Mật khẩu mới phải khác mật khẩu hiện tại.", "password unchanged")
    set_password(session, user, new)


def ensure_first_admin(engine: Engine, env: dict[str, str]) -> tuple[str, str | None] | None:
    """Create the first admin when there is no account yet: ``CCHC_ADMIN_USER`` /
    ``CCHC_ADMIN_PASSWORD``, or user ``admin`` with a generated password, returned once so
    that it can be printed. None when accounts exist already."""
    with transaction(engine) as session:
        if session.scalar(select(User.id).limit(1)) is not None:
            return None
        username = env.get("CCHC_ADMIN_USER") or "admin"
        given = env.get("CCHC_ADMIN_PASSWORD")
        password = given or secrets.token_urlsafe(12)
        create_user(
            session,
            username=username,
            password=password,
            role="admin",
            full_name="Quản trị hệ thống",
        )
        return username, None if given else password
