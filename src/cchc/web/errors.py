"""Errors of the web surface and the one handler that shows every error: a Vietnamese HTML
page for people, ``{"error": {"code", "message", "message_en"}}`` for `/api/` paths."""

from __future__ import annotations

import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cchc.errors import CchcError, ConflictError
from cchc.storage.models import User

log = logging.getLogger("cchc.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
_CODES |= {405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid_input"}
_CODES |= {423: "locked", 428: "precondition_required", 429: "locked", 500: "internal_error"}
_HTTP_MESSAGES = {
    404: ("Không tìm thấy trang hoặc dữ liệu này.", "not found"),
    405: ("Thao tác này không được hỗ trợ ở địa chỉ này.", "method not allowed"),
    413: ("Dữ liệu gửi lên quá lớn.", "request body too large"),
}


class Unauthenticated(CchcError):
    """No valid session or bearer token (chưa đăng nhập)."""

    http_status = 401


class Forbidden(CchcError):
    """The account may not do this, or not for this unit (không có quyền)."""

    http_status = 403


class CsrfError(Forbidden):
    """A form or HTMX request without the session's CSRF token."""


class LoginFailed(CchcError):
    """Wrong user name or password, or an account locked after repeated failures."""

    http_status = 401


class LockedOut(LoginFailed):
    """Too many failed logins: the account waits before it can try again."""

    http_status = 429


def error_code(error: CchcError) -> str:
    """A stable machine code for the JSON shape: ``not_found``, ``conflict``…"""
    return _CODES.get(error.http_status, "error")


def is_api(request: Request) -> bool:
    """True for the JSON API (and the OpenAPI document)."""
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_json(
    status: int, code: str, message: str, message_en: str, details: dict | None = None
) -> JSONResponse:
    """The API's one error shape (``current``: what is stored now, after a conflict)."""
    body: dict = {"error": {"code": code, "message": message, "message_en": message_en}}
    if details:
        body["error"]["current"] = details
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _html(request: Request, status: int, message: str) -> Response:
    state = request.app.state.cchc
    context = {"status": status, "message": message}
    if request.headers.get("HX-Request"):  # shown in the page's message area (base.html)
        response = state.templates.TemplateResponse(
            request, "_error.html", context, status_code=status
        )
        response.headers.update({"HX-Retarget": "#hx-error", "HX-Reswap": "innerHTML"})
        return response
    with state.sessions() as session:  # the page keeps its navigation for a logged-in user
        context["user"] = _logged_in(request, session)
        return state.templates.TemplateResponse(request, "error.html", context, status_code=status)


def _logged_in(request: Request, session: Session) -> User | None:
    """The session's user when there is one (no error when there is not)."""
    from cchc.web.auth import logged_in_user  # auth raises the errors defined here

    try:
        return logged_in_user(request, session)
    except SQLAlchemyError:  # the error being shown may be the database's own
        return None


def _respond(
    request: Request,
    status: int,
    code: str,
    message: str,
    message_en: str,
    details: dict | None = None,
) -> Response:
    if is_api(request):
        return error_json(status, code, message, message_en, details)
    return _html(request, status, message)


async def handle_cchc_error(request: Request, exc: Exception) -> Response:
    """A CchcError: its status, its Vietnamese message; pages needing a login redirect there."""
    assert isinstance(exc, CchcError)
    if isinstance(exc, Unauthenticated) and not is_api(request):
        target = "/login?next=" + quote(str(request.url.path))
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    details = exc.details if isinstance(exc, ConflictError) else None
    return _respond(
        request, exc.http_status, error_code(exc), exc.message_vi, exc.message_en, details
    )


async def handle_http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (unknown path, wrong method) in the same shapes."""
    assert isinstance(exc, StarletteHTTPException)
    message, message_en = _HTTP_MESSAGES.get(exc.status_code, ("Yêu cầu không hợp lệ.", "error"))
    code = _CODES.get(exc.status_code, "error")
    return _respond(request, exc.status_code, code, message, str(exc.detail or message_en))


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """A request whose fields do not fit (FastAPI's 422) in the same shapes."""
    assert isinstance(exc, RequestValidationError)
    fields = ", ".join(".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors())
    message = f"Dữ liệu gửi lên không hợp lệ ({fields or 'không rõ trường'})."
    return _respond(request, 422, "invalid_input", message, f"invalid request: {fields}")


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    """Anything else: logged with its traceback, shown as a short apology."""
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    message = "Đã có lỗi ngoài dự kiến. Số liệu đã lưu không bị ảnh hưởng; hãy thử lại."
    return _respond(request, 500, "internal_error", message, "internal error")


class TooLargeInOurShape:
    """ASGI middleware: the request-body limit's own plain "413 Content Too Large" (sent by
    Starlette before any route runs) is answered in the app's error shapes instead."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced = False

        async def reshape(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == 413:
                replaced = True
                request = Request(scope)
                message_vi, message_en = _HTTP_MESSAGES[413]
                response = _respond(request, 413, "too_large", message_vi, message_en)
                await response(scope, receive, send)
                return
            if not replaced:
                await send(message)

        await self.app(scope, receive, reshape)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the handlers above."""
    app.add_exception_handler(CchcError, handle_cchc_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected)
