"""Importing uploaded documents and reviewing what was read: the document's text with each
extracted figure marked, beside the values, their confidence and findings; accept, correct or
reject each, then save into the report."""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from cchc.catalog import Catalog
from cchc.errors import CchcError, InputError, NotFoundError
from cchc.ingest.importer import read_report_bounded, store_import
from cchc.ingest.limits import LIMITS
from cchc.storage import ReportStatus, change_status
from cchc.storage.models import DocumentRow, User
from cchc.web.permissions import authorize
from cchc.web.reports import ReportPlace, place_of, save_typed

DECISIONS = ("accept", "correct", "reject")
MAX_UPLOAD = 5 * LIMITS.file_bytes  # one request: a few documents at the largest size


@dataclass
class Outcome:
    """What became of one uploaded file."""

    file_name: str
    ok: bool
    message: str
    document_id: int | None = None
    path: str | None = None


def import_uploads(
    sessions: sessionmaker[Session],
    catalog: Catalog,
    user_id: int,
    files: list[tuple[str, bytes]],
    unit: str | None = None,
    period: str | None = None,
) -> list[Outcome]:
    """Import each file: read it with no database connection held (bounded in time and
    memory), then store it in a short transaction of its own; a failing file does not stop
    the others. The unit each document names must be one the user may import for."""
    with sessions.begin() as session:
        authorize(session, _user(session, user_id), "import")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="cchc-upload-") as folder:
        for name, content in files:
            path = Path(folder) / (Path(name).name or "tai-lieu")
            path.write_bytes(content)
            outcomes.append(_import_one(sessions, catalog, user_id, path, unit, period))
    return outcomes


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise NotFoundError("Tài khoản không còn hoạt động.", "user gone")
    return user


def _import_one(sessions, catalog, user_id: int, path: Path, unit, period) -> Outcome:
    """Read, then store one file; refused inside its transaction unless the user may import
    for the unit it turns out to belong to."""
    try:
        read = read_report_bounded(path, catalog)
        with sessions.begin() as session:
            user = _user(session, user_id)
            done = store_import(
                session, catalog, read, unit=unit, period=period, actor=user.username,
                fallback_unit=user.unit.key if user.unit else None,
                check_unit=lambda tx, target: authorize(tx, user, "import", target),
            )  # fmt: skip
    except CchcError as exc:
        return Outcome(path.name, False, exc.message_vi)
    return Outcome(
        path.name, True,
        f"{done.unit_name}, {done.period}: {done.values} số liệu, {done.findings} phát hiện.",
        done.document_id, f"/reports/{done.unit_key}/{done.period}/{done.template}",
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
