"""Scanned pages as images (.png, .jpg, .tif — multi-page TIFF too), read by Tesseract OCR.

The OCR helpers here are shared with the PDF reader for pages that have no text layer.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path

import pytesseract
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from cchc.errors import InputError
from cchc.ingest.document import Document, ReadProblem
from cchc.ingest.limits import check_pixels
from cchc.ingest.readers.base import (
    Reader,
    ReadOptions,
    make_document,
    no_text,
    too_many_pages,
    unreadable,
)
from cchc.ingest.repair import repair_pages

OCR_PAGE_TIMEOUT = 180  # seconds for one page
# OCR threading, set deliberately: Tesseract's own OpenMP threads fight over the cores (a
# page took 23 s on 2 cores, 12 s of it system time), so each Tesseract runs one thread and
# pages are read side by side, one Tesseract process per core.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
OCR_WORKERS = max(1, os.cpu_count() or 1)


class ImageReader(Reader):
    """One image file; every frame of a TIFF is a page."""

    format = "image"

    def read(self, path: Path, options: ReadOptions) -> Document:
        check_ocr_languages(options.ocr_languages)
        problems: list[ReadProblem] = []
        with _open(path, options) as image:
            count = getattr(image, "n_frames", 1)
            if count > options.max_pages:
                raise too_many_pages(path, count, options.max_pages)
            frames = (frame.copy() for frame in ImageSequence.Iterator(image))
            pages = ocr_pages(enumerate(frames, start=1), options, problems)
        repaired = repair_pages(pages)
        if not repaired.text.strip():
            raise no_text(path, "OCR không nhận ra chữ nào trong ảnh", "OCR found no text")
        return make_document(
            path, self.format, repaired, pages=len(pages), ocr=True, problems=problems
        )


def _open(path: Path, options: ReadOptions) -> Image.Image:
    try:
        image = Image.open(path)
        check_pixels(path, *image.size, options.limits)
        image.load()
    except Image.DecompressionBombError as exc:
        raise unreadable(path, "ảnh / image", "ảnh quá lớn / image too large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise unreadable(path, "ảnh / image", type(exc).__name__) from exc
    return image


@functools.cache
def _installed_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as exc:
        raise InputError(
            "Cần cài Tesseract OCR (tesseract-ocr, tesseract-ocr-vie) để đọc ảnh và bản quét.",
            "Tesseract OCR (tesseract-ocr, tesseract-ocr-vie) is needed to read scans.",
        ) from exc


def check_ocr_languages(languages: str) -> None:
    """Fail early when Tesseract or one of its language packs is missing."""
    missing = [lang for lang in languages.split("+") if lang not in _installed_languages()]
    if missing:
        raise InputError(
            f"Tesseract chưa có gói ngôn ngữ {', '.join(missing)} "
            f"(cài tesseract-ocr-{missing[0]}).",
            f"Tesseract language data missing: {', '.join(missing)}.",
        )


def prepare(image: Image.Image) -> Image.Image:
    """Upright, flattened onto white, greyscale: what Tesseract reads best."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    return image.convert("L")


def ocr_pages(
    pages: Iterable[tuple[int, Image.Image]], options: ReadOptions, problems: list[ReadProblem]
) -> list[list[str]]:
    """The lines of each (page number, image), in order: ``OCR_WORKERS`` pages at a time,
    each by its own Tesseract process (only that many page images are held at once)."""
    found: list[list[str]] = []
    remaining = iter(pages)
    with ThreadPoolExecutor(OCR_WORKERS) as pool:
        while batch := list(islice(remaining, OCR_WORKERS)):
            found += pool.map(lambda page: ocr_page(page[1], options, page[0], problems), batch)
    problems.sort(key=lambda problem: problem.page or 0)
    return found


def ocr_page(
    image: Image.Image, options: ReadOptions, number: int, problems: list[ReadProblem]
) -> list[str]:
    """The page's printed lines as Tesseract reads them; a failure is recorded, not raised."""
    dpi = image.info.get("dpi", (options.ocr_dpi,))[0] or options.ocr_dpi
    config = f"--psm 3 --dpi {round(float(dpi))}"
    try:
        text = pytesseract.image_to_string(
            prepare(image), lang=options.ocr_languages, config=config, timeout=OCR_PAGE_TIMEOUT
        )
    except (RuntimeError, pytesseract.TesseractError) as exc:
        timeout = "quá thời gian" if "timeout" in str(exc).lower() else "Tesseract báo lỗi"
        problems.append(
            ReadProblem("ocr", f"Không nhận dạng được chữ trên trang ({timeout}).", number)
        )
        return []
    lines = text.replace("\f", "").split("\n")
    if not any(line.strip() for line in lines):
        problems.append(ReadProblem("ocr", "Trang không có chữ nhận dạng được.", number))
    return lines
