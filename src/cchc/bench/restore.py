"""Text-restoration benchmark: syllable accuracy and speed of cchc.ingest.restore.

Syllable accuracy: the words (letter runs, so numbers are left out) of each restored line are
aligned with the gold line's words (Levenshtein over word sequences); accuracy = gold words
matched exactly / gold words. Tone placement is normalised first on both sides ("hoá" =
"hóa", both correct). Reported case-sensitive ("exact") and case-insensitive ("nocase").

(a) Bắc Giang sample, diacritics stripped (and đ → d, case kept): the held-out part, lines
    259.. (the shipped model trained on lines 1..258 and never on these); also the whole
    sample, which the shipped model partly saw (for reference only).
(b) bench/gold/restore-ocr-lines.tsv (sample, line, ocr, gold), when it exists: OCR'd lines of
    the two scanned samples corrected by hand. Read here only, never by training.
Speed: lines per second restoring a ~1,000-line text.

Run: ``python -m cchc.bench.restore [--output FILE] [--model DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import time
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from cchc.ingest.restore import load_decoder, restore_line, restore_text
from cchc.ingest.restore.decode import Decoder
from cchc.ingest.restore.vietnamese import canonical

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT.parent / "shared" / "samples" / "bac-giang-province-q3-2023.txt"
GOLD = ROOT / "bench" / "gold" / "restore-ocr-lines.tsv"
SPLIT = 258  # lines 1..258 of the sample may be used in training; 259.. are held out
TARGETS = {"stripped": 0.97, "ocr": 0.90}
_WORDS = re.compile(r"[^\W\d_]+")


def strip_marks(text: str) -> str:
    """Text typed without diacritics: marks dropped, đ → d, case kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def words(line: str) -> list[str]:
    """The syllables of a line that accuracy counts, tone placement normalised."""
    return [canonical(w) for w in _WORDS.findall(unicodedata.normalize("NFC", line))]


def count_matches(hyp: str, gold: str) -> tuple[int, int, int]:
    """(gold words, matched exactly, matched ignoring case) for one line."""
    gold_words, hyp_words = words(gold), words(hyp)
    exact = _matches(hyp_words, gold_words)
    nocase = _matches([w.lower() for w in hyp_words], [w.lower() for w in gold_words])
    return len(gold_words), exact, nocase


def _matches(hyp: list[str], gold: list[str]) -> int:
    blocks = Levenshtein.opcodes(gold, hyp).as_matching_blocks()
    return sum(block.size for block in blocks)


def accuracy(pairs: list[tuple[str, str]]) -> dict:
    """Accuracy over (restored, gold) line pairs."""
    total = exact = nocase = 0
    for hyp, gold in pairs:
        n, e, c = count_matches(hyp, gold)
        total, exact, nocase = total + n, exact + e, nocase + c
    return {
        "syllables": total,
        "exact": round(exact / max(1, total), 4),
        "nocase": round(nocase / max(1, total), 4),
    }


def stripped_benchmark(lines: list[str], decoder: Decoder) -> dict:
    """Restore the stripped lines; accuracy of the input and of the output."""
    restored = restore_text("\n".join(strip_marks(line) for line in lines), decoder=decoder)
    out = restored.split("\n")
    return {
        "lines": len(lines),
        "input": accuracy([(strip_marks(line), line) for line in lines]),
        "restored": accuracy(list(zip(out, lines, strict=True))),
    }


def ocr_gold_benchmark(path: Path, decoder: Decoder) -> dict | None:
    """Accuracy on the hand-corrected OCR lines, or None when the gold file is missing."""
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    ocr_lines = [row["ocr"] for row in rows]
    gold_lines = [row["gold"] for row in rows]
    restored = restore_text("\n".join(ocr_lines), decoder=decoder).split("\n")
    return {
        "lines": len(rows),
        "input": accuracy(list(zip(ocr_lines, gold_lines, strict=True))),
        "restored": accuracy(list(zip(restored, gold_lines, strict=True))),
    }


def speed(lines: list[str], decoder: Decoder) -> dict:
    """Lines per second restoring `lines` one by one (model already loaded)."""
    started = time.perf_counter()
    for line in lines:
        restore_line(line, decoder=decoder)
    seconds = time.perf_counter() - started
    return {
        "lines": len(lines),
        "seconds": round(seconds, 2),
        "lines_per_second": round(len(lines) / max(seconds, 1e-9), 1),
    }


def run_restore_benchmark(
    model: Path | None = None, sample: Path = SAMPLE, gold: Path = GOLD
) -> dict:
    """All numbers of the restoration benchmark (see the module docstring)."""
    started = time.perf_counter()
    decoder = load_decoder(model) if model else load_decoder()
    load_seconds = time.perf_counter() - started
    raw = sample.read_text(encoding="utf-8").splitlines()
    held_out = [line for line in raw[SPLIT:] if line.strip()]
    everything = [line for line in raw if line.strip()]
    result = {
        "model": str(model) if model else "package data",
        "load_seconds": round(load_seconds, 2),
        "stripped_heldout": stripped_benchmark(held_out, decoder),
        "stripped_whole_sample": stripped_benchmark(everything, decoder),
        "ocr_gold": ocr_gold_benchmark(gold, decoder),
        "speed": speed([strip_marks(line) for line in (everything * 2)][:1000], decoder),
        "targets": TARGETS,
        "split": f"Bắc Giang lines 1..{SPLIT} may train; lines {SPLIT + 1}.. held out",
    }
    return result


def _print(result: dict) -> None:
    for name in ("stripped_heldout", "stripped_whole_sample", "ocr_gold"):
        part = result[name]
        if part is None:
            print(f"{name}: gold file not found")
            continue
        r, i = part["restored"], part["input"]
        print(
            f"{name}: {part['lines']} lines, {r['syllables']} syllables: exact {r['exact']:.2%}, "
            f"nocase {r['nocase']:.2%} (input {i['exact']:.2%})"
        )
    s = result["speed"]
    print(
        f"speed: {s['lines_per_second']} lines/s ({s['lines']} lines in {s['seconds']} s); "
        f"model load {result['load_seconds']} s"
    )


def main() -> None:
    """Print the numbers and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/restore.json")
    parser.add_argument("--model", type=Path, default=None, help="data folder of another model")
    args = parser.parse_args()
    result = run_restore_benchmark(args.model)
    _print(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
