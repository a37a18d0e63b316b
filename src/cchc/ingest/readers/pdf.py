"""PDF files: the text layer through pdfplumber, tables as TAB-separated rows in reading order;
pages without a usable text layer are rendered with pypdfium2 and read by OCR."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from PIL import Image

from cchc.errors import InputError
from cchc.ingest.document import Document, ReadProblem
from cchc.ingest.limits import check_pdf_streams, check_pixels
from cchc.ingest.readers.base import (
    Reader,
    ReadOptions,
    make_document,
    no_text,
    too_many_pages,
    unreadable,
)
from cchc.ingest.readers.image import check_ocr_languages, ocr_pages
from cchc.ingest.repair import repair_pages, to_superscript

_MIN_TEXT_CHARS = 10  # fewer printable characters than this: a scanned page
_FOOTNOTE_RULE = "__________"  # the repair step reads this as the rule above footnotes
_INDENT = (12.0, 60.0)  # points: a first-line indent is 1–1.27 cm; more is a column
_PDF_ERRORS = (PDFSyntaxError, PdfminerException, MalformedPDFException, ValueError, KeyError)
Char = dict[str, Any]
# pdfminer logs every damaged object it skips; a damaged file is reported once, as a problem.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class PdfReader(Reader):
    """A ``.pdf`` file, text layer first, OCR where there is none."""

    format = "pdf"

    def read(self, path: Path, options: ReadOptions) -> Document:
        pages: list[list[str] | None] = []
        problems: list[ReadProblem] = []
        check_pdf_streams(path, options.limits)
        with _open(path) as pdf:
            count = len(pdf.pages)
            if count > options.max_pages:
                raise too_many_pages(path, count, options.max_pages)
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_page_text(page, number, problems))
                page.close()
        scanned = [i for i, lines in enumerate(pages) if lines is None]
        if scanned:
            check_ocr_languages(options.ocr_languages)
            for i, lines in zip(scanned, _ocr_pages(path, scanned, options, problems), strict=True):
                pages[i] = lines
        repaired = repair_pages([lines or [] for lines in pages], join_capitals=not scanned)
        if not repaired.text.strip():
            raise no_text(path, "PDF không có lớp chữ và OCR không đọc được", "no text found")
        return make_document(
            path, self.format, repaired, pages=count, ocr=bool(scanned), problems=problems
        )


def _page_text(page: Page, number: int, problems: list[ReadProblem]) -> list[str] | None:
    """The page's text layer; a page pdfplumber cannot take apart is OCR'd instead."""
    try:
        return _text_layer(page)
    except Exception:  # a damaged page must not lose the whole document
        problems.append(ReadProblem("pdf", "Không đọc được lớp chữ của trang, dùng OCR.", number))
        return None


def _open(path: Path) -> pdfplumber.PDF:
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(path) from exc
    except _PDF_ERRORS as exc:
        raise _broken(path, exc) from exc
    try:
        _ = pdf.pages  # parses the page tree: broken files fail here
    except _PDF_ERRORS as exc:
        pdf.close()
        raise _broken(path, exc) from exc
    return pdf


def _broken(path: Path, exc: Exception) -> InputError:
    if isinstance(exc, PdfminerException) and _is_password_error(exc):
        return _encrypted(path)
    return unreadable(path, "PDF", type(exc.__cause__ or exc.__context__ or exc).__name__)


def _is_password_error(exc: BaseException) -> bool:
    text = f"{exc!r} {exc.__cause__!r} {exc.__context__!r}".lower()
    return "password" in text or "encrypt" in text


def _encrypted(path: Path) -> InputError:
    return InputError(
        f"Tệp {path.name} là PDF có mật khẩu (được mã hóa); hãy gỡ mật khẩu rồi gửi lại.",
        f"{path.name} is a password-protected (encrypted) PDF.",
    )


# -- text layer -----------------------------------------------------------------------------


@dataclass
class _Item:
    """A printed line or a whole table, with its position on the page."""

    top: float
    bottom: float
    x0: float
    lines: list[str]
    table: bool = False


def _text_layer(page: Page) -> list[str] | None:
    """The page's lines with tables in place, or None when the page must be OCR'd."""
    chars = page.chars
    printable = sum(1 for c in chars if not c["text"].isspace())
    garbled = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if printable < _MIN_TEXT_CHARS or garbled > printable / 4:
        return None
    _raise_superscripts(chars)
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    items = [
        _Item(t.bbox[1], t.bbox[3], t.bbox[0], [_row(r) for r in t.extract()], True) for t in tables
    ]
    body = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for line in body.extract_text_lines(strip=True, return_chars=False):
        items.append(_Item(line["top"], line["bottom"], line["x0"], [line["text"]]))
    rule = _footnote_rule(page, boxes)
    if rule is not None:
        items.append(_Item(rule, rule, 0.0, [_FOOTNOTE_RULE], True))
    items.sort(key=lambda item: item.top)
    return _with_paragraph_breaks(items)


def _with_paragraph_breaks(items: list[_Item]) -> list[str]:
    """Lines, with a blank line where a paragraph starts: after a vertical gap or at a
    first-line indent (Nghị định 30 asks for both), so that wrapped lines can be joined."""
    margins = Counter(round(item.x0) for item in items if not item.table)
    margin = margins.most_common(1)[0][0] if margins else 0
    out: list[str] = []
    prev: _Item | None = None
    for item in items:
        if prev is not None and not item.table and not prev.table:
            gap = item.top - prev.bottom
            indented = _is_indent(item.x0 - margin) and not _is_indent(prev.x0 - margin)
            if gap > 0.6 * (prev.bottom - prev.top) or indented:
                out.append("")
        out += item.lines
        prev = item
    return out


def _is_indent(offset: float) -> bool:
    return _INDENT[0] < offset < _INDENT[1]


def _row(cells: list[str | None]) -> str:
    return "\t".join(_cell(c) for c in cells)


def _cell(text: str | None) -> str:
    return " ".join((text or "").split())


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _raise_superscripts(chars: list[Char]) -> None:
    """Small raised digits (footnote markers) become superscript digits in the text."""
    for i, char in enumerate(chars):
        if not char["text"].isdigit():
            continue
        ref = _neighbour(chars, i)
        if ref is not None and _is_raised(char, ref):
            char["text"] = to_superscript(char["text"])


def _neighbour(chars: list[Char], i: int) -> Char | None:
    """The nearest non-digit, non-space character on the same line, before or after."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(chars) and (chars[j]["text"].isdigit() or chars[j]["text"].isspace()):
            j += step
        if 0 <= j < len(chars) and abs(chars[j]["top"] - chars[i]["top"]) < chars[j]["size"]:
            return chars[j]
    return None


