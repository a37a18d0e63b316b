"""Download a report the user can see as DOCX, XLSX or PDF."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request, Response

from cchc.web.auth import PageUser
from cchc.web.context import DbSession, web_state
from cchc.web.downloads import render_download
from cchc.web.permissions import authorize
from cchc.web.reports import locate
from cchc.web.routes.common import page_router

router = page_router()


def download_response(content: bytes, media_type: str, name: str) -> Response:
    """The file as an attachment."""
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/reports/{unit_key}/{period}/{template}/download/{fmt}")
def download(
    request: Request,
    unit_key: str,
    period: str,
    template: str,
    fmt: str,
    user: PageUser,
    session: DbSession,
):
    """The report as a file."""
    catalog = web_state(request).catalog
    place = locate(session, catalog, unit_key, period, template)
    authorize(session, user, "view", place.unit)
    return download_response(*render_download(session, catalog, place, fmt))
