"""Reports in JSON: read, save values, narrative, workflow, history, comments."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.errors import InputError
from cchc.numbers import LARGEST
from cchc.storage import report_sections, value_history
from cchc.storage.models import Report, Unit
from cchc.values import display_value
from cchc.web.auth import ApiUser
from cchc.web.context import DbSession, web_state
from cchc.web.permissions import visible_reports
from cchc.web.places import ApiViewablePlace
from cchc.web.reports import (
    ReportPlace,
    add_comment,
    comments_of,
    current_values,
    events_of,
    locate,
    move,
    report_findings,
    save_narrative,
    save_typed,
)
from cchc.web.versions import base_from_header, etag

router = APIRouter(tags=["reports"])
BASE = "/reports/{unit_key}/{period}/{template}"
LIST_LIMIT = 500
MAX_ITEMS = 1_000  # values in one write: more than any template has


class ValuesIn(BaseModel):
    """Values by indicator key: a number, text as typed ("1.902", "99,3"), or null to clear."""

    values: dict[str, float | int | str | None] = Field(max_length=MAX_ITEMS)


class SectionIn(BaseModel):
    """The narrative of one section."""

    text: str


class WorkflowIn(BaseModel):
    """A workflow step: submit, approve, return (needs a reason) or reopen."""

    action: str
    reason: str | None = None


class CommentIn(BaseModel):
    """A remark on one item (indicator key) or on the whole report (null)."""

    indicator: str | None = None
    text: str


def summary_json(report: Report) -> dict:
    """A report in a list."""
    return {
        "id": report.id,
        "unit": report.unit.key,
        "unit_name": report.unit.name,
        "period": report.period_code,
        "template": report.template.key,
        "status": report.status.value,
        "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
        "decided_at": report.decided_at.isoformat() if report.decided_at else None,
        "version": report.version,
    }


def report_json(session: Session, request: Request, place: ReportPlace) -> dict:
    """A report with its values, sections, findings and workflow events."""
    catalog = web_state(request).catalog
    values = current_values(session, place)
    return {
        "unit": place.unit.key,
        "unit_name": place.unit.name,
        "period": place.period.code,
        "template": place.template.id,
        "status": place.report.status.value if place.report else None,
        "version": place.version,
        "values": {
            key: {"num": value.num, "text": display_value(value)} for key, value in values.items()
        },
        "sections": report_sections(session, report=place.report) if place.report else {},
        "findings": [f.to_json() for f in report_findings(session, catalog, place)],
        "events": [
            {"from": e.from_status, "to": e.to_status, "actor": e.actor, "reason": e.reason,
             "at": e.at.isoformat() if e.at else None}
            for e in events_of(session, place)
        ],
    }  # fmt: skip


def _as_typed(value: float | int | str | None) -> str:
    """A JSON value as the clerk would type it: numbers in Vietnamese notation ("99,3");
    infinities and numbers larger than any figure are refused."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not math.isfinite(value) or abs(value) > LARGEST:
        raise InputError(
            f"Số {value!r} quá lớn để là một số liệu báo cáo.", f"{value!r} is too large"
        )
    return f"{value:.10f}".rstrip("0").rstrip(".").replace(".", ",")


def _place(request: Request, session: Session, unit_key: str, period: str, template: str):
    # Routes with a JSON body locate here, after the body is checked: a dependency
    # (cchc.web.places) would answer 404 before 422 for a bad body at an unknown address.
    return locate(session, web_state(request).catalog, unit_key, period, template)


@router.get("/reports")
def list_reports(
    user: ApiUser,
    session: DbSession,
    period: str | None = None,
) -> dict:
    """Reports the caller may see."""
    statement = visible_reports(user, select(Report).join(Unit, Unit.id == Report.unit_id))
    if period:
        statement = statement.where(Report.period_code == period)
    statement = statement.order_by(Report.period_code.desc(), Unit.key).limit(LIST_LIMIT)
    return {"reports": [summary_json(r) for r in session.scalars(statement)]}


