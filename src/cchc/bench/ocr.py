"""OCR benchmark: printed A4 pages of a real report, rendered at 300 dpi into a scanned PDF,
read back through the PDF reader (Tesseract, Vietnamese model, pages side by side); seconds
per page and word accuracy.

Run: ``python -m cchc.bench.ocr [--output FILE]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from cchc.ingest.formats import read_document
from cchc.ingest.readers.base import ReadOptions
from cchc.ingest.readers.image import OCR_WORKERS

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT.parent / "shared" / "samples" / "bac-giang-province-q3-2023.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4_300DPI = (2480, 3508)
MARGIN, SIZE, WRAP = 240, 40, 78
LINES_PER_PAGE, PAGES = 42, 4
TARGET_SECONDS_PER_PAGE = 2.0


def page_lines(text: str, count: int = LINES_PER_PAGE) -> list[str]:
    """The first ``count`` printed lines of the narrative, wrapped as on paper."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words, current = paragraph.split(), ""
        for word in words:
            if len(current) + len(word) + 1 > WRAP:
                lines.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
        if current:
            lines.append(current)
        if len(lines) >= count:
            break
    return [line for line in lines if "\t" not in line][:count]


def render_page(lines: list[str], path: Path) -> None:
    """Black text on white, like a clean scan."""
    image = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), SIZE)
    for i, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + i * int(SIZE * 1.6)), line, font=font, fill=0)
    image.save(path, dpi=(300, 300))


def run_ocr_benchmark(sample: Path = SAMPLE, pages: int = PAGES) -> dict:
    """Seconds per page of a scanned PDF of ``pages`` A4 pages (read side by side, one
    Tesseract per core) and the share of words read exactly."""
    lines = page_lines(sample.read_text(encoding="utf-8"), LINES_PER_PAGE * pages)
    printed = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    with tempfile.TemporaryDirectory() as folder:
        images = []
        for number, page in enumerate(printed):
            image_path = Path(folder) / f"page{number}.png"
            render_page(page, image_path)
            images.append(Image.open(image_path))
        path = Path(folder) / "scan.pdf"
        images[0].save(path, save_all=True, append_images=images[1:], resolution=300)
        started = time.perf_counter()
        document = read_document(path)
        seconds = time.perf_counter() - started
    truth = " ".join(lines).split()
    read = " ".join(document.lines).split()
    errors = Levenshtein.distance(truth, read)
    return {
        "pages": len(printed),
        "dpi": ReadOptions().ocr_dpi,
        "workers": OCR_WORKERS,
        "seconds": round(seconds, 2),
        "seconds_per_page": round(seconds / len(printed), 2),
        "target_seconds_per_page": TARGET_SECONDS_PER_PAGE,
        "words": len(truth),
        "word_accuracy": round(1 - errors / max(1, len(truth)), 4),
    }


def main() -> None:
    """Print the numbers and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/ocr.json")
    args = parser.parse_args()
    result = run_ocr_benchmark()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(
        f"OCR (vie) of a {result['pages']}-page scanned PDF at {result['dpi']} dpi, "
        f"{result['workers']} pages at a time: {result['seconds_per_page']} s/page (target ≤ "
        f"{TARGET_SECONDS_PER_PAGE}), {result['word_accuracy']:.1%} of {result['words']} "
        "words exact"
    )


if __name__ == "__main__":
    main()
