"""Administration of reporting periods: windows and the deadlines in force per level."""

from __future__ import annotations

from datetime import date

from fastapi import Request

from cchc.errors import CchcError
from cchc.storage.admin_log import recent_changes
from cchc.units import parse_period_code
from cchc.web.auth import PageUser
from cchc.web.context import DbSession, FormData
from cchc.web.permissions import authorize
from cchc.web.routes.common import page_router, redirect, render
from cchc.web.unit_admin import DEADLINE_LEVELS, update_deadlines, year_deadlines

router = page_router()


@router.get("/admin/periods")
def periods_page(request: Request, user: PageUser, session: DbSession, year: int | None = None):
    """The periods of a year with their windows and deadlines, editable per level."""
    authorize(session, user, "admin")
    return _page(request, user, session, year or date.today().year)


@router.post("/admin/periods/{code}")
def save_deadlines(request: Request, code: str, form: FormData, user: PageUser, session: DbSession):
    """Set or clear the deadlines of one period; an empty field means the regime's deadline."""
    period = parse_period_code(code)
    try:
        update_deadlines(session, user, period, form)
    except CchcError as exc:
        session.rollback()
        return _page(request, user, session, period.year, error=exc, failed=(code, form))
    return redirect(f"/admin/periods?year={period.year}&saved={code}#period-{code}")


def _page(request, user, session, year: int, *, error=None, failed=None):
    if not 2000 <= year <= 2100:
        year = date.today().year
    return render(
        request, "admin_periods.html", user, status=error.http_status if error else 200,
        nav="admin", tab="periods", year=year, periods=year_deadlines(session, year),
        levels=DEADLINE_LEVELS, changes=recent_changes(session, "deadline.", 15),
        error=error.message_vi if error else None, failed=failed,
        saved=request.query_params.get("saved"),
    )  # fmt: skip
