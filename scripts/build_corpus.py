"""Render the reading corpus into the forms the reader is measured on (developer tool).

Each source ``bench/corpus/sources/<id>.txt`` (format: ``bench/corpus/README.md``) becomes,
in ``bench/corpus/build/<id>/``:

- ``<id>.txt``: clean text as a clerk's "save as text" gives (two-column blocks padded to a
  fixed width, tables as TAB-separated rows, page breaks as form feeds);
- ``<id>.docx``: an official-looking Word document (A4, Nghị định 30/2020 margins, Times New
  Roman 14 pt, borderless two-column header and signature, tables with grid borders);
- ``<id>.scan.pdf``: the DOCX printed by LibreOffice, rasterised and degraded like an office
  scan (rotation, blur, speckles, grey uneven paper, streaks), greyscale JPEG pages, no text;
- ``<id>.ocr.txt``: those page images OCR'd by ``tesseract -l eng`` (no Vietnamese model, so
  diacritics are lost), pages joined by a form feed.

Run::

    .venv/bin/python scripts/build_corpus.py [--only ID ...] [--forms txt,docx,scan,ocr]
                                             [--out DIR] [--sources DIR] [--force]

A report whose outputs are up to date (stamp with the sha256 of the source and of this script)
is skipped. The output depends only on the source, this script and the tools (LibreOffice,
fonts, PDFium, Pillow, tesseract): page damage comes from an RNG seeded by the report id.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "bench" / "corpus" / "sources"
BUILD = ROOT / "bench" / "corpus" / "build"
FORMS = ("txt", "docx", "scan", "ocr")
STAMP = ".stamp.json"

TEXT_COLUMN = 48  # the left column of a two-column line is padded to this width
TEXT_WIDTH = 96  # centred lines are centred in this width
DPI = 250  # scanner resolution
JPEG_QUALITY = 70
SOFFICE_TIMEOUT = 240  # seconds for one DOCX → PDF conversion
TESSERACT_TIMEOUT = 300  # seconds for one page
FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)


class BuildError(Exception):
    """A problem that stops the build (bad source, missing tool, failed conversion)."""


# --------------------------------------------------------------------------- source format


@dataclass(frozen=True)
class Columns:
    """A ``::: header`` or ``::: signature`` block: (left, right) per line."""

    kind: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Title:
    """A ``= text`` line: centred, bold."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """An ordinary line: one paragraph."""

    text: str


@dataclass(frozen=True)
class Row:
    """A table row: its cells, or one merged cell (a ``#`` group heading)."""

    cells: tuple[str, ...]
    merged: bool = False


@dataclass(frozen=True)
class Table:
    """A ``::: table`` block; the first row is the header."""

    rows: tuple[Row, ...]

    @property
    def width(self) -> int:
        """The number of columns (cells of the header row)."""
        return len(self.rows[0].cells)


@dataclass(frozen=True)
class PageBreak:
    """A ``::: pagebreak`` line."""


Block = Columns | Title | Paragraph | Table | PageBreak


def body_lines(text: str) -> tuple[int, list[str]]:
    """The source's lines after the front matter, with the 1-based number of the first one."""
    lines = text.splitlines()
    if not lines or lines[0] != "---" or "---" not in lines[1:]:
        raise BuildError("the source does not start with a '---' front matter")
    end = lines.index("---", 1)
    return end + 2, lines[end + 1 :]


def parse_source(text: str) -> list[Block]:
    """The blocks of a source file, in order."""
    first, lines = body_lines(text)
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        try:
            block, i = _parse_at(lines, i)
        except BuildError as error:
            raise BuildError(f"line {first + i}: {error}") from None
        if block is not None:
            blocks.append(block)
    return blocks


def _parse_at(lines: list[str], i: int) -> tuple[Block | None, int]:
    """The block starting at line ``i`` (None for a blank line) and the next line's index."""
    line = lines[i].rstrip()
    if not line.strip():
        return None, i + 1
    if line.startswith("= "):
        return Title(line[2:].strip()), i + 1
    if not line.startswith(":::"):
        return Paragraph(line.strip()), i + 1
    directive = line[3:].strip()
    if directive == "pagebreak":
        return PageBreak(), i + 1
    if directive not in ("header", "signature", "table"):
        raise BuildError(f"unknown directive {line!r}")
    content, after = _block_lines(lines, i + 1)
    if directive == "table":
        return _table(content), after
    return Columns(directive, tuple(_two_columns(line) for line in content)), after


def _block_lines(lines: list[str], start: int) -> tuple[list[str], int]:
    """The non-blank lines from ``start`` up to the closing ``:::`` and the index after it."""
    for end in range(start, len(lines)):
        if lines[end].strip() == ":::":
            return [line for line in lines[start:end] if line.strip()], end + 1
        if lines[end].startswith(":::"):
            raise BuildError(f"block not closed before {lines[end]!r}")
    raise BuildError("block not closed by ':::'")


def _two_columns(line: str) -> tuple[str, str]:
    """``left || right`` as its two stripped halves."""
    left, _, right = line.partition("||")
    return left.strip(), right.strip()


def _table(lines: list[str]) -> Table:
    """The rows of a table block, each padded to the header's width."""
    if not lines:
        raise BuildError("empty table")
    rows = [_row(line) for line in lines]
    width = len(rows[0].cells)
    for row in rows:
        if not row.merged and len(row.cells) > width:
            raise BuildError(f"row {' | '.join(row.cells)!r} has more cells than the header")
    return Table(tuple(_pad(row, width) for row in rows))


def _row(line: str) -> Row:
    """One table line: cells split on ``|``, or a merged ``#`` row."""
    stripped = line.strip()
    if stripped.startswith("#"):
        return Row((stripped.lstrip("#").strip(),), merged=True)
    return Row(tuple(cell.strip() for cell in stripped.split("|")))


def _pad(row: Row, width: int) -> Row:
    """The row with empty cells added up to ``width`` (merged rows unchanged)."""
    if row.merged or len(row.cells) == width:
        return row
    return Row(row.cells + ("",) * (width - len(row.cells)))


# --------------------------------------------------------------------------- plain text


def render_text(blocks: Sequence[Block]) -> str:
    """The report as clean plain text, one paragraph or table row per line."""
    lines: list[str] = []
    for block in blocks:
        lines.extend(_text_lines(block))
    return "\n".join(lines) + "\n"


def _text_lines(block: Block) -> Iterator[str]:
    """The text lines of one block."""
    if isinstance(block, Columns):
        for left, right in block.rows:
            yield _text_two_columns(left, right)
    elif isinstance(block, Table):
        for row in block.rows:
            yield "\t".join(row.cells)
    elif isinstance(block, Title):
        yield block.text.center(TEXT_WIDTH).rstrip()
    elif isinstance(block, Paragraph):
        yield block.text
    else:
        yield "\f"


def _text_two_columns(left: str, right: str) -> str:
    """A two-column line: the left column padded with spaces, then the right one."""
    if not right:
        return left
    return left.ljust(max(TEXT_COLUMN, len(left) + 2)) + right


# --------------------------------------------------------------------------- DOCX


@dataclass(frozen=True)
class Look:
    """How a run of text is set."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | center | right | justify


PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # Nghị định 30/2020
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
COLUMNS_MM = {"header": (64, TEXT_MM - 64), "signature": (82, TEXT_MM - 82)}
FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def render_docx(blocks: Sequence[Block], path: Path, title: str) -> None:
    """Write the report as a Word document at ``path`` (deterministic bytes)."""
    doc = Document()
    _setup_document(doc, title)
    writers: dict[type, Callable] = {
        Columns: _docx_columns,
        Title: _docx_title,
        Paragraph: _docx_paragraph,
        Table: _docx_table,
        PageBreak: lambda doc, _block: doc.add_page_break(),
    }
    for block in blocks:
        writers[type(block)](doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    _write_zip_deterministic(buffer.getvalue(), path)


def _setup_document(doc, title: str) -> None:
    """A4 page, official margins, Times New Roman 14 pt, fixed document properties."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "", ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1


def _write_zip_deterministic(data: bytes, path: Path) -> None:
    """Rewrite a zip package with fixed entry times, so equal content gives equal bytes."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            target.writestr(entry, source.read(info), compress_type=zipfile.ZIP_DEFLATED)


def _set_run(paragraph, text: str, look: Look) -> None:
    """Put ``text`` into ``paragraph`` with ``look``; no extra spacing."""
    paragraph.alignment = ALIGN[look.align]
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(look.size)
        run.bold, run.italic = look.bold, look.italic


def _is_upper(text: str) -> bool:
    """Whether the text has letters and all are capitals (an issuer, a section heading)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _header_look(text: str) -> Look:
    """Header block: issuer and national name in bold capitals, motto bold, date italic."""
    bold = _is_upper(text) or text.startswith("Độc lập")
    size = 12 if text.startswith("CỘNG HÒA") else 13
    return Look(size=size, bold=bold, italic=", ngày" in text, align="center")


def _signature_look(text: str, column: int) -> Look:
    """Signature block: recipients small on the left, signer centred and bold on the right."""
    if column == 0:
        heading = text.endswith(":")
        return Look(size=12 if heading else 11, bold=heading, italic=heading)
    return Look(size=14, bold=not text.startswith("("), italic=text.startswith("("), align="center")


def _docx_columns(doc, block: Columns) -> None:
    """A header or signature block: a borderless two-column table, one row per line."""
    table = doc.add_table(rows=len(block.rows), cols=2)
    _table_borders(table, "nil")
    _column_widths(table, COLUMNS_MM[block.kind])
    for row, pair in zip(table.rows, block.rows, strict=True):
        for column, (cell, text) in enumerate(zip(row.cells, pair, strict=True)):
            look = _header_look(text) if block.kind == "header" else _signature_look(text, column)
            _set_run(cell.paragraphs[0], text, look)
    _spacer(doc)


def _docx_title(doc, block: Title) -> None:
    """A ``=`` line: centred and bold."""
    paragraph = doc.add_paragraph()
    _set_run(paragraph, block.text, Look(bold=True, align="center"))
    paragraph.paragraph_format.space_after = Pt(3)


def _docx_paragraph(doc, block: Paragraph) -> None:
    """An ordinary paragraph: justified, first-line indent; headings in capitals bold; a
    parenthesised line (annex reference) centred in italics."""
    paragraph = doc.add_paragraph()
    text = block.text
    if text.startswith("(") and text.endswith(")"):
        _set_run(paragraph, text, Look(italic=True, align="center"))
    else:
        _set_run(paragraph, text, Look(bold=_is_upper(text), align="justify"))
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    paragraph.paragraph_format.space_after = Pt(6)


def _docx_table(doc, block: Table) -> None:
    """A ``::: table``: grid borders, bold header row repeated on each page, merged ``#`` rows."""
    widths = _table_widths(block)
    aligns = _table_aligns(block)
    table = doc.add_table(rows=len(block.rows), cols=block.width)
    _table_borders(table, "single")
    for i, (row, source) in enumerate(zip(table.rows, block.rows, strict=True)):
        if source.merged:
            cell = row.cells[0].merge(row.cells[-1])
            _set_run(cell.paragraphs[0], source.cells[0], Look(size=12, bold=True))
            continue
        for cell, text, align in zip(row.cells, source.cells, aligns, strict=True):
            look = Look(size=12, bold=True, align="center") if i == 0 else Look(12, align=align)
            _set_run(cell.paragraphs[0], text, look)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _repeat_header(table.rows[0])
    _column_widths(table, widths)
    _spacer(doc)


def _table_widths(block: Table) -> list[float]:
    """Column widths (mm) filling the text width, from the length of the cells' text."""
    plain = [row.cells for row in block.rows if not row.merged]
    weights = []
    for column in range(block.width):
        lengths = [len(cells[column]) for cells in plain]
        weights.append(6 + min(50, 0.3 * max(lengths) + 0.7 * sum(lengths) / len(lengths)))
    widths = [max(12.0, TEXT_MM * w / sum(weights)) for w in weights]
    return [w * TEXT_MM / sum(widths) for w in widths]


def _table_aligns(block: Table) -> list[str]:
    """Body alignment per column: columns of long text left, codes and figures centred."""
    plain = [row.cells for row in block.rows[1:] if not row.merged] or [block.rows[0].cells]
    means = [sum(len(cells[c]) for cells in plain) / len(plain) for c in range(block.width)]
    return ["left" if mean > 15 else "center" for mean in means]


def _column_widths(table, widths_mm: Sequence[float]) -> None:
    """Fix the column widths (grid and every cell), so Word and LibreOffice agree."""
    table.autofit = False
    for column, mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(mm)
    for row in table.rows:
        for cell, mm in zip(row.cells, _row_widths(row, widths_mm), strict=False):
            cell.width = Mm(mm)


def _row_widths(row, widths_mm: Sequence[float]) -> list[float]:
    """The widths of a row's distinct cells (a merged cell spans all the columns)."""
    distinct = {id(cell._tc) for cell in row.cells}
    return [sum(widths_mm)] if len(distinct) == 1 else list(widths_mm)


def _table_borders(table, value: str) -> None:
    """Set all borders of ``table`` to ``value`` ('single' half-point lines, or 'nil')."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), value)
        if value != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    properties.append(borders)


def _repeat_header(row) -> None:
    """Mark the row as a header row, repeated at the top of each page the table runs over."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _spacer(doc) -> None:
    """A small empty paragraph after a table (keeps consecutive tables apart)."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(8)


# --------------------------------------------------------------------------- scan and OCR


@dataclass(frozen=True)
class PageJob:
    """One page to rasterise, degrade, save as JPEG and (maybe) OCR, in a worker process."""

    pdf: str
    index: int
    seed: int
    jpeg: str
    ocr: bool


def docx_to_pdf(docx: Path, outdir: Path, profile: Path) -> Path:
    """Print the DOCX to PDF with headless LibreOffice (own user profile, time limit)."""
    command = [
        _soffice(),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(docx),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise BuildError(f"LibreOffice took over {SOFFICE_TIMEOUT} s on {docx.name}") from None
    pdf = outdir / f"{docx.stem}.pdf"
    if done.returncode != 0 or not pdf.exists():
        message = done.stderr.decode(errors="replace").strip()
        raise BuildError(f"LibreOffice did not convert {docx.name}: {message}")
    return pdf


def _soffice() -> str:
    """The LibreOffice executable."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise BuildError("LibreOffice is not installed (no 'soffice' on PATH)")
    return found


def page_count(pdf: Path) -> int:
    """The number of pages of a PDF."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def page_seed(report_id: str, index: int) -> int:
    """The RNG seed of one page: from the report id and the page number."""
    digest = hashlib.sha256(f"{report_id}#{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def process_page(job: PageJob) -> str:
    """Rasterise, degrade and save one page; its OCR text (empty when not asked)."""
    image = degrade(render_page(Path(job.pdf), job.index), random.Random(job.seed))
    image.save(job.jpeg, "JPEG", quality=JPEG_QUALITY, dpi=(DPI, DPI))
    return ocr_page(Path(job.jpeg)) if job.ocr else ""


def render_page(pdf: Path, index: int) -> Image.Image:
    """One page of the PDF as a greyscale image at the scanner's resolution."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        bitmap = document[index].render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """The page as an office scanner gives it: faded ink, slight skew and shift, blur, grey
    uneven paper, an occasional streak, speckles and sensor grain."""
    ink = rng.randint(20, 55)
    image = image.point(lambda v: ink + v * (255 - ink) // 255)
    angle = rng.uniform(0.2, 1.2) * rng.choice((-1, 1))
    shift = (rng.randint(-25, 25), rng.randint(-20, 20))
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, translate=shift, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    image = ImageChops.multiply(image, _paper(image.size, rng))
    if rng.random() < 0.35:
        image = ImageChops.multiply(image, _streak(image.size, rng))
    _speckle(image, rng)
    return ImageChops.multiply(image, _grain(image.size, rng))


def _paper(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Slightly grey paper lit unevenly: a smooth field, brighter in one corner."""
    cols, rows = 9, 12
    base = rng.uniform(232, 246)
    slope_x, slope_y = rng.uniform(-12, 12), rng.uniform(-12, 12)
    values = []
    for y in range(rows):
        for x in range(cols):
            tilt = slope_x * (x / (cols - 1) - 0.5) + slope_y * (y / (rows - 1) - 0.5)
            values.append(max(200, min(255, round(base + tilt + rng.uniform(-4, 4)))))
    field = Image.new("L", (cols, rows))
    field.putdata(values)
    return field.resize(size, resample=Image.Resampling.BICUBIC)


def _streak(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A faint vertical streak (dust on the scanner glass), soft-edged."""
    layer = Image.new("L", size, 255)
    x = rng.randint(size[0] // 10, size[0] * 9 // 10)
    top = rng.choice((0, rng.randint(0, size[1] // 2)))
    ImageDraw.Draw(layer).rectangle(
        (x, top, x + rng.randint(2, 6), size[1]), fill=rng.randint(205, 235)
    )
    return layer.filter(ImageFilter.GaussianBlur(2))


def _speckle(image: Image.Image, rng: random.Random) -> None:
    """Dust and toner specks: a few hundred small grey dots (drawn in place)."""
    draw = ImageDraw.Draw(image)
    width, height = image.size
    for _ in range(rng.randint(150, 500)):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.choice((0.6, 1, 1, 1.5, 2, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(60, 190))


def _grain(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Sensor noise: a soft random field darkening by a few levels."""
    amplitude = rng.randint(12, 20)
    noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    noise = noise.filter(ImageFilter.GaussianBlur(0.7))
    return noise.point(lambda v: 255 - v * amplitude // 255)


def ocr_page(image: Path) -> str:
    """The text tesseract's English model reads on one page image."""
    command = ["tesseract", str(image), "stdout", "-l", "eng", "--dpi", str(DPI)]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, capture_output=True, env=env, timeout=TESSERACT_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"tesseract took over {TESSERACT_TIMEOUT} s on {image.name}") from None
    if done.returncode != 0:
        raise BuildError(f"tesseract failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode("utf-8").strip("\f\n ")


def save_scan_pdf(pages: Sequence[Path], path: Path, title: str) -> None:
    """All page images in one image-only PDF, A4 pages (the images' resolution is DPI)."""
    images = [Image.open(page) for page in pages]
    fixed = FIXED_TIME.timetuple()
    try:
        images[0].save(
            path,
            "PDF",
            save_all=True,
            append_images=images[1:],
            resolution=DPI,
            quality=JPEG_QUALITY,
            title=title,
            creationDate=fixed,
            modDate=fixed,
        )
    finally:
        for image in images:
            image.close()


def scan_pages(
    pdf: Path, report_id: str, work: Path, ocr: bool, pool: Executor
) -> tuple[list[Path], list[str]]:
    """Degrade every page of the printed PDF (in parallel); (JPEG paths, OCR texts)."""
    jobs = [
        PageJob(str(pdf), i, page_seed(report_id, i), str(work / f"page-{i:03d}.jpg"), ocr)
        for i in range(page_count(pdf))
    ]
    texts = list(pool.map(process_page, jobs))
    return [Path(job.jpeg) for job in jobs], texts


# --------------------------------------------------------------------------- one report


@dataclass
class Builder:
    """Builds reports into ``out``; one LibreOffice profile and one worker pool for all."""

    sources: Path
    out: Path
    forms: tuple[str, ...]
    force: bool
    script_sha: str
    profile: Path
    pool: Executor

    def build(self, report_id: str) -> str:
        """Build one report's stale forms; a line saying what was done."""
        started = time.monotonic()
        source = self.sources / f"{report_id}.txt"
        source_sha = sha256_file(source)
        target = self.out / report_id
        fresh = set() if self.force else up_to_date(target, source_sha, self.script_sha)
        todo = [form for form in self.forms if form not in fresh]
        if not todo:
            return f"{report_id:<32}    up to date"
        target.mkdir(parents=True, exist_ok=True)
        try:
            blocks = parse_source(source.read_text(encoding="utf-8"))
        except BuildError as error:
            raise BuildError(f"{source}: {error}") from None
        pages = self._render(report_id, blocks, todo, target)
        write_stamp(target, source_sha, self.script_sha, sorted(fresh | set(todo)))
        seconds = time.monotonic() - started
        detail = f" ({pages} pages)" if pages else ""
        return f"{report_id:<32} {seconds:6.1f} s  {','.join(todo)}{detail}"

    def _render(self, report_id: str, blocks: list[Block], todo: list[str], target: Path) -> int:
        """Write the forms in ``todo``; the number of scanned pages (0 when none)."""
        if "txt" in todo:
            (target / f"{report_id}.txt").write_text(render_text(blocks), encoding="utf-8")
        if "docx" in todo:
            render_docx(blocks, target / f"{report_id}.docx", report_id)
        if "scan" not in todo and "ocr" not in todo:
            return 0
        with tempfile.TemporaryDirectory(prefix="build-corpus-") as tmp:
            return self._scan(report_id, blocks, todo, target, Path(tmp))

    def _scan(
        self, report_id: str, blocks: list[Block], todo: list[str], target: Path, work: Path
    ) -> int:
        """The scanned PDF and/or the OCR text, through a DOCX printed by LibreOffice."""
        docx = work / f"{report_id}.docx"
        render_docx(blocks, docx, report_id)
        pdf = docx_to_pdf(docx, work, self.profile)
        jpegs, texts = scan_pages(pdf, report_id, work, "ocr" in todo, self.pool)
        if "scan" in todo:
            save_scan_pdf(jpegs, target / f"{report_id}.scan.pdf", report_id)
        if "ocr" in todo:
            (target / f"{report_id}.ocr.txt").write_text("\f".join(texts) + "\n", "utf-8")
        return len(jpegs)


def output_names(report_id: str) -> dict[str, str]:
    """The file name of each form."""
    return {
        "txt": f"{report_id}.txt",
        "docx": f"{report_id}.docx",
        "scan": f"{report_id}.scan.pdf",
        "ocr": f"{report_id}.ocr.txt",
    }


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def up_to_date(target: Path, source_sha: str, script_sha: str) -> set[str]:
    """The forms already built from this source by this script (and still on disk)."""
    try:
        stamp = json.loads((target / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if stamp.get("source_sha256") != source_sha or stamp.get("script_sha256") != script_sha:
        return set()
    names = output_names(target.name)
    return {form for form in stamp.get("forms", []) if (target / names[form]).exists()}


def write_stamp(target: Path, source_sha: str, script_sha: str, forms: list[str]) -> None:
    """Record which forms were built from which source and script."""
    stamp = {"source_sha256": source_sha, "script_sha256": script_sha, "forms": forms}
    (target / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- command line


def check_tools(forms: Sequence[str]) -> None:
    """Fail with a clear message when a form needs a tool that is not installed."""
    if "scan" not in forms and "ocr" not in forms:
        return
    hint = " (or build only --forms txt,docx)"
    try:
        _soffice()
    except BuildError as error:
        raise BuildError(f"{error}{hint}") from None
    if "ocr" in forms:
        if not shutil.which("tesseract"):
            raise BuildError("tesseract is not installed (no 'tesseract' on PATH)" + hint)
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, check=False)
        if "eng" not in langs.stdout.decode(errors="replace").split():
            raise BuildError("tesseract has no English model 'eng' (tesseract-ocr-eng)" + hint)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="build only these reports")
    parser.add_argument("--forms", default=",".join(FORMS), help="comma list of " + ",".join(FORMS))
    parser.add_argument("--out", type=Path, default=BUILD, help="output directory")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="directory of sources")
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    args = parser.parse_args(argv)
    forms = tuple(f.strip() for f in args.forms.split(",") if f.strip())
    unknown = sorted(set(forms) - set(FORMS))
    if unknown or not forms:
        parser.error(f"--forms: unknown {unknown}; choose from {','.join(FORMS)}")
    args.forms = tuple(form for form in FORMS if form in forms)
    return args


def report_ids(sources: Path, only: Sequence[str] | None) -> list[str]:
    """The reports to build: all sources, or the ones named (which must exist)."""
    available = sorted(path.stem for path in sources.glob("*.txt"))
    if not only:
        return available
    missing = [report_id for report_id in only if report_id not in available]
    if missing:
        raise BuildError(f"no source for {', '.join(missing)} in {sources}")
    return list(dict.fromkeys(only))


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus; 0 when every report built, 1 (with a message) otherwise."""
    args = parse_args(argv)
    try:
        check_tools(args.forms)
        ids = report_ids(args.sources, args.only)
        run_builds(args, ids)
    except BuildError as error:
        print(f"build_corpus: {error}", file=sys.stderr)
        return 1
    return 0


def run_builds(args: argparse.Namespace, ids: Sequence[str]) -> None:
    """Build each report in turn, printing one line per report and a total."""
    started = time.monotonic()
    context = multiprocessing.get_context("fork")
    with (
        tempfile.TemporaryDirectory(prefix="build-corpus-lo-") as profile,
        ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context) as pool,
    ):
        builder = Builder(
            args.sources, args.out, args.forms, args.force, sha256_file(Path(__file__)),
            Path(profile), pool,
        )  # fmt: skip
        for report_id in ids:
            print(builder.build(report_id), flush=True)
    print(f"{len(ids)} reports in {time.monotonic() - started:.1f} s → {args.out}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
