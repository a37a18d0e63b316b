"""Administration: accounts (tạo tài khoản, khóa, mở khóa)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select

from cchc.errors import CchcError
from cchc.storage.models import User
from cchc.web.auth import PageUser
from cchc.web.context import DbSession, FormData
from cchc.web.routes.common import page_router, redirect, render
from cchc.web.users import create_account, list_accounts, reset_password, set_active

router = page_router()


@router.get("/admin/users")
def users_page(request: Request, user: PageUser, session: DbSession):
    """Every account the admin manages, and a form to create one."""
    return render(request, "admin_users.html", user, nav="admin",
                  users=list_accounts(session, user), error=None, form={},
                  reset=request.query_params.get("reset"))  # fmt: skip


@router.post("/admin/users")
def create_user_page(
    request: Request,
    form: FormData,
    user: PageUser,
    session: DbSession,
):
    """Create an account; errors are shown above the form, the typed fields kept."""
    try:
        create_account(session, user, form)
    except CchcError as exc:
        session.rollback()
        return render(
            request, "admin_users.html", user, status=exc.http_status, nav="admin",
            users=list_accounts(session, user), error=exc.message_vi, form=form,
        )  # fmt: skip
    return redirect("/admin/users")


@router.post("/admin/users/{user_id}/active")
def toggle_user(
    user_id: int,
    form: FormData,
    user: PageUser,
    session: DbSession,
):
    """Lock or unlock an account (unlocking also clears a lockout)."""
    target = session.scalar(select(User).where(User.id == user_id))
    set_active(session, user, target, form.get("active") == "1")
    return redirect("/admin/users")


@router.post("/admin/users/{user_id}/password")
def reset_user_password(
    request: Request,
    user_id: int,
    form: FormData,
    user: PageUser,
    session: DbSession,
):
    """Give an account a new password (it is also unlocked)."""
    target = session.scalar(select(User).where(User.id == user_id))
    try:
        reset_password(session, user, target, form.get("password", ""))
    except CchcError as exc:
        session.rollback()
        return render(
            request, "admin_users.html", user, status=exc.http_status, nav="admin",
            users=list_accounts(session, user), error=exc.message_vi, form={},
        )  # fmt: skip
    return redirect(f"/admin/users?reset={target.username}")
