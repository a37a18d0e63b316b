"""The end of an official document: signing authority, signer's title and name, Nơi nhận."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.ingest.folding import find_phrase, fold_ocr
from cchc.ingest.vocabulary import vocabulary

_RECIPIENTS = re.compile(r"^\s*\**\s*noi\s*nh\w{0,3}n\s*:?")
_SIGNED = re.compile(r"\(\s*da\s*k[yi]\s*\)|(?:^|\s)(?:kt|tm|tl)\s*\.\s*[a-z]")
_ANNEX = re.compile(r"^\s*\**\s*(?:bieu\s*mau|phu\s*luc)\b")
_TAIL_LINES = 30
_BEFORE_RECIPIENTS = 8
_AFTER_RECIPIENTS = 25
_NAME_WORD = re.compile(r"[A-ZÀ-ỸĐ][a-zà-ỹđ]{1,7}")
_NAME = re.compile(r"^[A-ZÀ-ỸĐ][a-zà-ỹđ]{0,7}(?: [A-ZÀ-ỸĐ][a-zà-ỹđ]{0,7}){1,4}$")
_COLUMNS = re.compile(r"\t+|\s{3,}")  # what parts a block's two columns in plain text
_NOT_NAME = ("email", "ky boi", "luu", "noi nhan", "tran trong", "thoi gian")


@dataclass
class Signature:
    """Who signs, and who receives copies."""

    title: str | None = None
    name: str | None = None
    name_line: int | None = None
    distribution: list[str] = field(default_factory=list)


def read_signature(lines: list[str]) -> Signature:
    """Read the signature block and Nơi nhận: around the last "Nơi nhận" (annexes may
    follow it), else around the last "(Đã ký)" or signing authority ("KT. GIÁM ĐỐC"),
    else in the last lines of the document."""
    recipients_at = [i for i, line in enumerate(lines) if _RECIPIENTS.match(fold_ocr(line))]
    anchor = recipients_at[-1] if recipients_at else _signed_at(lines)
    if anchor is not None:
        start = max(0, anchor - _BEFORE_RECIPIENTS)
        end = _annexes_from(lines, anchor + 1, anchor + _AFTER_RECIPIENTS)
    else:
        start, end = max(0, len(lines) - _TAIL_LINES), len(lines)
    tail = lines[start:end]
    folded = [fold_ocr(line) for line in tail]
    signature = Signature(title=_title(folded))
    if recipients_at:
        signature.distribution = _distribution(lines[recipients_at[-1] + 1 : end])
    for offset in range(len(tail) - 1, -1, -1):
        name = _name_in(tail[offset])
        if name:
            signature.name, signature.name_line = name, start + offset + 1
            break
    return signature


def _signed_at(lines: list[str]) -> int | None:
    """The last line that marks the signature ("(Đã ký)", "KT. CHỦ TỊCH"), if any."""
    for index in range(len(lines) - 1, -1, -1):
        if _SIGNED.search(fold_ocr(lines[index])):
            return index
    return None


def _name_in(line: str) -> str | None:
    """A person's name standing alone on the line or in its right-hand column (the
    signature block beside Nơi nhận: "- UBND các huyện;          Nguyễn Văn A"), or after
    the recipient item OCR ran into it ("- Lưu: VT, NV. Phan Văn Thuận")."""
    whole = line.strip()
    cells = [whole, *_COLUMNS.split(whole)[1:]] if _COLUMNS.search(whole) else [whole]
    cells.append(_after_item(whole))
    for cell in reversed(cells):
        text = cell.strip().strip("*").strip()
        if _NAME.match(text) and not fold_ocr(text).startswith(_NOT_NAME):
            return text
    return None


def _after_item(line: str) -> str:
    """What follows a line's last ";" or ".", without the specks OCR left before it."""
    words = re.split(r"[;.]", line)[-1].split()
    while words and not _NAME_WORD.fullmatch(words[0]):
        words.pop(0)
    return " ".join(words)


def _annexes_from(lines: list[str], first: int, last: int) -> int:
    """Where the annexes start (a "Biểu mẫu" / "Phụ lục" heading or a table row) between
    ``first`` and ``last``: their wording ("… Chủ tịch UBND tỉnh giao") is no signature.
    A line of two cells is the signature block beside Nơi nhận, not a table row."""
    last = min(len(lines), last)
    for index in range(first, last):
        if lines[index].strip().count("\t") >= 2 or _ANNEX.match(fold_ocr(lines[index])):
            return index
    return last


def _title(folded: list[str]) -> str | None:
    """ "KT. CHỦ TỊCH, PHÓ CHỦ TỊCH" from the words found (OCR-tolerant)."""
    words = vocabulary()
    parts: list[str] = []
    joined = " | ".join(folded)
    for section in ("signing_authority", "signer_title"):
        best = _best_match(words[section], joined, taken=parts)
        if best:
            parts.append(best)
    return ", ".join(parts) or None


def _best_match(choices: dict[str, str], text: str, taken: list[str]) -> str | None:
    """The longest wording of ``choices`` found in ``text`` (longest first, so that
    "phó chủ tịch" wins over "chủ tịch")."""
    for phrase in sorted(choices, key=len, reverse=True):
        written = choices[phrase]
        if any(written in t for t in taken):
            continue
        if find_phrase(phrase, text, min_score=86, whole_words=True):
            return written
    return None


def _distribution(lines: list[str]) -> list[str]:
    found: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if not text.lstrip("*").lstrip().startswith(("-", "+")):
            if found:
                break
            continue
        item = re.split(r"\s{2,}|;\s+[A-ZĐ]{2,}", text.lstrip("-+ *"))[0]
        found.append(item.rstrip(" ;.,*"))
    return found
