"""The dashboard page (tổng quan)."""

from __future__ import annotations

from fastapi import Request

from cchc.web.auth import PageUser
from cchc.web.context import DbSession, web_state
from cchc.web.dashboard import STATE_LABELS, dashboard
from cchc.web.routes.common import page_router, render

router = page_router()
LEVEL_SHORT = {"province": "Sở, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}


@router.get("/")
def dashboard_page(
    request: Request,
    user: PageUser,
    session: DbSession,
    unit: str | None = None,
    period: str | None = None,
):
    """Who has reported, key figures with charts, ranking of the units below."""
    board = dashboard(session, web_state(request).catalog, user, unit, period)
    chart = {
        "levels": [
            {"label": LEVEL_SHORT[key.rsplit(".", 1)[1]], "value": value}
            for key, _name, value in board.figures
            if key.startswith("procedures.on_time_rate")
        ],
        "trend": [{"label": code, "value": value} for code, value in board.trend],
        "online": [
            {"label": name, "value": value}
            for key, name, value in board.figures
            if key.startswith(("egov.", "direction."))
        ],
    }
    return render(
        request, "dashboard.html", user, nav="dashboard", board=board, chart=chart,
        states=STATE_LABELS,
    )  # fmt: skip
