"""The report editor: the form as on paper, drafts saved as the user types with findings next
to the items, narrative sections, comments, value history and the workflow buttons."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import select

from cchc.storage import value_history
from cchc.storage.models import Report, Unit
from cchc.web.auth import PageUser
from cchc.web.context import DbSession, FormData, web_state
from cchc.web.editor import editor_view, place_findings
from cchc.web.permissions import visible_reports
from cchc.web.places import PagePlace, PageViewablePlace
from cchc.web.reports import (
    add_comment,
    comments_of,
    events_of,
    move,
    report_findings,
    save_narrative,
    save_typed,
)
from cchc.web.routes.common import is_htmx, page_router, redirect, render
from cchc.web.versions import base_from_form, with_version

router = page_router()
BASE = "/reports/{unit_key}/{period}/{template}"
LIST_LIMIT = 200


@router.get("/reports")
def report_list(
    request: Request,
    user: PageUser,
    session: DbSession,
    period: str | None = None,
):
    """Reports the user can see, newest periods first, and a form to open a new one."""
    statement = visible_reports(
        user, select(Report).join(Unit, Unit.id == Report.unit_id)
    ).order_by(Report.period_code.desc(), Unit.key)
    if period:
        statement = statement.where(Report.period_code == period)
    reports = session.scalars(statement.limit(LIST_LIMIT)).all()
    catalog = web_state(request).catalog
    level = user.unit.level if user.unit else None
    templates = catalog.templates_for(level) if level else list(catalog.templates.values())
    return render(
        request, "reports.html", user, nav="reports", reports=reports, templates=templates,
        period=period or "",
    )  # fmt: skip


@router.get("/reports/open")
def open_report_page(unit: str, period: str, template: str, user: PageUser):
    """The "open a report" form leads to the editor's address."""
    return redirect(f"/reports/{unit.strip()}/{period.strip().upper()}/{template.strip()}")


@router.get(BASE)
def editor(request: Request, place: PageViewablePlace, user: PageUser, session: DbSession):
    """The editor of one unit × period × template (read-only when locked or not allowed)."""
    catalog = web_state(request).catalog
    view = editor_view(session, catalog, user, place)
    return with_version(place, render(
        request, "report.html", user, nav="reports", view=view,
        events=events_of(session, place), comments=comments_of(session, place),
    ))  # fmt: skip


@router.post(BASE + "/values")
def save_values_page(
    request: Request, form: FormData, user: PageUser, session: DbSession, place: PagePlace
):
    """Save typed values as a draft; HTMX gets every item's findings back (out of band)."""
    catalog = web_state(request).catalog
    save_typed(session, catalog, user, place, form, base_from_form(form))
    if not is_htmx(request):
        return redirect(place.path + "?saved=1")
    findings = report_findings(session, catalog, place)
    by_item, general = place_findings(place.template, findings)
    return with_version(place, render(
        request, "_findings.html", user, place=place, by_item=by_item, general=general,
        findings=findings, report_status=place.report.status.value if place.report else "new",
    ))  # fmt: skip


@router.post(BASE + "/sections/{section}")
def save_section_page(
    request: Request,
    section: str,
    form: FormData,
    user: PageUser,
    session: DbSession,
    place: PagePlace,
):
    """Save one narrative section."""
    save_narrative(session, user, place, section, form.get("text", ""), base_from_form(form))
    if not is_htmx(request):
        return redirect(place.path)
    return with_version(place, render(request, "_saved.html", user, message="Đã lưu"))


@router.post(BASE + "/workflow")
def workflow(
    request: Request, form: FormData, user: PageUser, session: DbSession, place: PagePlace
):
    """Submit, approve, return (with a reason) or reopen."""
    catalog = web_state(request).catalog
    action, reason = form.get("action", ""), form.get("reason") or None
    move(session, catalog, user, place, action, reason, base_version=base_from_form(form))
    return redirect(place.path)


@router.get(BASE + "/history/{indicator}")
def history(
    request: Request, indicator: str, place: PageViewablePlace, user: PageUser, session: DbSession
):
    """Every change of one value: who, when, old → new."""
    catalog = web_state(request).catalog
    changes = (
        value_history(session, report=place.report, indicator=indicator) if place.report else []
    )
    return render(
        request, "_history.html", user, changes=changes,
        indicator=catalog.indicator(indicator), place=place,
    )  # fmt: skip


@router.get(BASE + "/comments/{indicator}")
def comments(
    request: Request, indicator: str, place: PageViewablePlace, user: PageUser, session: DbSession
):
    """The comments on one item, and a box to add one."""
    return _comments_fragment(request, session, user, place, indicator)


@router.post(BASE + "/comments/{indicator}")
def post_comment(
    request: Request,
    indicator: str,
    form: FormData,
    user: PageUser,
    session: DbSession,
    place: PagePlace,
):
    """Add a comment on one item."""
    add_comment(session, user, place, indicator, form.get("text", ""))
    if not is_htmx(request):
        return redirect(place.path)
    return _comments_fragment(request, session, user, place, indicator)


def _comments_fragment(request, session, user, place, indicator):
    catalog = web_state(request).catalog
    items = [c for key, c in comments_of(session, place) if key == indicator]
    return render(
        request, "_comments.html", user, place=place, comments=items,
        indicator=catalog.indicator(indicator),
    )  # fmt: skip
