"""`POST /api/auth/token` and `GET /api/me`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from cchc.storage.models import User
from cchc.web.accounts import change_own_password
from cchc.web.auth import ApiUser, authenticate, client_address, issue_token
from cchc.web.context import DbSession

router = APIRouter(tags=["auth"])


class Credentials(BaseModel):
    """User name and password."""

    username: str
    password: str


class TokenOut(BaseModel):
    """A bearer token for ``Authorization: Bearer …``."""

    token: str


@router.post("/auth/token", response_model=TokenOut)
def token(request: Request, credentials: Credentials, session: DbSession) -> TokenOut:
    """Exchange a user name and password for a bearer token (lockout as on the login page)."""
    address = client_address(request)
    user = authenticate(session, credentials.username, credentials.password, address)
    return TokenOut(token=issue_token(session, user))


def user_json(user: User) -> dict:
    """An account as the API shows it (never its hash)."""
    return {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "unit": user.unit.key if user.unit else None,
        "unit_name": user.unit.name if user.unit else None,
        "active": user.active,
    }


@router.get("/me")
def me(user: ApiUser) -> dict:
    """The account the token belongs to."""
    return user_json(user)


class PasswordChange(BaseModel):
    """The current password and the new one."""

    current_password: str
    new_password: str


@router.post("/me/password", status_code=204)
def change_password(body: PasswordChange, user: ApiUser, session: DbSession) -> None:
    """Change the caller's password; every API token of the account is revoked, this one too."""
    change_own_password(session, user, body.current_password, body.new_password)
