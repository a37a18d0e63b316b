"""Accounts in JSON (admins only)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from cchc.storage.models import User
from cchc.web.api.auth import user_json
from cchc.web.auth import ApiUser
from cchc.web.context import DbSession
from cchc.web.users import create_account, list_accounts, reset_password

router = APIRouter(prefix="/users", tags=["users"])


class UserIn(BaseModel):
    """A new account."""

    username: str
    password: str
    role: str
    unit: str | None = None
    full_name: str = ""


@router.get("")
def get_users(user: ApiUser, session: DbSession) -> dict:
    """Accounts the admin manages."""
    return {"users": [user_json(u) for u in list_accounts(session, user)]}


@router.post("", status_code=201)
def post_user(body: UserIn, user: ApiUser, session: DbSession):
    """Create an account."""
    return user_json(create_account(session, user, body.model_dump()))


class PasswordIn(BaseModel):
    """A new password."""

    password: str


@router.post("/{user_id}/password", status_code=204)
def post_password(user_id: int, body: PasswordIn, user: ApiUser, session: DbSession) -> None:
    """Give an account a new password (unlocks it, revokes its API tokens)."""
    reset_password(session, user, session.get(User, user_id), body.password)
