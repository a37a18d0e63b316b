"""Who is asking: login with lockout, server-side sessions, CSRF tokens, API tokens.

Pages use a signed session cookie (Starlette's SessionMiddleware) that carries a random
session id and a CSRF token; the session itself lives in ``web_sessions``, so logging out or a
password change ends it at once, wherever the cookie was copied. The API uses bearer tokens,
stored hashed in ``api_tokens``; it never reads the cookie, so it needs no CSRF token.

Lockout counts attempts by the name typed and the client's address (and by address alone),
recorded before the password is checked: concurrent guesses are all counted, nobody can lock
an account out for everyone else, and unknown names answer exactly as known ones do.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cchc.storage.models import ApiToken, LoginAttempt, User, WebSession
from cchc.web.accounts import MAX_PASSWORD, verify_password
from cchc.web.context import DbSession
from cchc.web.errors import CsrfError, LockedOut, LoginFailed, Unauthenticated

MAX_ATTEMPTS = 5  # per name and address within the window
MAX_ADDRESS_ATTEMPTS = 20  # per address, whatever the names
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=10)
TOKEN_LIFETIME = timedelta(days=30)
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Verified against when the user name is unknown, so that both cases take as long.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$9kvwK7we9pmmqA8ujHpl5g$"
    "nPfngcV5yawiQhmhx+DDwNEjAM+0l3gfcSEMFAFgvuk"
)
_FAILED = "Sai tên đăng nhập hoặc mật khẩu."


def client_address(request: Request) -> str:
    """The client's address as the server sees it (behind a proxy, uvicorn's proxy headers)."""
    return (request.client.host if request.client else "") or "unknown"


def authenticate(session: Session, username: str, password: str, address: str) -> User:
    """The active user with this name and password. The attempt is committed before the
    password is checked; five attempts from one address at one name (or twenty from one
    address) within 15 minutes lock that address out of that name (or of all) for the rest
    of the window. Unknown names get the same answers, in the same time."""
    name, address = username.strip().lower()[:80], address[:64]
    now = datetime.now()
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - LOCKOUT))
    session.add(LoginAttempt(username=name, address=address, at=now))
    session.commit()  # visible to every concurrent attempt before any password is checked
    by_name, by_address = _recent_attempts(session, name, address, now)
    if by_name > MAX_ATTEMPTS or by_address > MAX_ADDRESS_ATTEMPTS:
        raise _locked(session, name, address, now)
    user = session.scalar(select(User).where(User.username == name))
    password = password[: MAX_PASSWORD + 1]  # never hash more than any password can be
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        user = None
    elif not verify_password(user.password_hash, password):
        user = None
    if user is None:
        if by_name == MAX_ATTEMPTS or by_address == MAX_ADDRESS_ATTEMPTS:
            raise _locked(session, name, address, now)
        raise LoginFailed(_FAILED, "bad credentials")
    session.execute(
        delete(LoginAttempt).where(LoginAttempt.username == name, LoginAttempt.address == address)
    )
    return user


def _recent_attempts(session: Session, name: str, address: str, now: datetime) -> tuple[int, int]:
    since = LoginAttempt.at >= now - LOCKOUT
    by_address = session.scalar(select(func.count()).where(LoginAttempt.address == address, since))
    by_name = session.scalar(
        select(func.count()).where(
            LoginAttempt.address == address, LoginAttempt.username == name, since
        )
    )
    return int(by_name or 0), int(by_address or 0)


def _locked(session: Session, name: str, address: str, now: datetime) -> LockedOut:
    oldest = session.scalar(
        select(func.min(LoginAttempt.at)).where(
            LoginAttempt.address == address, LoginAttempt.at >= now - LOCKOUT
        )
    )
    minutes = max(1, round(((oldest or now) + LOCKOUT - now).total_seconds() / 60))
    return LockedOut(
        "Đăng nhập sai quá nhiều lần: máy của bạn tạm thời không đăng nhập được tài khoản này; "
        f"hãy thử lại sau {minutes} phút.",
        "too many login attempts from this address",
    )


# --- sessions and CSRF (pages) ---


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def start_session(request: Request, session: Session, user: User) -> None:
    """A fresh session for ``user`` (new id and CSRF token: no fixation)."""
    end_session(request, session)
    sid = secrets.token_urlsafe(32)
    now = datetime.now()
    session.add(
        WebSession(
            id=_digest(sid), user_id=user.id, created_at=now, expires_at=now + SESSION_LIFETIME
        )
    )
    request.session["sid"] = sid
    request.session["csrf"] = secrets.token_urlsafe(32)


def end_session(request: Request, session: Session) -> None:
    """Log out: the stored session is deleted, the cookie emptied."""
    sid = request.session.get("sid")
    if isinstance(sid, str):
        session.execute(delete(WebSession).where(WebSession.id == _digest(sid)))
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
    user = logged_in_user(request, session)
    if user is None:
        raise Unauthenticated("Hãy đăng nhập để tiếp tục.", "login required")
    return user


def logged_in_user(request: Request, session: Session) -> User | None:
    """The user of the request's session when it is live (not ended, not expired)."""
    sid = request.session.get("sid") if "session" in request.scope else None
    if not isinstance(sid, str):
        return None
    row = session.get(WebSession, _digest(sid))
    if row is None or row.expires_at <= datetime.now():
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


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
