"""Administration of the unit tree (đơn vị): browse, search, add, rename, end."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request

from cchc.errors import CchcError
from cchc.storage.admin_log import recent_changes
from cchc.web.auth import PageUser
from cchc.web.context import DbSession, FormData
from cchc.web.routes.common import page_router, redirect, render
from cchc.web.unit_admin import create_unit, search_units, update_unit, view_unit

router = page_router()


@router.get("/admin/units")
def units_page(
    request: Request,
    user: PageUser,
    session: DbSession,
    unit: str | None = None,
    q: str = "",
    ended: bool = False,
):
    """One unit with its children, a search, and forms to add below it or change it."""
    return _page(request, user, session, unit, q=q, ended=ended)


@router.post("/admin/units/{key}/children")
def add_child(request: Request, key: str, form: FormData, user: PageUser, session: DbSession):
    """Add a unit below ``key``; errors are shown above the form, the typed fields kept."""
    try:
        created = create_unit(session, user, key, form)
    except CchcError as exc:
        session.rollback()
        return _page(request, user, session, key, error=exc, add_form=form)
    return redirect(f"/admin/units?unit={quote(key)}&added={quote(created.key)}")


@router.post("/admin/units/{key}")
def change(request: Request, key: str, form: FormData, user: PageUser, session: DbSession):
    """Rename, recode or end the unit ``key``."""
    try:
        update_unit(session, user, key, form)
    except CchcError as exc:
        session.rollback()
        return _page(request, user, session, key, error=exc, change_form=form)
    return redirect(f"/admin/units?unit={quote(key)}&saved=1")


def _page(request, user, session, key, *, q="", ended=False, error=None, **forms):
    view = view_unit(session, user, key, ended=ended)
    return render(
        request, "admin_units.html", user, status=error.http_status if error else 200,
        nav="admin", tab="units", view=view, q=q, ended=ended,
        found=search_units(session, user, q) if q else [],
        changes=recent_changes(session, "unit.", 15), error=error.message_vi if error else None,
        add_form=forms.get("add_form", {}), change_form=forms.get("change_form", {}),
        added=request.query_params.get("added"), saved=request.query_params.get("saved"),
    )  # fmt: skip
