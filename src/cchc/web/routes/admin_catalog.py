"""Administration: the site's catalog files (tải lên, tải về, xóa tệp danh mục)."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Form, Request, UploadFile
from sqlalchemy.orm import Session

from cchc.catalog.files import FILE_NAME, MAX_BYTES
from cchc.errors import CchcError, InputError
from cchc.storage.admin_log import recent_changes
from cchc.storage.models import User
from cchc.web.auth import PageUser
from cchc.web.catalog_files import (
    catalog_listing,
    delete_catalog_file,
    shipped_file,
    site_file,
    upload_catalog_file,
)
from cchc.web.context import DbSession, web_state
from cchc.web.errors import Forbidden
from cchc.web.routes.common import page_router, redirect, render
from cchc.web.routes.downloads import download_response

router = page_router()
PAGE = "/admin/catalog"
YAML = "application/yaml; charset=utf-8"
_DONE = {"saved": "Đã lưu tệp {name}; danh mục đã được nạp lại.", "deleted": "Đã xóa tệp {name}."}


@router.get(PAGE)
def catalog_files_page(
    request: Request, user: PageUser, session: DbSession, saved: str = "", deleted: str = ""
):
    """The site's catalog files, the shipped ones, and the upload form."""
    done = next(((key, n) for key, n in (("saved", saved), ("deleted", deleted)) if n), None)
    flash = _DONE[done[0]].format(name=done[1]) if done and FILE_NAME.fullmatch(done[1]) else None
    return _page(request, user, session, flash=flash)


@router.post(PAGE)
def upload_page(
    request: Request,
    user: PageUser,
    session: DbSession,
    file: Annotated[UploadFile | None, File()] = None,
    name: Annotated[str, Form()] = "",
):
    """Add or replace a site file; errors are shown above the form, nothing written."""
    chosen = name.strip() or (file.filename if file else "") or ""
    try:
        if file is None or not file.filename:
            raise InputError("Hãy chọn một tệp .yaml để tải lên.", "no file chosen")
        upload_catalog_file(
            session, user, web_state(request), chosen, file.file.read(MAX_BYTES + 1)
        )
    except Forbidden:
        raise
    except CchcError as exc:
        session.rollback()
        return _page(request, user, session, status=exc.http_status, error=exc.message_vi,
                     form={"name": name})  # fmt: skip
    return redirect(f"{PAGE}?saved={chosen}")


@router.post(PAGE + "/files/{name}/delete")
def delete_page(request: Request, name: str, user: PageUser, session: DbSession):
    """Delete a site file; refused (message above the list) while something needs it."""
    try:
        delete_catalog_file(session, user, web_state(request), name)
    except Forbidden:
        raise
    except CchcError as exc:
        session.rollback()
        return _page(request, user, session, status=exc.http_status, error=exc.message_vi)
    return redirect(f"{PAGE}?deleted={name}")


@router.get(PAGE + "/files/{name}")
def download_site_file(request: Request, name: str, user: PageUser, session: DbSession):
    """A site file, as stored."""
    path = site_file(session, user, web_state(request), name)
    return download_response(path.read_bytes(), YAML, path.name)


@router.get(PAGE + "/shipped/{name}")
def download_shipped_file(name: str, user: PageUser, session: DbSession):
    """A shipped file, to start a variant from."""
    path = shipped_file(session, user, name)
    return download_response(path.read_bytes(), YAML, path.name)


def _page(request: Request, user: User, session: Session, status: int = 200, **context):
    listing = catalog_listing(session, user, web_state(request))
    context = {"error": None, "form": {}, **context}
    return render(request, "admin_catalog.html", user, status=status, nav="admin",
                  listing=listing, max_mb=MAX_BYTES // 1_048_576,
                  changes=recent_changes(session, "catalog.", 15), **context)  # fmt: skip
