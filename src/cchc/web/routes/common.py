"""What page routes share: the router with CSRF checks, rendering a page for a user."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from cchc.storage.models import User
from cchc.web.auth import check_csrf
from cchc.web.context import web_state


def page_router() -> APIRouter:
    """A router of HTML pages: every POST must carry the session's CSRF token."""
    return APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


def render(
    request: Request, name: str, user: User | None = None, status: int = 200, **context: Any
) -> HTMLResponse:
    """Render a template with the user, the request and ``context``."""
    templates = web_state(request).templates
    return templates.TemplateResponse(request, name, {"user": user, **context}, status_code=status)


def is_htmx(request: Request) -> bool:
    """True for a request made by HTMX (it wants a fragment)."""
    return request.headers.get("HX-Request") == "true"


def redirect(url: str) -> Response:
    """See-other redirect after a form POST."""
    return RedirectResponse(url, status_code=303)
