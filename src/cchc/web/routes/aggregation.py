"""The aggregation page: a unit's rolled-up forms, completeness, timeliness, drill-down."""

from __future__ import annotations

from fastapi import Request

from cchc.web.aggregation import aggregate_view, build_parent_report
from cchc.web.auth import PageUser
from cchc.web.context import DbSession, FormData, web_state
from cchc.web.permissions import allowed
from cchc.web.routes.common import page_router, redirect, render

router = page_router()


@router.get("/aggregate")
def aggregate_page(
    request: Request,
    user: PageUser,
    session: DbSession,
    unit: str | None = None,
    period: str | None = None,
    filled: bool = False,
):
    """Pick a unit and period; see the rolled-up forms (optionally only the items with a
    figure) and the children to drill into."""
    catalog = web_state(request).catalog
    view = aggregate_view(session, catalog, user, unit, period, only_filled=filled)
    can_build = allowed(session, user, "aggregate", view.unit) and allowed(
        session, user, "edit", view.unit
    )
    return render(request, "aggregate.html", user, nav="aggregate", view=view,
                  can_build=can_build, filled=filled)  # fmt: skip


@router.post("/aggregate/build")
def build(
    request: Request,
    form: FormData,
    user: PageUser,
    session: DbSession,
):
    """Save the roll-up into the unit's own report (a draft to review and submit)."""
    path = build_parent_report(
        session, web_state(request).catalog, user, form.get("unit", ""), form.get("period", "")
    )
    return redirect(path + "?saved=1")
