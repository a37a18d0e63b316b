"""Who is asking: login with lockout, the signed session cookie, CSRF tokens, API tokens.

Pages use the session cookie (Starlette's signed SessionMiddleware) and a CSRF token per
session, checked on every POST form and HTMX request. The API uses bearer tokens, stored
hashed in ``api_tokens``; it never reads the cookie, so it needs no CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.storage.models import ApiToken, User
from cchc.web.accounts import verify_password
from cchc.web.context import DbSession
from cchc.web.errors import CsrfError, LockedOut, LoginFailed, Unauthenticated

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
TOKEN_LIFETIME = timedelta(days=30)
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Verified against when the user name is unknown, so that both cases take as long.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$9kvwK7we9pmmqA8ujHpl5g$"
    "nPfngcV5yawiQhmhx+DDwNEjAM+0l3gfcSEMFAFgvuk"
)


def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with this name and password; five failures lock it for 15 minutes."""
    now = datetime.now()
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        raise LoginFailed("Sai tên đăng nhập hoặc mật khẩu.", "bad credentials")
    if user.locked_until and user.locked_until > now:
        raise _locked(user.locked_until, now)
    if not verify_password(user.password_hash, password):
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= MAX_FAILURES:
            user.failed_logins, user.locked_until = 0, now + LOCKOUT
            raise _locked(user.locked_until, now)
        left = MAX_FAILURES - user.failed_logins
        raise LoginFailed(
            f"Sai tên đăng nhập hoặc mật khẩu (còn {left} lần thử trước khi tài khoản bị khóa "
            f"{LOCKOUT.seconds // 60} phút).",
            "bad credentials",
        )
    user.failed_logins, user.locked_until = 0, None
    return user


def _locked(until: datetime, now: datetime) -> LockedOut:
    minutes = max(1, round((until - now).total_seconds() / 60))
    return LockedOut(
        f"Tài khoản tạm khóa do đăng nhập sai nhiều lần; hãy thử lại sau {minutes} phút.",
        "account locked after repeated failures",
    )


# --- sessions and CSRF (pages) ---


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def start_session(request: Request, user: User) -> None:
    """A fresh session for ``user`` (new CSRF token: no fixation)."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)


def end_session(request: Request) -> None:
    """Log out."""
    request.session.clear()


async def check_csrf(request: Request) -> None:
    """Refuse a POST form or HTMX request that does not carry the session's token."""
    if request.method not in _UNSAFE:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(expected, sent):
        raise CsrfError(
            "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang và thử lại.",
            "missing or wrong CSRF token",
        )


def session_user(request: Request, session: DbSession) -> User:
    """The logged-in user of a page; unauthenticated → the login page."""
    uid = request.session.get("uid")
    user = session.get(User, uid) if isinstance(uid, int) else None
    if user is None or not user.active:
        raise Unauthenticated("Hãy đăng nhập để tiếp tục.", "login required")
    return user


# --- API tokens ---


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User) -> str:
    """A new bearer token for ``user``; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            user_id=user.id,
            token_hash=_digest(token),
            expires_at=datetime.now() + TOKEN_LIFETIME,
        )
    )
    session.flush()
    return token


def token_user(request: Request, session: DbSession) -> User:
    """The user of an API request (``Authorization: Bearer …``); 401 otherwise."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated(
            "Cần mã truy cập (Authorization: Bearer …); lấy mã tại POST /api/auth/token.",
            "missing bearer token",
        )
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token.strip())))
    user = session.get(User, row.user_id) if row and row.expires_at > datetime.now() else None
    if user is None or not user.active:
        raise Unauthenticated("Mã truy cập không hợp lệ hoặc đã hết hạn.", "invalid token")
    return user


PageUser = Annotated[User, Depends(session_user)]
ApiUser = Annotated[User, Depends(token_user)]
