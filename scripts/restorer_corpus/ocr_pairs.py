"""(clean, English-OCR) token pairs: render clean lines to page images, OCR, align.

Pages are rendered with Pillow in several fonts, sizes, blur, noise and JPEG quality, read
with `tesseract -l eng --psm 6`, and the OCR text of each page is aligned with the clean
text token by token (dynamic programming over 1:1, 1:0, 0:1, 1:2 and 2:1 moves, costs from
rapidfuzz similarity of the folded tokens). Every page is cached in the work folder.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

from cchc.text import fold

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
]
FONTS = [  # (file, weight): Times-like serif first, as in scanned official documents
    ("LiberationSerif-Regular.ttf", 8),
    ("LiberationSerif-Bold.ttf", 2),
    ("LiberationSerif-Italic.ttf", 1),
    ("DejaVuSerif.ttf", 2),
    ("LiberationSans-Regular.ttf", 2),
    ("DejaVuSans.ttf", 1),
    ("DejaVuSerifCondensed.ttf", 1),
    ("LiberationSans-Bold.ttf", 1),
]
LINES_PER_PAGE = 28


def _font_path(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


def available_fonts() -> list[tuple[Path, int]]:
    """Fonts with Vietnamese letters that exist on this machine, with their weights."""
    found = [(_font_path(name), weight) for name, weight in FONTS]
    return [(path, weight) for path, weight in found if path is not None]


def render_page(lines: list[str], rng: random.Random, fonts: list[tuple[Path, int]]) -> bytes:
    """A page image (PNG or JPEG bytes) of `lines`, one text line per image line."""
    font_path = rng.choices([f for f, _ in fonts], weights=[w for _, w in fonts])[0]
    size = rng.randint(27, 44)
    font = ImageFont.truetype(str(font_path), size)
    step = int(size * rng.uniform(1.45, 1.8))
    width = max(int(font.getlength(line)) for line in lines) + 60
    image = Image.new("L", (width, step * len(lines) + 60), 255)
    draw = ImageDraw.Draw(image)
    ink = rng.randint(0, 60)
    for i, line in enumerate(lines):
        draw.text((30 + rng.randint(0, 6), 30 + i * step), line, font=font, fill=ink)
    return _degrade(image, rng)


def _degrade(image: Image.Image, rng: random.Random) -> bytes:
    if rng.random() < 0.7:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1)))
    if rng.random() < 0.5:
        noise = Image.effect_noise(image.size, rng.uniform(8, 30))
        image = Image.blend(image, noise.convert("L"), rng.uniform(0.05, 0.15))
    if rng.random() < 0.3:
        cut = rng.randint(120, 190)
        image = image.point(lambda v: 255 if v > cut else 0)
    out = io.BytesIO()
    if rng.random() < 0.5:
        image.save(out, format="JPEG", quality=rng.randint(35, 90))
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def ocr_page(image: bytes) -> str:
    """Text of a page image read by Tesseract's English model."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "eng", "--psm", "6"],
        input=image,
        capture_output=True,
        check=True,
        env=env,
    )
    return result.stdout.decode("utf-8", errors="replace")


def _page_job(args: tuple[list[str], int, str]) -> tuple[list[str], str]:
    lines, seed, cache = args
    path = Path(cache)
    if path.exists():
        return lines, path.read_text(encoding="utf-8")
    rng = random.Random(seed)
    text = ocr_page(render_page(lines, rng, available_fonts()))
    path.write_text(text, encoding="utf-8")
    return lines, text


def ocr_lines(
    blocks: list[list[str]], work: Path, workers: int = 2, seed: int = 11
) -> list[tuple[str, str]]:
    """(clean page text, OCR page text) for blocks of lines, pages cached in `work`.

    Each block is cut into pages on its own, so adding a block leaves the others' pages (and
    their cached OCR) unchanged.
    """
    work.mkdir(parents=True, exist_ok=True)
    jobs = []
    for number, lines in enumerate(blocks):
        base = seed + 100_000 * number
        for start in range(0, len(lines), LINES_PER_PAGE):
            page = lines[start : start + LINES_PER_PAGE]
            key = hashlib.sha1(("\n".join(page) + str(base + start)).encode()).hexdigest()[:16]
            jobs.append((page, base + start, str(work / f"{key}.txt")))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_page_job, jobs, chunksize=2))
    return [("\n".join(page), text) for page, text in results]


# --- alignment -------------------------------------------------------------------------------

_GAP = 0.8


def _cost(clean: str, ocr: str) -> float:
    a, b = fold(clean), fold(ocr)
    if a == b:
        return 0.0
    return Levenshtein.normalized_distance(a, b) * 1.2


def align_tokens(clean: list[str], ocr: list[str]) -> list[tuple[str, str]]:
    """Pairs (clean, ocr) of an alignment; "" marks a token missing on one side.

    Moves: 1:1, 1:0, 0:1, 1:2 (a word split by OCR) and 2:1 (two words glued).
    """
    n, m = len(clean), len(ocr)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue
            for di, dj in moves:
                ii, jj = i + di, j + dj
                if ii > n or jj > m:
                    continue
                cost = here + _move_cost(clean[i:ii], ocr[j:jj])
                if cost < best[ii][jj]:
                    best[ii][jj] = cost
                    back[ii][jj] = (di, dj)
    return _trace(clean, ocr, back)


def _move_cost(left: list[str], right: list[str]) -> float:
    if not left or not right:
        return _GAP
    if len(left) == len(right):
        return _cost(left[0], right[0])
    return _cost("".join(left), "".join(right)) + 0.3


def _trace(
    clean: list[str], ocr: list[str], back: list[list[tuple[int, int]]]
) -> list[tuple[str, str]]:
    pairs = []
    i, j = len(clean), len(ocr)
    while i > 0 or j > 0:
        di, dj = back[i][j]
        pairs.append((" ".join(clean[i - di : i]), " ".join(ocr[j - dj : j])))
        i, j = i - di, j - dj
    pairs.reverse()
    return pairs


def page_pairs(clean_text: str, ocr_text: str) -> list[tuple[str, str]]:
    """Aligned token pairs of one page, line by line when the line counts agree."""
    clean_lines = [line for line in clean_text.splitlines() if line.strip()]
    ocr_lines_ = [line for line in ocr_text.splitlines() if line.strip()]
    if len(clean_lines) == len(ocr_lines_):
        pairs = []
        for a, b in zip(clean_lines, ocr_lines_, strict=True):
            pairs.extend(align_tokens(a.split(), b.split()))
        return pairs
    return align_tokens(clean_text.split(), ocr_text.split())
