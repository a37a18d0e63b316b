"""How much a document may weigh before cchc refuses to read it (giới hạn tài liệu).

Checked as early as each can be — the file's size before anything is read, a DOCX's unpacked
size before it is unzipped, a PDF's compressed streams before a PDF library unpacks them,
an image's pixels before it is decoded, a PDF's pages before they are rendered, the text's
characters, lines and line lengths before it is analysed — and, for what no check can
foresee (a pathological layout, a damaged file that makes a library spin), a cap
on the time and memory of each reading (:mod:`cchc.ingest.sandbox`). Each refusal is an
InputError that says which limit and by how much.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from cchc.errors import InputError
from cchc.numbers import format_number

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits of one document (the defaults fit any real report with room to spare)."""

    file_bytes: int = 20 * MB
    unpacked_bytes: int = 100 * MB  # the parts of a DOCX, uncompressed
    unpack_ratio: int = 200  # uncompressed / compressed size of any one part
    pdf_streams_bytes: int = 20 * MB  # a PDF's compressed page contents, fonts, forms unpacked
    pages: int = 300
    image_pixels: int = 60_000_000  # an A4 page at 600 dpi is 35 million
    chars: int = 2_000_000
    lines: int = 50_000
    line_chars: int = 20_000
    seconds: float = 300.0  # reading and extraction of one document
    memory_bytes: int = 3 * 1024 * MB


LIMITS = Limits()


def _refuse(path: Path, what_vi: str, what_en: str) -> InputError:
    return InputError(f"Không đọc tệp {path.name}: {what_vi}.", f"{path.name} refused: {what_en}")


def check_file_size(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a file larger than the limit, before reading it."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise _refuse(
            path,
            f"tệp nặng {format_number(size / MB, 1)} MB, vượt giới hạn "
            f"{format_number(limits.file_bytes / MB, 0)} MB",
            f"{size} bytes, over the limit of {limits.file_bytes}",
        )


def check_zip(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a ZIP container (DOCX) that would unpack too large (a zip bomb), from its
    directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"Không đọc được tệp {path.name}: tệp nén bị hỏng.", f"{path.name}: bad zip ({exc})"
        ) from exc
    total = sum(m.file_size for m in members)
    if total > limits.unpacked_bytes:
        raise _refuse(
            path,
            f"khi giải nén tệp lên tới {format_number(total / MB, 0)} MB, vượt giới hạn "
            f"{format_number(limits.unpacked_bytes / MB, 0)} MB",
            f"unpacks to {total} bytes, over {limits.unpacked_bytes}",
        )
    for member in members:
        if member.file_size > limits.unpack_ratio * max(member.compress_size, 1024):
            raise _refuse(
                path,
                f"phần «{member.filename[:60]}» nén bất thường (có thể là tệp «bom nén»)",
                f"part {member.filename!r} has a compression ratio over {limits.unpack_ratio}",
            )


def check_pixels(path: Path, width: int, height: int, limits: Limits = LIMITS) -> None:
    """Refuse an image (or a page to render) with more pixels than the limit, before
    decoding it."""
    if width * height > limits.image_pixels:
        raise _refuse(
            path,
            f"ảnh {width}×{height} điểm ảnh quá lớn (tối đa "
            f"{format_number(limits.image_pixels / 1e6, 0)} triệu điểm ảnh)",
            f"image of {width}x{height} pixels, over {limits.image_pixels}",
        )


def check_text(path: Path, text: str, limits: Limits = LIMITS) -> None:
    """Refuse text longer than the limits (characters, lines, characters in one line)."""
    if len(text) > limits.chars:
        raise _refuse(
            path,
            f"văn bản dài {format_number(len(text), 0)} ký tự, vượt giới hạn "
            f"{format_number(limits.chars, 0)} ký tự",
            f"{len(text)} characters, over {limits.chars}",
        )
    lines = text.split("\n")
    if len(lines) > limits.lines:
        raise _refuse(
            path,
            f"văn bản có {format_number(len(lines), 0)} dòng, vượt giới hạn "
            f"{format_number(limits.lines, 0)} dòng",
            f"{len(lines)} lines, over {limits.lines}",
        )
    longest = max(range(len(lines)), key=lambda n: len(lines[n]))
    if len(lines[longest]) > limits.line_chars:
        raise _refuse(
            path,
            f"dòng {longest + 1} dài {format_number(len(lines[longest]), 0)} ký tự, vượt giới "
            f"hạn {format_number(limits.line_chars, 0)} ký tự một dòng",
            f"line {longest + 1} has {len(lines[longest])} characters, over {limits.line_chars}",
        )


_STREAM = re.compile(rb"(?<!end)stream\r?\n")  # a stream's data starts after it


def check_pdf_streams(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a PDF whose Flate-compressed streams other than images (page contents, fonts,
    forms) unpack larger than the limit (a flate bomb) — unpacked in bounded chunks, before
    any PDF library parses them. Scanned pages are images and do not count."""
    data = path.read_bytes()
    total = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 2048) : match.start()].rsplit(b"obj", 1)[-1]
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        total += _inflated_size(data, match.end(), limits.pdf_streams_bytes - total)
        if total > limits.pdf_streams_bytes:
            raise _refuse(
                path,
                f"nội dung nén của tệp PDF giải nén vượt giới hạn "
                f"{format_number(limits.pdf_streams_bytes / MB, 0)} MB (có thể là «bom nén»)",
                f"PDF streams unpack over {limits.pdf_streams_bytes} bytes",
            )


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    """Bytes one zlib stream at ``start`` unpacks to, stopping a little past ``budget``."""
    inflater = zlib.decompressobj()
    pending: bytes | memoryview = memoryview(data)[start:]
    size = 0
    try:
        while pending and size <= budget and not inflater.eof:
            size += len(inflater.decompress(pending, 1 << 18))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: the reader reports it
    return size
