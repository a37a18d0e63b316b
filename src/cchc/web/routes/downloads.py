"""Download a report the user can see as DOCX, XLSX or PDF."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request, Response

from cchc.web.auth import PageUser
from cchc.web.context import DbSession, web_state
from cchc.web.downloads import render_download
from cchc.web.places import PageViewablePlace
from cchc.web.routes.common import page_router

router = page_router()


def download_response(content: bytes, media_type: str, name: str) -> Response:
    """The file as an attachment."""
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/reports/{unit_key}/{period}/{template}/download/{fmt}")
def download(
    request: Request, fmt: str, place: PageViewablePlace, user: PageUser, session: DbSession
):
    """The report as a file."""
    return download_response(*render_download(session, web_state(request).catalog, place, fmt))
