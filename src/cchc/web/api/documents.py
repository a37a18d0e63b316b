"""Imports and their review in JSON, and report downloads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response, UploadFile
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from cchc.values import display_value
from cchc.web.auth import ApiUser
from cchc.web.context import DbSession, web_state
from cchc.web.downloads import render_download
from cchc.web.imports import MAX_UPLOAD, apply_review, document_for, import_uploads, review_items
from cchc.web.places import ApiViewablePlace
from cchc.web.reports import current_values
from cchc.web.routes.downloads import download_response
from cchc.web.versions import base_from_header, etag

router = APIRouter(tags=["documents"])


class Decision(BaseModel):
    """accept (keep the value read), correct (with ``value``) or reject (clear it)."""

    action: str
    value: str | None = None


class ReviewIn(BaseModel):
    """Decisions by indicator key."""

    decisions: dict[str, Decision]


@router.post("/imports", max_body_size=MAX_UPLOAD)
async def post_imports(
    request: Request,
    files: list[UploadFile],
    user: ApiUser,
    session: DbSession,
    unit: str | None = None,
    period: str | None = None,
) -> dict:
    """Import one or many documents (multipart field ``files``), each on its own."""
    uploads = [(f.filename or "tai-lieu", await f.read()) for f in files]
    state = web_state(request)
    session.commit()  # the request's connection goes back to the pool during the reading
    outcomes = await run_in_threadpool(
        import_uploads, state.sessions, state.catalog, user.id, uploads, unit, period
    )
    return {
        "imports": [
            {"file": o.file_name, "ok": o.ok, "message": o.message, "document": o.document_id,
             "report": o.path.removeprefix("/reports/") if o.path else None}
            for o in outcomes
        ]
    }  # fmt: skip


@router.get("/documents/{document_id}")
def get_document(
    request: Request,
    response: Response,
    document_id: int,
    user: ApiUser,
    session: DbSession,
) -> dict:
    """A document: its text, restored text, what was read, and the values to review; the
    ETag is the version of its report."""
    document, place = document_for(session, web_state(request).catalog, user, document_id)
    response.headers["ETag"] = etag(place.version)
    current = {k: display_value(v) for k, v in current_values(session, place).items()}
    return {
        "id": document.id,
        "file_name": document.file_name,
        "report": place.path.removeprefix("/reports/"),
        "version": place.version,
        "text": document.text,
        "restored_text": document.restored_text,
        "extraction": document.extraction,
        "review": [item.__dict__ for item in review_items(document, place, current)],
    }


@router.post("/documents/{document_id}/review")
def post_review(
    request: Request,
    response: Response,
    document_id: int,
    body: ReviewIn,
    user: ApiUser,
    session: DbSession,
    if_match: Annotated[str | None, Header()] = None,
) -> dict:
    """Apply decisions and move the report from "imported" to a draft (``If-Match``: the
    report's ETag, as ``GET /api/documents/{id}`` gives it)."""
    catalog = web_state(request).catalog
    _document, place = document_for(session, catalog, user, document_id)
    decisions = {k: (d.action, d.value or "") for k, d in body.decisions.items()}
    changed = apply_review(session, catalog, user, place, decisions, base_from_header(if_match))
    response.headers["ETag"] = etag(place.version)
    return {
        "changed": changed,
        "status": place.report.status.value if place.report else None,
        "version": place.version,
    }


@router.get("/reports/{unit_key}/{period}/{template}/download/{fmt}")
def download(
    request: Request, fmt: str, place: ApiViewablePlace, user: ApiUser, session: DbSession
):
    """The report as DOCX, XLSX or PDF."""
    return download_response(*render_download(session, web_state(request).catalog, place, fmt))
