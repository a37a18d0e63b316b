"""The JSON API under /api/: the same flows and permissions as the pages, bearer tokens."""

from __future__ import annotations

from fastapi import APIRouter

from cchc.web.api import auth, catalog, documents, figures, reports, units, users

router = APIRouter(prefix="/api")
for module in (auth, reports, figures, documents, catalog, users, units):
    router.include_router(module.router)
