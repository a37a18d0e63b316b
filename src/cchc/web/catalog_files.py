"""Catalog administration flows shared by the admin page and the API: list, download, upload
and delete the site's catalog files (``CCHC_CATALOG_DIR``).

A change is checked whole before anything is written (``cchc.catalog.files``), refused while the
database still uses what it would take away, then written, mirrored into the database in the
request's transaction (undone if that fails) and served by this worker at once; the other
workers notice the changed directory within a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from cchc.catalog.files import (
    CatalogFile,
    Change,
    apply,
    describe,
    find_file,
    list_files,
    plan_removal,
    plan_upload,
    shipped_files,
    site_lock,
    undo,
)
from cchc.catalog.loader import DATA_DIR
from cchc.errors import CchcError, InputError
from cchc.storage.admin_log import record_change
from cchc.storage.models import IndicatorRow, Report, ReportValue, TemplateRow, User, ValueChange
from cchc.storage.sync import sync_catalog
from cchc.web.context import WebState
from cchc.web.permissions import authorize, authorize_shared_setting


class CatalogInUse(CchcError):
    """A catalog file whose templates or indicators reports still use."""

    http_status = 409


@dataclass(frozen=True)
class CatalogListing:
    """What the admin page shows: the site directory, its files, the shipped files."""

    directory: Path | None
    files: list[CatalogFile]
    shipped: tuple[CatalogFile, ...]


def catalog_listing(session: Session, admin: User, state: WebState) -> CatalogListing:
    """The site's catalog files and the shipped ones."""
    authorize(session, admin, "admin")
    return CatalogListing(state.catalog_dir, list_files(state.catalog_dir), shipped_files())


def site_file(session: Session, admin: User, state: WebState, name: str) -> Path:
    """A site file to download."""
    authorize(session, admin, "admin")
    return find_file(state.catalog_dir, name)


def shipped_file(session: Session, admin: User, name: str) -> Path:
    """A shipped file to download (to start a variant from); shipped names are unique."""
    authorize(session, admin, "admin")
    return find_file(DATA_DIR, name, "danh mục gốc")


def upload_catalog_file(
    session: Session, admin: User, state: WebState, name: str, content: bytes
) -> tuple[CatalogFile, bool]:
    """Add or replace a site file; (the file, True when it is new)."""
    site = _site_for_change(session, admin, state)
    with site_lock(site):
        change = plan_upload(site, name, content)
        _refuse_if_used(session, change, f"Không thay được tệp {name}: bản mới bỏ")
        _commit(session, state, change, admin.username)
    return describe(change.target, change.upload.kind), not change.replaced


def delete_catalog_file(session: Session, admin: User, state: WebState, name: str) -> None:
    """Remove a site file that neither the database nor the rest of the catalog needs."""
    site = _site_for_change(session, admin, state)
    with site_lock(site):
        change = plan_removal(site, name)
        _refuse_if_used(session, change, f"Không xóa được tệp {name}: tệp này định nghĩa")
        _commit(session, state, change, admin.username)


def _site_for_change(session: Session, admin: User, state: WebState) -> Path:
    authorize_shared_setting(session, admin, "Danh mục")
    if state.catalog_dir is None:
        raise InputError(
            "Máy chủ chưa có thư mục danh mục riêng (thiết lập CCHC_CATALOG_DIR).",
            "no site catalog directory (CCHC_CATALOG_DIR)",
        )
    return state.catalog_dir


def _refuse_if_used(session: Session, change: Change, lead: str) -> None:
    """CatalogInUse when reports use a template, or values exist for an indicator, that the
    change takes away."""
    if change.removed_templates:
        counts = session.execute(
            select(TemplateRow.key, func.count(Report.id))
            .join(Report, Report.template_id == TemplateRow.id)
            .where(TemplateRow.key.in_(change.removed_templates))
            .group_by(TemplateRow.key)
            .order_by(TemplateRow.key)
        ).all()
        if counts:
            used = ", ".join(f"«{key}» ({n} báo cáo)" for key, n in counts)
            raise CatalogInUse(
                f"{lead} bộ biểu mẫu đang được dùng: {used}. Các báo cáo này phải được xóa "
                "hoặc chuyển sang bộ biểu mẫu khác trước.",
                f"templates in use: {', '.join(key for key, _ in counts)}",
            )
    if change.removed_indicators:
        keys = session.scalars(
            select(IndicatorRow.key)
            .where(
                IndicatorRow.key.in_(change.removed_indicators),
                or_(
                    exists().where(ReportValue.indicator_id == IndicatorRow.id),
                    exists().where(ValueChange.indicator_id == IndicatorRow.id),
                ),
            )
            .order_by(IndicatorRow.key)
        ).all()
        if keys:
            shown = ", ".join(f"«{key}»" for key in keys[:5]) + (" …" if len(keys) > 5 else "")
            raise CatalogInUse(
                f"{lead} chỉ tiêu đã có số liệu trong báo cáo: {shown}.",
                f"indicators with values: {', '.join(keys)}",
            )


def _commit(session: Session, state: WebState, change: Change, actor: str) -> None:
    """Write the change, mirror the catalog into the database, log it and commit; undo the
    files when the database refuses."""
    apply(change)
    try:
        sync_catalog(session, change.catalog)
        record_change(session, f"catalog.{_action(change)}", change.name, actor,
                      **_logged(change))  # fmt: skip
        session.commit()
    except BaseException:
        session.rollback()
        undo(change)
        raise
    state.live_catalog.replace(change.catalog)


def _action(change: Change) -> str:
    if change.upload is None:
        return "delete"
    return "replace" if change.replaced else "add"


def _logged(change: Change) -> dict:
    """What the audit log keeps of a change: the ids the file now defines, and those removed."""
    detail: dict = {}
    if change.upload is not None:
        detail |= {"file_kind": change.upload.kind, "templates": list(change.upload.templates),
                   "indicators": list(change.upload.indicators)}  # fmt: skip
    if change.removed_templates or change.removed_indicators:
        detail |= {"removed_templates": list(change.removed_templates),
                   "removed_indicators": list(change.removed_indicators)}  # fmt: skip
    return detail
