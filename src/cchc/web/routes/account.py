"""The user's own account (tài khoản của tôi): who they are, changing their password."""

from __future__ import annotations

from fastapi import Request

from cchc.errors import CchcError
from cchc.web.accounts import MIN_PASSWORD, change_own_password
from cchc.web.auth import PageUser, start_session
from cchc.web.context import DbSession, FormData
from cchc.web.routes.common import page_router, redirect, render

router = page_router()


@router.get("/account")
def account_page(request: Request, user: PageUser):
    """The account's details and the change-password form."""
    changed = request.query_params.get("changed") == "1"
    return render(request, "account.html", user, error=None, changed=changed, min=MIN_PASSWORD)


@router.post("/account/password")
def change_password(request: Request, form: FormData, user: PageUser, session: DbSession):
    """Change the password; a wrong current password or a short new one is said plainly."""
    try:
        change_own_password(
            session, user, form.get("current", ""), form.get("new", ""), form.get("repeat", "")
        )
    except CchcError as exc:
        session.rollback()
        return render(request, "account.html", user, status=exc.http_status,
                      error=exc.message_vi, changed=False, min=MIN_PASSWORD)  # fmt: skip
    start_session(request, session, user)  # every other session ended; this browser stays in
    return redirect("/account?changed=1")
