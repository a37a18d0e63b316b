"""The catalog browser (read-only): templates, indicators, relations."""

from __future__ import annotations

from fastapi import Request

from cchc.web.auth import PageUser
from cchc.web.context import web_state
from cchc.web.routes.common import page_router, render

router = page_router()


@router.get("/catalog")
def catalog_page(request: Request, user: PageUser, q: str = ""):
    """Templates, and indicators (filtered by ``q``) with their relations."""
    catalog = web_state(request).catalog
    needle = q.strip().lower()
    indicators = [
        i for i in catalog.indicators.values()
        if not needle or needle in i.name.lower() or needle in i.id
    ]  # fmt: skip
    return render(
        request, "catalog.html", user, nav="catalog", catalog=catalog, q=q,
        templates=sorted(catalog.templates.values(), key=lambda t: t.id),
        indicators=indicators[:400], total=len(indicators),
    )  # fmt: skip


@router.get("/catalog/templates/{template_id}")
def template_page(request: Request, template_id: str, user: PageUser):
    """One template, form by form, with each item's indicator and relations."""
    catalog = web_state(request).catalog
    template = catalog.template(template_id)
    return render(
        request, "catalog_template.html", user, nav="catalog", catalog=catalog, template=template
    )
