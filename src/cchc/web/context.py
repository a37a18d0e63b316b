"""What every request needs: the app's state, a database session in one transaction, the
posted form as a dict."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cchc.catalog import Catalog
from cchc.catalog.site import LiveCatalog
from cchc.units.index import UnitIndex


@dataclass
class WebState:
    """Built once by ``create_app``: engine, sessions, catalog, templates, signing key."""

    engine: Engine
    sessions: sessionmaker[Session]
    live_catalog: LiveCatalog
    templates: Jinja2Templates
    secret_key: str
    unit_index: UnitIndex | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog (shipped + site files), reloaded when another worker changed it."""
        return self.live_catalog.catalog

    @property
    def catalog_dir(self) -> Path | None:
        """The site's catalog directory (CCHC_CATALOG_DIR), None when the app has none."""
        return self.live_catalog.site


def web_state(request: Request) -> WebState:
    """The app's state."""
    return request.app.state.cchc


def db(request: Request) -> Iterator[Session]:
    """One session per request: committed when the route returns, rolled back when it raises.
    The commit happens before the reply is sent (``scope="function"`` below), so a reply of
    success means the work is stored, and a failed commit is answered as an error. A route
    may commit early (to keep a failed login's count, or to release its connection before
    long work); the session then begins a new transaction when it is used again."""
    with web_state(request).sessions() as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()


async def form_data(request: Request) -> dict[str, str]:
    """The posted form fields (files left out) as a plain dict."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


DbSession = Annotated[Session, Depends(db, scope="function")]
FormData = Annotated[dict[str, str], Depends(form_data)]
