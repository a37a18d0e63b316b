"""Import pages: upload one or many documents, then review each against the form."""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from cchc.values import display_value
from cchc.web.auth import PageUser
from cchc.web.context import DbSession, FormData, web_state
from cchc.web.editor import place_findings
from cchc.web.imports import (
    MAX_UPLOAD,
    apply_review,
    document_for,
    import_uploads,
    review_items,
    review_text,
)
from cchc.web.permissions import allowed
from cchc.web.reports import current_values, report_findings
from cchc.web.routes.common import page_router, redirect, render
from cchc.web.versions import base_from_form

router = page_router()


@router.get("/import")
def import_page(request: Request, user: PageUser):
    """The upload form."""
    return render(request, "import.html", user, nav="import", outcomes=None)


@router.post("/import", max_body_size=MAX_UPLOAD)
async def upload(request: Request, user: PageUser, session: DbSession):
    """Store the uploaded files and import each; show what became of them."""
    form = await request.form()
    files = [(f.filename or "tai-lieu", await f.read()) for f in form.getlist("files")
             if hasattr(f, "read")]  # fmt: skip
    unit = str(form.get("unit") or "").strip() or None
    period = str(form.get("period") or "").strip() or None
    state = web_state(request)
    session.commit()  # the request's connection goes back to the pool during the reading
    outcomes = await run_in_threadpool(
        import_uploads, state.sessions, state.catalog, user.id, files, unit, period
    )
    if len(outcomes) == 1 and outcomes[0].ok:
        return redirect(f"/documents/{outcomes[0].document_id}")
    return render(request, "import.html", user, nav="import", outcomes=outcomes)


@router.get("/documents/{document_id}")
def review_page(
    request: Request,
    document_id: int,
    user: PageUser,
    session: DbSession,
):
    """The document's text with each figure marked, beside the values to accept or correct."""
    catalog = web_state(request).catalog
    document, place = document_for(session, catalog, user, document_id)
    current = {k: display_value(v) for k, v in current_values(session, place).items()}
    items = review_items(document, place, current)
    lines, restored = review_text(document)
    by_item, general = place_findings(place.template, report_findings(session, catalog, place))
    return render(
        request, "review.html", user, nav="import", document=document, place=place,
        items=items, lines=lines, restored=restored, by_item=by_item, general=general,
        marked={i.line: i for i in items}, editable=allowed(session, user, "edit", place.unit),
    )  # fmt: skip


@router.post("/documents/{document_id}/review")
def review_save(
    request: Request,
    document_id: int,
    form: FormData,
    user: PageUser,
    session: DbSession,
):
    """Apply the decisions and open the report in the editor."""
    catalog = web_state(request).catalog
    _document, place = document_for(session, catalog, user, document_id)
    decisions = {
        key[2:]: (action, form.get("c:" + key[2:], ""))
        for key, action in form.items()
        if key.startswith("d:")
    }
    apply_review(session, catalog, user, place, decisions, base_from_form(form))
    return redirect(place.path + "?saved=1")
