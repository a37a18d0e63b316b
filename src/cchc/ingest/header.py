"""The header block of an official document (Nghị định 30/2020): issuing body and its parent,
number and code, place and date, document type, subject, "Kính gửi"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc.ingest.folding import find_phrase, fold_ocr, token_start

HEADER_LINES = 40
_NATIONAL = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap tu do hanh phuc",
)
_DOC_TYPES = ("bao cao", "ke hoach", "to trinh", "quyet dinh", "cong van", "thong bao")
_NUMBER = re.compile(r"\bso\s*:?\s*(\d*)\s*/\s*([a-z0-9\-]+(?:\s*-\s*[a-z0-9]+)*)")
_DATE = re.compile(
    r"(?P<place>[^,]{2,40}),\s*ng\w{0,2}y\s*(?P<d>\d{1,2})?\s*th\w{0,3}ng\s*(?P<m>\d{1,2})?\s*"
    r"n\w{0,2}m\s*(?P<y>(?:19|20)\d{2})"
)
# "ỦY BAN NHÂN DÂN" as OCR prints it too: "UY-BAN NHAN DAN", "UY BANNHANDAN".
UBND = r"(?:u\s*y\W*b\s*a\s*n\W*n\s*h\s*a\s*n\W*d\s*a\s*n|ubnd)"
_BODY_START = re.compile(
    rf"^({UBND}|so |ban |van phong|bo |thanh tra|hoi dong|cuc |tong cuc|chi cuc|trung tam)"
)
_JUNK = re.compile(r"(?:(?<=\s)|^)(?:[^\w\s]|_)+(?=\s|$)")  # OCR specks: " : ", " _ ", "~°", "|"
_QUOTES = re.compile(r"[‘’`´]")  # specks OCR reads as quotes; a subject quotes with “ ”
_ENDS = re.compile(r"^[\W_]+|(?:[^\w)]|_)+$")
_TO = re.compile(r"^kinh\s*g\w{0,2}i\s*:?\s*")
_BODY_OPENERS = ("kinh gui", "thuc hien", "can cu", "theo ", "nham ")


@dataclass
class Header:
    """What the header block says, as printed (not yet matched to units)."""

    bodies: list[str] = field(default_factory=list)
    number: str | None = None
    place: str | None = None
    issued_on: date | None = None
    year: int | None = None
    document_type: str | None = None
    subject: str | None = None
    subject_lines: tuple[int, int] | None = None
    recipients: list[str] = field(default_factory=list)


def read_header(lines: list[str]) -> Header:
    """Read the header from the first lines of a document."""
    header = Header()
    folded = [fold_ocr(line) for line in lines[:HEADER_LINES]]
    type_at = _document_type_line(folded)
    left_parts: list[str] = []
    for i, line in enumerate(lines[: type_at if type_at is not None else HEADER_LINES]):
        rest = _left_column(line, folded[i])
        _read_number_and_date(header, rest, fold_ocr(rest))
        if rest and not _NUMBER.search(fold_ocr(rest)) and not _DATE.search(fold_ocr(rest)):
            left_parts.append(rest)
    header.bodies = _bodies(left_parts)
    if type_at is not None:
        header.document_type = _ENDS.sub("", lines[type_at]).upper()
        _read_subject(header, lines, type_at)
    header.recipients = _recipients(lines)
    return header


def _document_type_line(folded: list[str]) -> int | None:
    for i, line in enumerate(folded):
        text = _ENDS.sub("", line)
        if text in _DOC_TYPES:
            return i
    return None


def _left_column(line: str, folded: str) -> str:
    """The line without the Quốc hiệu / Tiêu ngữ printed in the right column."""
    cut = len(line)
    for phrase in _NATIONAL:
        hit = find_phrase(phrase, folded, min_score=80)
        if hit:
            cut = min(cut, token_start(folded, hit.start))
    return line[:cut].strip(" *") if cut < len(line) else line.strip(" *")


def _read_number_and_date(header: Header, text: str, folded: str) -> None:
    number = _NUMBER.search(folded)
    if number and header.number is None:
        code = text[number.start(2) : number.end(2)].replace(" ", "").upper()
        header.number = f"{number.group(1)}/{_restore_code(code)}"
    when = _DATE.search(folded)
    if when and header.year is None:
        place = text[when.start("place") : when.end("place")]
        place = re.sub(r"^.*?/\s*[A-ZĐa-z0-9\-]+\s+", "", place).strip(" ,")
        header.place = place or None
        header.year = int(when.group("y"))
        if when.group("d") and when.group("m"):
            header.issued_on = _safe_date(
                int(when.group("y")), int(when.group("m")), int(when.group("d"))
            )


def _restore_code(code: str) -> str:
    """OCR reads Đ as P/B/D in codes: "QD" → "QĐ", "ND" → "NĐ" where the code means them."""
    return re.sub(r"\b(Q|N)[DPB](?=-|$)", r"\1Đ", code)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _bodies(parts: list[str]) -> list[str]:
    """Group the left-column lines into bodies: "UBND TỈNH X" / "SỞ Y" are two bodies,
    "ỦY BAN NHÂN DÂN" / "HUYỆN X" is one."""
    bodies: list[str] = []
    for part in parts:
        part = _ENDS.sub("", _JUNK.sub(" ", part))
        folded = fold_ocr(part)
        if not re.search(r"[a-z]", folded):
            continue
        if bodies and not _BODY_START.match(folded):
            bodies[-1] = f"{bodies[-1]} {part}"
        else:
            bodies.append(part)
    return [re.sub(r"\s+", " ", b).strip() for b in bodies]


def _read_subject(header: Header, lines: list[str], type_at: int) -> None:
    start = type_at + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip():
        if fold_ocr(lines[end]).startswith(_BODY_OPENERS):
            break
        end += 1
    if end > start:
        subject = " ".join(_JUNK.sub(" ", _QUOTES.sub(" ", line)) for line in lines[start:end])
        header.subject = _ENDS.sub("", re.sub(r"\s+", " ", subject)) or None
        header.subject_lines = (start + 1, end)


def _recipients(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines[: HEADER_LINES + 20]):
        folded = fold_ocr(line).strip()
        match = _TO.match(folded)
        if not match:
            continue
        first = line.strip()[match.end() :].strip(" ;.")
        found = [first] if first else []
        for follower in lines[i + 1 : i + 12]:
            text = follower.strip()
            if not text.startswith(("-", "+")):
                break
            found.append(text.lstrip("-+ ").rstrip(" ;."))
        return [f for f in found if f]
    return []