@router.get(BASE)
def get_report(
    request: Request,
    response: Response,
    place: ApiViewablePlace,
    user: ApiUser,
    session: DbSession,
) -> dict:
    """One report (empty values when nothing was saved yet). Its ETag (also ``version``) is
    what a write sends back in ``If-Match``."""
    response.headers["ETag"] = etag(place.version)
    return report_json(session, request, place)


@router.put(BASE + "/values")
def put_values(
    request: Request,
    unit_key: str,
    period: str,
    template: str,
    body: ValuesIn,
    user: ApiUser,
    session: DbSession,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> dict:
    """Save values as a draft (unreadable text is kept and reported as a finding).
    ``If-Match``: the ETag of the report as read (``*`` to overwrite whatever is stored);
    a stale one is refused with 409 and the current values."""
    place = _place(request, session, unit_key, period, template)
    base = base_from_header(if_match)
    raw = {key: _as_typed(value) for key, value in body.values.items()}
    unknown = sorted(set(raw) - set(place.template.indicator_ids()))
    changed = save_typed(session, web_state(request).catalog, user, place, raw, base)
    findings = report_findings(session, web_state(request).catalog, place)
    response.headers["ETag"] = etag(place.version)
    return {
        "changed": changed,
        "ignored": unknown,
        "status": place.report.status.value if place.report else None,
        "version": place.version,
        "findings": [f.to_json() for f in findings],
    }


@router.put(BASE + "/sections/{section}")
def put_section(
    request: Request,
    unit_key: str,
    period: str,
    template: str,
    section: str,
    body: SectionIn,
    user: ApiUser,
    session: DbSession,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> dict:
    """Save the narrative of one section (``If-Match`` as for values)."""
    place = _place(request, session, unit_key, period, template)
    save_narrative(session, user, place, section, body.text, base_from_header(if_match))
    response.headers["ETag"] = etag(place.version)
    return {"section": section, "text": body.text, "version": place.version}


@router.post(BASE + "/workflow")
def post_workflow(
    request: Request,
    unit_key: str,
    period: str,
    template: str,
    body: WorkflowIn,
    user: ApiUser,
    session: DbSession,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> dict:
    """Submit, approve, return (with a reason) or reopen (``If-Match`` as for values; of
    concurrent steps exactly one is taken, the others get 409)."""
    place = _place(request, session, unit_key, period, template)
    base = base_from_header(if_match, any_allowed=False)
    catalog = web_state(request).catalog
    report = move(session, catalog, user, place, body.action, body.reason, base_version=base)
    response.headers["ETag"] = etag(report.version)
    return summary_json(report)


@router.get(BASE + "/history/{indicator}")
def get_history(
    request: Request, indicator: str, place: ApiViewablePlace, user: ApiUser, session: DbSession
) -> dict:
    """Every change of one value: who, when, old → new."""
    web_state(request).catalog.indicator(indicator)
    changes = (
        value_history(session, report=place.report, indicator=indicator) if place.report else []
    )
    return {
        "indicator": indicator,
        "changes": [
            {"actor": c.actor, "at": c.at.isoformat() if c.at else None, "source": c.source,
             "old": {"num": c.old_num, "text": c.old_text},
             "new": {"num": c.new_num, "text": c.new_text}}
            for c in changes
        ],
    }  # fmt: skip


@router.get(BASE + "/comments")
def get_comments(place: ApiViewablePlace, user: ApiUser, session: DbSession) -> dict:
    """Every comment of the report."""
    return {"comments": [_comment_json(key, c) for key, c in comments_of(session, place)]}


@router.post(BASE + "/comments", status_code=201)
def post_comment(
    request: Request,
    unit_key: str,
    period: str,
    template: str,
    body: CommentIn,
    user: ApiUser,
    session: DbSession,
) -> dict:
    """Add a comment."""
    place = _place(request, session, unit_key, period, template)
    return _comment_json(
        body.indicator, add_comment(session, user, place, body.indicator, body.text)
    )


def _comment_json(key, comment) -> dict:
    return {
        "id": comment.id,
        "indicator": key,
        "author": comment.author,
        "text": comment.text,
        "at": comment.at.isoformat() if comment.at else None,
    }
