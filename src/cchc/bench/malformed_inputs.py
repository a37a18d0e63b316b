"""A deterministic corpus of malformed inputs: documents (txt, docx, pdf, images) and
spreadsheets (csv, xlsx) damaged in the ways real files and attackers damage them —
truncation, random bytes, wrong encodings, broken XML, zip and flate bombs, absurd sizes,
absurd numbers, duplicated columns and rows, stale sheet dimensions.

``generate(folder, count)`` writes about ``count`` files and returns (path, kind) pairs,
``kind`` being "document" (for `cchc import`) or "sheet" (for `cchc data import`). The same
seed gives the same files.
"""

from __future__ import annotations

import datetime
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
from openpyxl import Workbook
from PIL import Image, ImageDraw

REPORT = """ỦY BAN NHÂN DÂN XÃ TÂN MỸ
Số: 12/BC-UBND
Tân Mỹ, ngày 10 tháng 9 năm 2023
BÁO CÁO
Kết quả công tác cải cách hành chính Quý III năm 2023
Kính gửi: UBND huyện.
I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
UBND xã ban hành 03 kế hoạch về cải cách hành chính; hoàn thành 18/20 nhiệm vụ.
II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH
Bộ phận Một cửa tiếp nhận 1.250 hồ sơ, giải quyết 1.200 hồ sơ, đúng hạn 1.188 hồ sơ (99,0%).
Số hồ sơ trực tuyến là 640 hồ sơ, chiếm 51,2%.
III. ĐÁNH GIÁ CHUNG
Hoàn thành tốt các nhiệm vụ.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""
UNITS = ["c07201", "c07207", "7201", "p24", "Phường Thọ Xương", "9999", "", "0", "-1", "p24 "]
NUMBERS = [
    "12",
    "1.250",
    "99,3",
    "-5",
    "--5",
    "inf",
    "NaN",
    "1e400",
    "1" * 400,
    "²",
    "٣",
    "5\n6",
    "1,5",
    "0x10",
    "120",
    " ",
    "12a",
    "1.2.3",
    "+7",
    "10" * 30,
]
INDICATORS = [
    "procedures.resolved.commune",
    "procedures.on_time_rate.commune",
    "direction.plan_tasks",
    "khong.co",
    "",
    "procedures.resolved",
]
PERIODS = ["2023-Q3", "2023-Q2", "2023-Y", "0000-Q1", "2023", "Quý III/2023", ""]


def generate(folder: Path, count: int = 1000, seed: int = 9) -> list[tuple[Path, str]]:
    """About ``count`` malformed files in ``folder``: (path, "document" | "sheet")."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    seeds = _seeds()
    made: list[tuple[Path, str]] = []
    families = list(_families())
    n = 0
    while len(made) < count:
        name, kind, make = families[n % len(families)]
        n += 1
        path = folder / f"{n:05d}-{name}"
        path.write_bytes(make(rng, seeds))
        made.append((path, kind))
    return made


def _seeds() -> dict[str, bytes]:
    """Valid files to damage: the report as text, DOCX, PNG; a sheet as CSV and XLSX."""
    document = docx.Document()
    for line in REPORT.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ("STT", "Chỉ tiêu", "ĐVT", "Số liệu"),
            ("1", "Số hồ sơ", "HS", "1.250"),
            ("2", "Tỷ lệ", "%", "99,0"),
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    image = Image.new("L", (900, 400), 255)
    ImageDraw.Draw(image).multiline_text((20, 20), "BAO CAO\nSo ho so: 1.250\nTy le 99,0%", 0)
    png = io.BytesIO()
    image.save(png, "PNG")
    return {
        "txt": REPORT.encode(),
        "docx": out.getvalue(),
        "png": png.getvalue(),
        "csv": _csv_rows([("c07201", "2023-Q3", INDICATORS[0], "12")]).encode(),
        "xlsx": _xlsx([("c07201", "2023-Q3", INDICATORS[0], 12)]),
    }


Maker = Callable[[random.Random, dict[str, bytes]], bytes]


def _families() -> Iterator[tuple[str, str, Maker]]:
    yield from _text_families()
    yield from _docx_families()
    yield from _pdf_families()
    yield from _image_families()
    yield from _sheet_families()


