"""HTML pages, one module per screen."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """Every page router, in the order they are matched."""
    from cchc.web.routes import (
        account,
        admin,
        admin_catalog,
        admin_periods,
        admin_units,
        aggregation,
        catalog,
        dashboard,
        downloads,
        imports,
        reports,
        session,
    )

    modules = (
        session,
        dashboard,
        reports,
        downloads,
        imports,
        aggregation,
        catalog,
        account,
        admin,
        admin_units,
        admin_periods,
        admin_catalog,
    )
    return [module.router for module in modules]
