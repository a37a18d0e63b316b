"""The web app's factory: ``create_app(settings)`` builds the engine, the templates and the
routes. Nothing is created at import time."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from cchc.catalog import Catalog
from cchc.catalog.site import LiveCatalog, layered_catalog
from cchc.settings import Settings, load_settings
from cchc.storage import make_engine, session_factory
from cchc.web import filters
from cchc.web.auth import SESSION_LIFETIME
from cchc.web.context import WebState
from cchc.web.errors import TooLargeInOurShape, install_error_handlers
from cchc.web.security import SecurityHeaders

HERE = Path(__file__).parent
SESSION_COOKIE = "cchc_session"


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    catalog: Catalog | None = None,
) -> FastAPI:
    """A new app on the settings' database (or on ``engine``), serving the shipped catalog with
    the settings' site catalog directory layered on (or exactly ``catalog``, when given)."""
    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url)
    app = FastAPI(
        title="cchc — báo cáo cải cách hành chính",
        description="API JSON của hệ thống báo cáo CCHC; xác thực bằng mã truy cập "
        "(POST /api/auth/token, rồi Authorization: Bearer …).",
        version="0.1.0",
        docs_url="/api/docs",
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=HERE / "templates")
    filters.install(templates.env)
    app.state.cchc = WebState(
        engine=engine,
        sessions=session_factory(engine),
        live_catalog=_live_catalog(settings, catalog),
        templates=templates,
        secret_key=settings.secret_key or secrets.token_urlsafe(32),
    )
    app.add_middleware(
        SessionMiddleware,
        secret_key=app.state.cchc.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        same_site="lax",
        https_only=settings.https,
    )
    app.add_middleware(TooLargeInOurShape)
    app.add_middleware(SecurityHeaders, https=settings.https)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _include_routes(app)
    return app


def _live_catalog(settings: Settings, catalog: Catalog | None) -> LiveCatalog:
    if catalog is not None:
        return LiveCatalog(None, catalog)
    site = settings.catalog_dir
    return LiveCatalog(site, layered_catalog(site))


# Bytes of a request body, refused as they arrive (a larger Content-Length at once); upload
# routes set their own. Limits live on the routers: their refusal passes through the app's
# middleware (security headers, TooLargeInOurShape), the app-level one would not.
MAX_BODY = 2 * 1024 * 1024


def _include_routes(app: FastAPI) -> None:
    from cchc.web.api import router as api_router
    from cchc.web.routes import routers

    app.include_router(api_router, max_body_size=MAX_BODY)
    for router in routers():
        app.include_router(router, max_body_size=MAX_BODY)
