"""The catalog in JSON (read-only)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from cchc.web.auth import ApiUser
from cchc.web.context import web_state

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
