"""The table of input formats: extension → reader, checked against the file's first bytes.

This is the only place that knows which formats cchc reads. :func:`read_document` finds the
format from the extension, checks that the content is what the extension promises, and hands
the file to that format's reader. Every failure is an :class:`InputError` with a Vietnamese
message; nothing else escapes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from cchc.errors import InputError
from cchc.ingest.document import Document
from cchc.ingest.limits import LIMITS, Limits, check_file_size, check_text
from cchc.ingest.readers.base import Reader, ReadOptions
from cchc.ingest.readers.doc import DocReader
from cchc.ingest.readers.docx import DocxReader
from cchc.ingest.readers.image import ImageReader
from cchc.ingest.readers.pdf import PdfReader
from cchc.ingest.readers.text import TextReader

log = logging.getLogger(__name__)

# content kinds, from the first bytes
_SIGNATURES: tuple[tuple[str, bytes], ...] = (
    ("zip", b"PK\x03\x04"),
    ("ole2", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ("rtf", b"{\\rtf"),
    ("png", b"\x89PNG\r\n\x1a\n"),
    ("jpeg", b"\xff\xd8\xff"),
    ("tiff", b"II*\x00"),
    ("tiff", b"MM\x00*"),
)
_KIND_NAMES = {
    "zip": "tệp nén ZIP",
    "ole2": "tài liệu Office cũ (OLE2)",
    "rtf": "RTF",
    "pdf": "PDF",
    "png": "ảnh PNG",
    "jpeg": "ảnh JPEG",
    "tiff": "ảnh TIFF",
    None: "dữ liệu không rõ loại",
}


@dataclass(frozen=True)
class Format:
    """One input format: its extensions, the content kinds it accepts, its reader."""

    name: str
    label: str
    extensions: tuple[str, ...]
    accepts: frozenset[str | None]
    reader: type[Reader]


FORMATS: tuple[Format, ...] = (
    Format("txt", "văn bản thuần", (".txt",), frozenset({None}), TextReader),
    Format("docx", "Word (.docx)", (".docx",), frozenset({"zip"}), DocxReader),
    # LibreOffice opens old Word, RTF and misnamed DOCX files alike
    Format("doc", "Word 97–2003 (.doc)", (".doc",), frozenset({"ole2", "rtf", "zip"}), DocReader),
    Format("pdf", "PDF", (".pdf",), frozenset({"pdf"}), PdfReader),
    Format("png", "ảnh PNG", (".png",), frozenset({"png"}), ImageReader),
    Format("jpeg", "ảnh JPEG", (".jpg", ".jpeg"), frozenset({"jpeg"}), ImageReader),
    Format("tiff", "ảnh TIFF", (".tif", ".tiff"), frozenset({"tiff"}), ImageReader),
)
_BY_EXTENSION = {ext: fmt for fmt in FORMATS for ext in fmt.extensions}


def supported_extensions() -> list[str]:
    """Every extension cchc reads, e.g. for a file picker or ``--help``."""
    return list(_BY_EXTENSION)


def sniff(head: bytes) -> str | None:
    """The content kind of a file from its first bytes (None for text or unknown data)."""
    for kind, magic in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def format_of(path: Path) -> Format:
    """The format for ``path``'s extension."""
    fmt = _BY_EXTENSION.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(supported_extensions())
        raise InputError(
            f"Không hỗ trợ định dạng tệp “{path.suffix or path.name}”. Các định dạng đọc được: "
            f"{known}.",
            f"Unsupported file type “{path.suffix or path.name}”; supported: {known}.",
        )
    return fmt


def read_document(
    path: Path,
    *,
    ocr_languages: str = "vie",
    max_pages: int = LIMITS.pages,
    limits: Limits = LIMITS,
) -> Document:
    """Read a report file of any supported format into a :class:`Document`, refusing one
    over the ``limits`` (size, unpacked size, pixels, pages, characters, lines)."""
    path = Path(path)
    fmt = format_of(path)
    head = _head(path)
    fmt = _by_content(path, fmt, sniff(head))
    options = ReadOptions(ocr_languages=ocr_languages, max_pages=max_pages, limits=limits)
    check_file_size(path, limits)
    try:
        document = fmt.reader().read(path, options)
    except InputError:
        raise
    except Exception as exc:  # a library failing on a malformed file: never a traceback
        log.info("reading %s failed", path, exc_info=True)
        raise InputError(
            f"Không đọc được tệp {path.name}: tệp {fmt.label} bị hỏng hoặc có cấu trúc lạ.",
            f"Cannot read {path.name}: damaged or unusual {fmt.label} file ({exc!r}).",
        ) from exc
    document.format = fmt.name
    check_text(path, document.text, limits)
    return document


def _by_content(path: Path, fmt: Format, kind: str | None) -> Format:
    """``fmt`` if the content is what it accepts; a sibling read by the same reader (a PNG
    named .jpg) if one accepts it; otherwise an error naming what the file really is."""
    if kind in fmt.accepts:
        return fmt
    for other in FORMATS:
        if other.reader is fmt.reader and kind in other.accepts:
            return other
    raise _mismatch(path, fmt, kind)


def _head(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise InputError(
                f"Không tìm thấy tệp {path}.",
                f"File not found: {path}.",
            )
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise InputError(
            f"Không mở được tệp {path}: {exc.strerror or exc}.",
            f"Cannot open {path}: {exc}.",
        ) from exc
    if not head:
        raise InputError(f"Tệp {path.name} trống (0 byte).", f"{path.name} is empty (0 bytes).")
    return head


def _mismatch(path: Path, fmt: Format, kind: str | None) -> InputError:
    what = _KIND_NAMES.get(kind, kind)
    return InputError(
        f"Tệp {path.name} có đuôi {path.suffix} nhưng nội dung không phải {fmt.label} "
        f"(thực tế là {what}).",
        f"{path.name} has extension {path.suffix} but its content is not {fmt.label} "
        f"(found: {kind or 'unknown data'}).",
    )
