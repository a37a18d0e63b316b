"""Login and logout pages."""

from __future__ import annotations

from fastapi import Request

from cchc.web.auth import authenticate, client_address, csrf_token, end_session, start_session
from cchc.web.context import DbSession, FormData
from cchc.web.errors import LoginFailed
from cchc.web.routes.common import page_router, redirect, render

router = page_router()


def _safe_next(target: str | None) -> str:
    """Only redirect within the app after logging in."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


@router.get("/login")
def login_page(request: Request, next: str = "/"):
    """The login form."""
    csrf_token(request)
    return render(request, "login.html", next=_safe_next(next))


@router.post("/login")
def login(request: Request, form: FormData, session: DbSession):
    """Check the password (lockout after repeated failures) and start a session."""
    username = form.get("username", "")
    try:
        user = authenticate(session, username, form.get("password", ""), client_address(request))
    except LoginFailed as exc:
        return render(
            request,
            "login.html",
            status=exc.http_status,
            error=exc.message_vi,
            username=username,
            next=_safe_next(form.get("next")),
        )
    start_session(request, session, user)
    return redirect(_safe_next(form.get("next")))


@router.post("/logout")
def logout(request: Request, session: DbSession):
    """End the session (its cookie, wherever copied, no longer works)."""
    end_session(request, session)
    return redirect("/login")
