"""The catalog in JSON, and the site's catalog files (admins: list, download, put, delete)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from cchc.catalog.files import MAX_BYTES, CatalogFile, CatalogFileTooLarge, check_name
from cchc.errors import CchcError
from cchc.web.auth import ApiUser
from cchc.web.catalog_files import (
    catalog_listing,
    delete_catalog_file,
    site_file,
    upload_catalog_file,
)
from cchc.web.context import DbSession, web_state
from cchc.web.routes.downloads import download_response

router = APIRouter(prefix="/catalog", tags=["catalog"])


@router.get("/templates")
def templates(request: Request, user: ApiUser) -> dict:
    """Every template, without its forms."""
    catalog = web_state(request).catalog
    return {
        "templates": [
            {"id": t.id, "version": t.version, "name": t.name, "unit_levels": t.unit_levels,
             "valid_from": t.valid_from, "valid_to": t.valid_to}
            for t in sorted(catalog.templates.values(), key=lambda t: t.id)
        ]
    }  # fmt: skip


@router.get("/templates/{template_id}")
def template(request: Request, template_id: str, user: ApiUser) -> dict:
    """One template with its forms and items."""
    return web_state(request).catalog.template(template_id).model_dump(mode="json")


@router.get("/indicators")
def indicators(request: Request, user: ApiUser) -> dict:
    """Every indicator."""
    catalog = web_state(request).catalog
    return {"indicators": [i.model_dump(mode="json") for i in catalog.indicators.values()]}


@router.get("/relations")
def relations(request: Request, user: ApiUser) -> dict:
    """Every relation between indicators."""
    catalog = web_state(request).catalog
    return {"relations": [r.model_dump(mode="json") for r in catalog.relations]}


# --- the site's catalog files (CCHC_CATALOG_DIR) ---

YAML_TYPES = {"text/plain", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}


class UnsupportedMediaType(CchcError):
    """A body that is not YAML text."""

    http_status = 415


def file_json(file: CatalogFile) -> dict:
    """A catalog file as the API shows it."""
    return {
        "name": file.name, "kind": file.kind, "size": file.size,
        "modified": file.modified.isoformat(timespec="seconds"),
        "templates": list(file.templates), "indicators": list(file.indicators),
    }  # fmt: skip


@router.get("/files")
def get_files(request: Request, user: ApiUser, session: DbSession) -> dict:
    """The site's catalog files and the shipped ones (admins)."""
    listing = catalog_listing(session, user, web_state(request))
    return {
        "directory": str(listing.directory) if listing.directory else None,
        "files": [file_json(f) for f in listing.files],
        "shipped": [file_json(f) for f in listing.shipped],
    }


@router.get("/files/{name}")
def get_file(request: Request, name: str, user: ApiUser, session: DbSession) -> Response:
    """One site file as stored (YAML)."""
    path = site_file(session, user, web_state(request), name)
    return download_response(path.read_bytes(), "application/yaml; charset=utf-8", path.name)


_YAML_BODY = {"required": True, "content": {"application/yaml": {"schema": {"type": "string"}}}}


@router.put("/files/{name}", openapi_extra={"requestBody": _YAML_BODY})
async def put_file(request: Request, name: str, user: ApiUser, session: DbSession):
    """Add or replace a site file (body: the YAML text); the whole catalog is checked first:
    422 with the Vietnamese message when it would not load, nothing written. 201 when new."""
    check_name(name)
    _check_media_type(request)
    content = await _read_body(request)
    state = web_state(request)
    file, created = await run_in_threadpool(
        upload_catalog_file, session, user, state, name, content
    )
    return JSONResponse(file_json(file), status_code=201 if created else 200)


@router.delete("/files/{name}", status_code=204)
def delete_file(request: Request, name: str, user: ApiUser, session: DbSession) -> Response:
    """Remove a site file; 409 while reports use what it defines or other files need it."""
    delete_catalog_file(session, user, web_state(request), name)
    return Response(status_code=204)


def _check_media_type(request: Request) -> None:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type and media_type not in YAML_TYPES:
        raise UnsupportedMediaType(
            f"Nội dung phải là văn bản YAML (Content-Type: application/yaml hoặc text/plain), "
            f"không phải {media_type}.",
            f"unsupported content type {media_type}",
        )


async def _read_body(request: Request) -> bytes:
    """The body, refused as soon as it passes the size limit."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise CatalogFileTooLarge("Tệp quá lớn; tối đa 1 MB.", "body over 1 MB")
        chunks.append(chunk)
    return b"".join(chunks)
