"""Importing uploaded documents and reviewing what was read: the document's text with each
extracted figure marked, beside the values, their confidence and findings; accept, correct or
reject each, then save into the report."""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.errors import CchcError, InputError, NotFoundError
from cchc.ingest.importer import import_file
from cchc.storage import ReportStatus, change_status
from cchc.storage.models import DocumentRow, User
from cchc.units.index import default_unit_index
from cchc.web.permissions import authorize
from cchc.web.reports import ReportPlace, place_of, save_typed

MAX_BYTES = 20 * 1024 * 1024
DECISIONS = ("accept", "correct", "reject")


@dataclass
class Outcome:
    """What became of one uploaded file."""

    file_name: str
    ok: bool
    message: str
    document_id: int | None = None
    path: str | None = None


def import_uploads(
    session: Session,
    catalog: Catalog,
    user: User,
    files: list[tuple[str, bytes]],
    unit: str | None = None,
    period: str | None = None,
) -> list[Outcome]:
    """Import each file in its own transaction; a failing file does not stop the others. The
    unit each document names must be one the user may import for."""
    authorize(session, user, "import")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="cchc-upload-") as folder:
        for name, content in files:
            path = Path(folder) / Path(name).name
            path.write_bytes(content)
            outcomes.append(_import_one(session, catalog, user, path, unit, period))
    return outcomes


def _import_one(session, catalog, user, path: Path, unit, period) -> Outcome:
    """Read and store one file (read once), refused inside its transaction unless the user
    may import for the unit it turns out to belong to."""
    try:
        if len(path.read_bytes()) > MAX_BYTES:
            raise InputError(f"{path.name}: tệp lớn hơn 20 MB.", "file too large")
        session.commit()  # the import runs in its own transaction; see it afterwards
        done = import_file(
            session.get_bind(), catalog, default_unit_index(), path,
            unit=unit, period=period, actor=user.username,
            fallback_unit=user.unit.key if user.unit else None,
            check_unit=lambda tx, target: authorize(tx, user, "import", target),
        )  # fmt: skip
    except CchcError as exc:
        session.rollback()
        return Outcome(path.name, False, exc.message_vi)
    document_id = session.scalar(
        select(DocumentRow.id).where(DocumentRow.file_name == path.name)
        .order_by(DocumentRow.id.desc()).limit(1)
    )  # fmt: skip
    return Outcome(
        path.name, True,
        f"{done.unit_name}, {done.period}: {done.values} số liệu, {done.findings} phát hiện.",
        document_id, f"/reports/{done.unit_key}/{done.period}/{done.template}",
    )  # fmt: skip


@dataclass
class ReviewItem:
    """One extracted figure beside the report's current value."""

    key: str
    code: str | None
    name: str
    unit: str | None
    extracted: float
    current: str
    confidence: float
    line: int
    evidence: str
    source: str


def document_for(session: Session, catalog: Catalog, user: User, document_id: int):
    """A stored document and its report's place, if the user may see it."""
    document = session.get(DocumentRow, document_id)
    if document is None or document.report_id is None:
        raise NotFoundError(f"Không có tài liệu số {document_id}.", "unknown document")
    place = place_of(session, catalog, document.report_id)
    authorize(session, user, "view", place.unit)
    return document, place


def review_text(document: DocumentRow) -> tuple[list[str], bool]:
    """The lines to show: the restored text when it keeps the original's lines."""
    original = unicodedata.normalize("NFC", document.text).splitlines()
    restored = unicodedata.normalize("NFC", document.restored_text or "").splitlines()
    if restored and len(restored) == len(original):
        return restored, True
    return original, False


def review_items(document: DocumentRow, place: ReportPlace, current: dict) -> list[ReviewItem]:
    """The extracted values that belong to the report's template, best one per indicator."""
    wanted = set(place.template.indicator_ids())
    best: dict[str, dict] = {}
    for value in document.extraction.get("values", []):
        key = value["indicator"]
        if key in wanted and (key not in best or value["confidence"] > best[key]["confidence"]):
            best[key] = value
    items = []
    for key in place.template.indicator_ids():
        if key not in best:
            continue
        value = best[key]
        located = place.template.locate(key)
        items.append(
            ReviewItem(
                key, located[1] if located else None, value["name"], value.get("unit"),
                value["value"], current.get(key, ""), value["confidence"],
                value["evidence"]["line"], value["evidence"]["text"], value["evidence"]["source"],
            )
        )  # fmt: skip
    return items


def apply_review(
    session: Session,
    catalog: Catalog,
    user: User,
    place: ReportPlace,
    decisions: dict[str, tuple[str, str]],
    base_version: int | None,
) -> int:
    """Apply accept / correct / reject per indicator, then take the report out of "imported"
    into a draft — both based on ``base_version``. Returns how many values changed."""
    authorize(session, user, "edit", place.unit)
    raw = {}
    for key, (action, corrected) in decisions.items():
        if action not in DECISIONS:
            raise InputError(f"Lựa chọn «{action}» không hợp lệ.", f"bad decision {action!r}")
        if action == "correct":
            raw[key] = corrected
        elif action == "reject":
            raw[key] = ""
    changed = save_typed(session, catalog, user, place, raw, base_version)
    if place.report is not None and place.report.status == ReportStatus.imported:
        change_status(
            session,
            report=place.report,
            to=ReportStatus.draft,
            actor=user.username,
            base_version=None if raw else base_version,  # the values' write checked it
        )
    return changed
