"""The report a route is about, as a FastAPI dependency: the path parameters ``unit_key``,
``period`` and ``template`` located, for a page (``PageUser``) or an API call (``ApiUser``).

The caller is known before the place is looked up (401 before 404). ``…ViewablePlace`` then
asks ``permissions.authorize`` whether the caller may see it (403); the other actions (edit,
comment, the workflow) are checked by the function that does them. API routes with a JSON body
locate the place themselves: a dependency runs before the body is checked, so it would answer
404 where the route answers 422.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from cchc.storage.models import User
from cchc.web.auth import ApiUser, PageUser
from cchc.web.context import DbSession, web_state
from cchc.web.permissions import authorize
from cchc.web.reports import ReportPlace, locate


def report_place(
    request: Request, unit_key: str, period: str, template: str, session: DbSession
) -> ReportPlace:
    """The unit × period × template at the route's address (NotFound for an unknown part)."""
    return locate(session, web_state(request).catalog, unit_key, period, template)


Located = Annotated[ReportPlace, Depends(report_place)]


def _viewable(session: Session, user: User, place: ReportPlace) -> ReportPlace:
    authorize(session, user, "view", place.unit)
    return place


def page_place(user: PageUser, place: Located) -> ReportPlace:
    """The place of a page, once its user is known."""
    return place


def page_viewable_place(user: PageUser, place: Located, session: DbSession) -> ReportPlace:
    """The place of a page that the logged-in user may see."""
    return _viewable(session, user, place)


def api_viewable_place(user: ApiUser, place: Located, session: DbSession) -> ReportPlace:
    """The place of an API call that the token's user may see."""
    return _viewable(session, user, place)


PagePlace = Annotated[ReportPlace, Depends(page_place)]
PageViewablePlace = Annotated[ReportPlace, Depends(page_viewable_place)]
ApiViewablePlace = Annotated[ReportPlace, Depends(api_viewable_place)]