def _is_raised(char: Char, ref: Char) -> bool:
    smaller = char["size"] < 0.8 * ref["size"]
    return smaller and char["bottom"] < ref["bottom"] - 0.15 * ref["size"]


def _footnote_rule(page: Page, boxes: list[tuple[float, float, float, float]]) -> float | None:
    """Top of the short horizontal rule above the footnotes, if the page draws one: alone
    at its height, in the lower part of the page, starting at the left margin."""
    width = float(page.width)
    rules = [
        obj
        for obj in (*page.lines, *page.rects)
        if obj["top"] > page.height * 0.4 and abs(obj["bottom"] - obj["top"]) < 2
    ]
    candidates = [
        obj["top"]
        for obj in rules
        if 0.1 * width < obj["x1"] - obj["x0"] < 0.45 * width
        and obj["x0"] < width * 0.3
        and not _inside(obj, boxes)
        and sum(1 for other in rules if abs(other["top"] - obj["top"]) < 1) == 1
    ]
    return max(candidates) if candidates else None


# -- OCR ------------------------------------------------------------------------------------


def _ocr_pages(
    path: Path, indexes: list[int], options: ReadOptions, problems: list[ReadProblem]
) -> list[list[str]]:
    """Render the given pages at ``options.ocr_dpi`` and OCR them (pages side by side)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise unreadable(path, "PDF", str(exc)) from exc
    try:
        return ocr_pages(_rendered(pdf, path, indexes, options), options, problems)
    finally:
        pdf.close()


def _rendered(
    pdf: pdfium.PdfDocument, path: Path, indexes: list[int], options: ReadOptions
) -> Iterator[tuple[int, Image.Image]]:
    """(page number, image) of each page, rendered when asked for (PDFium in one thread)."""
    for i in indexes:
        page = pdf[i]
        width, height = page.get_size()  # points
        scale = options.ocr_dpi / 72
        check_pixels(path, round(width * scale), round(height * scale), options.limits)
        image = page.render(scale=scale).to_pil().copy()
        image.info["dpi"] = (options.ocr_dpi, options.ocr_dpi)
        page.close()
        yield i + 1, image
