"""The one interface every reader implements, and what they share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from cchc.errors import InputError
from cchc.ingest.document import Document, ReadProblem
from cchc.ingest.limits import LIMITS, Limits
from cchc.ingest.repair import Repaired


@dataclass(frozen=True)
class ReadOptions:
    """What the caller may tune when reading a file."""

    ocr_languages: str = "vie"
    max_pages: int = 300
    ocr_dpi: int = 300
    soffice_timeout: float = 180.0
    limits: Limits = LIMITS


class Reader(ABC):
    """Reads one file format into a :class:`Document` (text repaired, footnotes separated).

    A reader raises :class:`InputError` for a file it cannot read at all and records a
    :class:`ReadProblem` for anything it could only partly read.
    """

    format: ClassVar[str]

    @abstractmethod
    def read(self, path: Path, options: ReadOptions) -> Document:
        """Read ``path``; never raises anything but :class:`InputError`."""


def make_document(
    path: Path,
    fmt: str,
    repaired: Repaired,
    *,
    pages: int | None = None,
    ocr: bool = False,
    problems: list[ReadProblem] | None = None,
) -> Document:
    """A :class:`Document` from repaired text."""
    return Document(
        path=path,
        format=fmt,
        text=repaired.text,
        pages=pages,
        ocr=ocr,
        footnotes=[str(note) for note in repaired.footnotes],
        problems=problems or [],
    )


def unreadable(path: Path, kind: str, detail: str) -> InputError:
    """The file claims to be ``kind`` but cannot be opened as one (``detail``, often a
    library's exception name, goes to the English message only)."""
    return InputError(
        f"Không đọc được tệp {path.name}: tệp {kind} bị hỏng hoặc không đúng định dạng.",
        f"Cannot read {path.name}: corrupt or invalid {kind} file ({detail}).",
    )


def too_many_pages(path: Path, pages: int, limit: int) -> InputError:
    """More pages than the caller allows."""
    return InputError(
        f"Tệp {path.name} có {pages} trang, vượt giới hạn {limit} trang.",
        f"{path.name} has {pages} pages, more than the limit of {limit}.",
    )


def no_text(path: Path, why_vi: str, why_en: str) -> InputError:
    """Nothing readable came out of the file."""
    return InputError(
        f"Không tìm thấy chữ nào trong tệp {path.name} ({why_vi}).",
        f"No text found in {path.name} ({why_en}).",
    )