def _flip(data: bytes, rng: random.Random, share: float) -> bytes:
    buffer = bytearray(data)
    for _ in range(max(1, int(len(buffer) * share))):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _text_families() -> Iterator[tuple[str, str, Maker]]:
    doc = "document"
    yield "random.txt", doc, lambda r, s: r.randbytes(r.randrange(1, 5000))
    yield "flipped.txt", doc, lambda r, s: _flip(s["txt"], r, 0.05)
    yield "truncated.txt", doc, lambda r, s: s["txt"][: r.randrange(1, len(s["txt"]))]
    yield "utf16.txt", doc, lambda r, s: REPORT.encode("utf-16-le")
    yield "nul.txt", doc, lambda r, s: s["txt"].replace(b" ", b"\0", r.randrange(1, 40))
    yield "empty.txt", doc, lambda r, s: b" \n\t" * r.randrange(0, 3)
    yield "longline.txt", doc, lambda r, s: s["txt"].replace(b"\n", b" ") * r.randrange(200, 400)
    yield "manylines.txt", doc, lambda r, s: b"1\n" * r.randrange(40_000, 60_000)
    yield "shuffled.txt", doc, _shuffled
    yield "numbers.txt", doc, lambda r, s: " ".join(r.choice(NUMBERS) for _ in range(300)).encode()
    yield "control.txt", doc, lambda r, s: bytes(r.randrange(32) for _ in range(2000))
    yield "latin1.txt", doc, lambda r, s: REPORT.encode("cp1258", errors="replace")
    yield "bigfile.txt", doc, lambda r, s: s["txt"] * 12_000
    yield "nopdf.pdf", doc, lambda r, s: s["txt"]
    yield "pdfasdocx.docx", doc, lambda r, s: b"%PDF-1.4\n" + r.randbytes(500)


def _shuffled(rng: random.Random, seeds: dict[str, bytes]) -> bytes:
    lines = REPORT.splitlines() * rng.randrange(1, 30)
    rng.shuffle(lines)
    for i in rng.sample(range(len(lines)), k=min(10, len(lines))):
        lines[i] = lines[i] + " " + rng.choice(NUMBERS)
    return "\n".join(lines).encode()


