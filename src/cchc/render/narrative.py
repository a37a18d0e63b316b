"""The narrative of a report imported from a document: the text of its sections, taken from the
stored document, for the sections the unit has not written in cchc.

Only clean Vietnamese text is taken (an OCR'd report without its diacritics would not be fit to
sign); the section tree comes from the extraction stored with the document.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc.storage import SECTION_KEYS
from cchc.storage.models import DocumentRow, Report
from cchc.text import fold

# Where a report's body ends: the closing sentence, the signature block, the annexes.
_BODY_END = re.compile(r"tran trong bao cao|^noi nhan|^(bieu mau|phu luc)\b|^(kt|tm|tl)\. ")
# Share of letters carrying a diacritic below which text is taken for OCR without Vietnamese.
_MIN_MARKED = 0.2


def document_narrative(session: Session, report: Report) -> tuple[dict[str, str], str | None]:
    """Section key → text of the report's latest imported document, and the file's name."""
    document = session.scalar(
        select(DocumentRow)
        .where(DocumentRow.report_id == report.id)
        .order_by(DocumentRow.id.desc())
        .limit(1)
    )
    if document is None:
        return {}, None
    text = document.restored_text or document.text
    if (document.ocr and not document.restored_text) or not _is_vietnamese(text):
        return {}, None
    sections = (document.extraction or {}).get("sections") or []
    found = section_texts(text.split("\n"), sections)
    return found, document.file_name if found else None


def section_texts(lines: list[str], sections: list[dict]) -> dict[str, str]:
    """Text of each outline section: a top-level heading's whole extent, or a sub-heading's
    when its parent reports on another area (II. Kết quả … → 1. Cải cách thể chế …)."""
    end_of_body = _body_end(lines)
    texts: dict[str, list[str]] = {}
    parent_area = None
    for section in sections:
        if section["level"] == 1:
            parent_area = section["area"]
        elif section["area"] == parent_area:
            continue
        if section["area"] not in SECTION_KEYS:
            continue
        last = min(section["end"], end_of_body)
        body = [line.strip() for line in lines[section["line"] : last] if line.strip()]
        texts.setdefault(section["area"], []).extend(_rejoined(body))
    return {key: "\n".join(body) for key, body in texts.items() if body}


def _rejoined(lines: list[str]) -> list[str]:
    """Paragraphs cut by a page break ("… Các văn" / "bản chỉ đạo …") joined again."""
    joined: list[str] = []
    for line in lines:
        if joined and line[:1].islower() and not joined[-1].endswith((".", ":", ";", "!", "?")):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _body_end(lines: list[str]) -> int:
    """Number of the last line of the body (1-based)."""
    for number, line in enumerate(lines, start=1):
        if "\t" in line or _BODY_END.search(fold(line.strip())):
            return number - 1
    return len(lines)


def _is_vietnamese(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    marked = sum(1 for c in letters if c != unicodedata.normalize("NFD", c)[0] or c in "đĐ")
    return marked / len(letters) >= _MIN_MARKED
