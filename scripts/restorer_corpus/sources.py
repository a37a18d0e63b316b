"""Training text of the restorer: where each part comes from.

- hand-written CCHC text: scripts/restorer_corpus/*.txt (written for cchc, MIT like the project)
- template sentences: templates.py, with real unit names from src/cchc/units/data/units.csv.gz
- the domain notes: ../shared/domain/*.md (Vietnamese lines only)
- the Bắc Giang sample: only lines before BG_SPLIT (the rest is the benchmark's held-out part)
- word lists: Viet74K (underthesea, Apache-2.0) and pyvi's words.txt (MIT), read from the
  wheels (`pip download --no-deps underthesea==9.5.0 pyvi==0.1.1 -d WHEELS`)
Never: bench/gold/ (the hand-corrected OCR lines are the test set). dev/dev.txt is not
training text either: hand-written sentences kept apart for tuning and for the tests.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import re
import textwrap
import zipfile
from pathlib import Path

from templates import generate

from cchc.ingest.restore.vietnamese import has_vietnamese_letters, is_syllable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UNITS = ROOT / "src/cchc/units/data/units.csv.gz"
BG_NAME = "bac-giang-province-q3-2023.txt"
BG_SPLIT = 258  # lines 1..258 may train; lines 259.. are held out (benchmark)
WORDLIST_MEMBERS = {
    "underthesea": "underthesea/corpus/data/Viet74K.txt",
    "pyvi": "pyvi/models/words.txt",
}


BASE_FILES = 6  # files 01–06 form the first OCR block; each later file is a block of its own


def corpus_files() -> list[Path]:
    """The hand-written corpus files, in order."""
    return sorted(HERE.glob("*.txt"))


def hand_written(files: list[Path] | None = None) -> list[str]:
    """The hand-written corpus lines (of `files`, or of all files)."""
    lines: list[str] = []
    for path in corpus_files() if files is None else files:
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def unit_triples() -> list[tuple[str, str, str]]:
    """(commune, district, province) names with the kind in lower case: ("xã An Thanh", …)."""
    with gzip.open(UNITS, "rt", encoding="utf-8") as handle:
        rows = list(csv.reader(line for line in handle if not line.startswith("#")))
    header, body = rows[0], rows[1:]
    records = [dict(zip(header, row, strict=False)) for row in body]
    by_key = {r["key"]: r for r in records}
    triples = []
    for r in records:
        if r["level"] != "commune":
            continue
        parent = by_key.get(r["parent_key"])
        grand = by_key.get(parent["parent_key"]) if parent else None
        if parent and grand and parent["level"] == "district":
            triples.append(
                (_lower_kind(r["name"]), _lower_kind(parent["name"]), _lower_kind(grand["name"]))
            )
    return triples


def _lower_kind(name: str) -> str:
    words = name.split()
    kind_len = 2 if words[0] in ("Thành", "Thị") else 1
    return " ".join([w.lower() for w in words[:kind_len]] + words[kind_len:])


def unit_lines(triples: list[tuple[str, str, str]]) -> list[str]:
    """One line per commune: "xã A, huyện B, tỉnh C"."""
    return [", ".join(t) for t in triples]


def domain_lines(shared: Path) -> list[str]:
    """Vietnamese lines of the domain notes, without Markdown marks."""
    lines = []
    for path in sorted((shared / "domain").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = re.sub(r"[|*`#>_]+", " ", line).strip()
            if has_vietnamese_letters(text):
                lines.append(re.sub(r"\s+", " ", text))
    return lines


def bac_giang(shared: Path, part: str) -> list[str]:
    """Lines of the Bắc Giang sample: part "train" (before the split), "test" or "all"."""
    raw = (shared / "samples" / BG_NAME).read_text(encoding="utf-8").splitlines()
    chosen = {"train": raw[:BG_SPLIT], "test": raw[BG_SPLIT:], "all": raw}[part]
    return [line.strip() for line in chosen if line.strip()]


def word_list(wheels: Path) -> list[str]:
    """Entries of Viet74K and pyvi's word list (lower case, syllables only)."""
    words: set[str] = set()
    for package, member in WORDLIST_MEMBERS.items():
        for wheel in sorted(wheels.glob(f"{package}-*.whl")):
            with zipfile.ZipFile(wheel) as archive:
                text = io.TextIOWrapper(archive.open(member), encoding="utf-8").read()
            for entry in text.splitlines():
                entry = entry.strip().lower().replace("_", " ")
                if entry and all(is_syllable(s) for s in entry.split()):
                    words.add(entry)
    return sorted(words)


def word_lines(words: list[str], count: int, seed: int = 5) -> list[str]:
    """Lines of random dictionary words, to show OCR the whole syllable inventory."""
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        picked = rng.sample(words, rng.randint(5, 9))
        line = " ".join(picked)
        lines.append(line[0].upper() + line[1:] if rng.random() < 0.3 else line)
    return lines


def wrap(lines: list[str], seed: int = 3) -> list[str]:
    """Lines cut to 45–90 characters, like lines of a printed page."""
    rng = random.Random(seed)
    out = []
    for line in lines:
        out.extend(textwrap.wrap(line, rng.randint(45, 90)) or [])
    return out


def templates(triples: list[tuple[str, str, str]], count: int, seed: int) -> list[str]:
    """Template sentences (see templates.py)."""
    return generate(triples, count, seed)