def _zip_with(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx_parts(seed: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _docx_families() -> Iterator[tuple[str, str, Maker]]:
    doc = "document"
    body = "word/document.xml"
    yield "random.docx", doc, lambda r, s: b"PK\x03\x04" + r.randbytes(r.randrange(10, 3000))
    yield "truncated.docx", doc, lambda r, s: s["docx"][: r.randrange(30, len(s["docx"]))]
    yield "flipped.docx", doc, lambda r, s: _flip(s["docx"], r, 0.002)
    yield (
        "nobody.docx",
        doc,
        lambda r, s: _zip_with({k: v for k, v in _docx_parts(s["docx"]).items() if k != body}),
    )
    yield (
        "brokenxml.docx",
        doc,
        lambda r, s: _zip_with(
            {**_docx_parts(s["docx"]), body: _docx_parts(s["docx"])[body][: r.randrange(50, 2000)]}
        ),
    )
    yield (
        "bomb.docx",
        doc,
        lambda r, s: _zip_with({**_docx_parts(s["docx"]), "word/media/x.bin": b"\0" * 150_000_000}),
    )
    yield "wide.docx", doc, _wide_docx
    yield (
        "deep.docx",
        doc,
        lambda r, s: _zip_with(
            {
                **_docx_parts(s["docx"]),
                body: b"<w:document>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</w:document>",
            }
        ),
    )


def _wide_docx(rng: random.Random, seeds: dict[str, bytes]) -> bytes:
    document = docx.Document()
    document.add_paragraph("BÁO CÁO Quý III năm 2023")
    table = document.add_table(rows=rng.randrange(2, 30), cols=rng.randrange(20, 60))
    for row in table.rows:
        for cell in row.cells[:5]:
            cell.text = rng.choice(NUMBERS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with these objects (1 = catalog) and a correct cross-reference table."""
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _pdf_page(content: bytes, box: bytes = b"[0 0 595 842]", filters: bytes = b"") -> bytes:
    stream = b"<< /Length %d %s>>\nstream\n" % (len(content), filters) + content + b"\nendstream"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def _flate_bomb(rng: random.Random, seeds: dict[str, bytes]) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b"0 0 Td " * 150_000
    packed = b"".join(packer.compress(chunk) for _ in range(rng.randrange(100, 300)))
    return _pdf_page(packed + packer.flush(), filters=b"/Filter /FlateDecode ")


def _pdf_families() -> Iterator[tuple[str, str, Maker]]:
    doc = "document"
    text = b"BT /F1 12 Tf 72 720 Td (BAO CAO Quy III nam 2023. So ho so 1.250) Tj ET"
    yield "ok.pdf", doc, lambda r, s: _pdf_page(text)
    yield "truncated.pdf", doc, lambda r, s: _pdf_page(text)[: r.randrange(20, 500)]
    yield "flipped.pdf", doc, lambda r, s: _flip(_pdf_page(text), r, 0.02)
    yield "random.pdf", doc, lambda r, s: b"%PDF-1.7\n" + r.randbytes(r.randrange(10, 4000))
    yield "hugepage.pdf", doc, lambda r, s: _pdf_page(b"", box=b"[0 0 14400 14400]")
    yield "flatebomb.pdf", doc, _flate_bomb
    yield "manypages.pdf", doc, _many_pages
    yield (
        "loop.pdf",
        doc,
        lambda r, s: _pdf(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
        ),
    )


def _many_pages(rng: random.Random, seeds: dict[str, bytes]) -> bytes:
    count = rng.randrange(301, 400)
    kids = b" ".join(b"3 0 R" for _ in range(count))
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def _png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + b"\0" * 64
    )


def _image_families() -> Iterator[tuple[str, str, Maker]]:
    doc = "document"
    yield "truncated.png", doc, lambda r, s: s["png"][: r.randrange(8, len(s["png"]))]
    yield "flipped.png", doc, lambda r, s: _flip(s["png"], r, 0.01)
    yield "giant.png", doc, lambda r, s: _png_header(r.randrange(50_000, 100_000), 60_000)
    yield "random.jpg", doc, lambda r, s: b"\xff\xd8\xff" + r.randbytes(r.randrange(10, 3000))
    yield "tiny.png", doc, lambda r, s: _tiny_png()
    yield "pngas.jpg", doc, lambda r, s: s["png"]


def _tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (1, 1), 255).save(out, "PNG")
    return out.getvalue()


def _csv_rows(rows: list[tuple[str, ...]], header: str = "unit,period,indicator,value") -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value

    return header + "\n" + "".join(",".join(cell(str(v)) for v in row) + "\n" for row in rows)


def _random_rows(rng: random.Random, n: int) -> list[tuple[str, ...]]:
    return [
        (rng.choice(UNITS), rng.choice(PERIODS), rng.choice(INDICATORS), rng.choice(NUMBERS))
        for _ in range(n)
    ]


def _xlsx(rows: list[tuple], header: tuple = ("unit", "period", "indicator", "value")) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_families() -> Iterator[tuple[str, str, Maker]]:
    sheet = "sheet"
    yield "rows.csv", sheet, lambda r, s: _csv_rows(_random_rows(r, r.randrange(1, 40))).encode()
    yield (
        "dupcol.csv",
        sheet,
        lambda r, s: _csv_rows(
            [("c07201", "2023-Q3", INDICATORS[0], "1", "2")], "unit,period,indicator,value,value"
        ).encode(),
    )
    yield (
        "duprows.csv",
        sheet,
        lambda r, s: _csv_rows(
            [("c07201", "2023-Q3", INDICATORS[0], str(r.randrange(9)))] * 2
        ).encode(),
    )
    yield "nocols.csv", sheet, lambda r, s: b"a;b;c\n1;2;3\n"
    yield (
        "hugefield.csv",
        sheet,
        lambda r, s: _csv_rows([("c07201", "2023-Q3", INDICATORS[0], "9" * 200_000)]).encode(),
    )
    yield "unbalanced.csv", sheet, lambda r, s: s["csv"] + b'c07201,"2023-Q3,x\n'
    yield "binary.csv", sheet, lambda r, s: r.randbytes(r.randrange(1, 3000))
    yield "flipped.csv", sheet, lambda r, s: _flip(s["csv"], r, 0.1)
    yield "rows.xlsx", sheet, lambda r, s: _xlsx(_random_rows(r, r.randrange(1, 40)))
    yield "truncated.xlsx", sheet, lambda r, s: s["xlsx"][: r.randrange(30, len(s["xlsx"]))]
    yield "brokenxml.xlsx", sheet, _broken_sheet
    yield "flipped.xlsx", sheet, lambda r, s: _flip(s["xlsx"], r, 0.003)
    yield (
        "dates.xlsx",
        sheet,
        lambda r, s: _xlsx([("c07201", "2023-Q3", INDICATORS[0], datetime.date(2023, 1, 1))]),
    )


def _broken_sheet(rng: random.Random, seeds: dict[str, bytes]) -> bytes:
    parts = _docx_parts(seeds["xlsx"])
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name][: rng.randrange(40, len(parts[name]))]
    return _zip_with(parts)
