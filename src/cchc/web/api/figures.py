"""Dashboard and aggregation in JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request

from cchc.web.aggregation import aggregate_view, build_parent_report
from cchc.web.auth import ApiUser
from cchc.web.context import DbSession, web_state
from cchc.web.dashboard import dashboard

router = APIRouter(tags=["figures"])


@router.get("/dashboard")
def get_dashboard(
    request: Request,
    user: ApiUser,
    session: DbSession,
    unit: str | None = None,
    period: str | None = None,
) -> dict:
    """Who has reported, key figures, trend and ranking for a unit and period."""
    board = dashboard(session, web_state(request).catalog, user, unit, period)
    return {
        "unit": board.unit.key,
        "unit_name": board.unit.name,
        "period": board.period.code,
        "counts": board.counts,
        "expected": [
            {"unit": e.unit.key, "unit_name": e.unit.name, "state": e.state, "status": e.status,
             "on_time": e.on_time, "template": e.template_key,
             "submitted_at": e.submitted_at.isoformat() if e.submitted_at else None}
            for e in board.expected
        ],
        "figures": {key: value for key, _name, value in board.figures},
        "trend": [{"period": code, "on_time_rate": value} for code, value in board.trend],
        "ranking": [
            {"unit": unit.key, "unit_name": unit.name, "on_time_rate": rate}
            for unit, rate in board.ranking
        ],
    }  # fmt: skip


@router.get("/aggregate")
def get_aggregate(
    request: Request,
    user: ApiUser,
    session: DbSession,
    unit: str | None = None,
    period: str | None = None,
) -> dict:
    """A unit's rolled-up figures, completeness by level and children's timeliness."""
    view = aggregate_view(session, web_state(request).catalog, user, unit, period)
    rollup = view.rollup
    return {
        "unit": view.unit.key,
        "period": view.period.code,
        "template": view.template.id if view.template else None,
        "values": rollup.figures.values,
        "reporters": rollup.figures.reporters,
        "distributions": {k: dict(v) for k, v in rollup.figures.distributions.items()},
        "levels": {
            level: {"expected": expected, "reported": reported}
            for level, (expected, reported) in rollup.levels.items()
        },
        "children": [
            {"unit": c.key, "name": c.name, "level": c.level, "reported": c.reported,
             "on_time": c.on_time}
            for c in rollup.children
        ],
        "predecessors": rollup.predecessors,
    }  # fmt: skip


@router.post("/aggregate/{unit}/{period}/build")
def post_build(
    request: Request,
    unit: str,
    period: str,
    user: ApiUser,
    session: DbSession,
) -> dict:
    """Store the roll-up as the unit's own report (a draft)."""
    path = build_parent_report(session, web_state(request).catalog, user, unit, period)
    return {"report": path.removeprefix("/reports/")}
