"""The OCR channel: what Tesseract's English model writes for a Vietnamese syllable.

From aligned (clean, OCR) token pairs it counts
- whole tokens: P(ocr token | clean syllable), for tokens seen at least twice ("t" rows),
- letters: P(ocr letters | clean letter) from Levenshtein edit operations ("c" rows), and
  P(inserted letter) ("i" rows), used for tokens the table has not seen.
Written to channel.csv.gz (log10 × 1000); read by src/cchc/ingest/restore/channel.py.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from cchc.ingest.restore.tokens import core_bounds
from cchc.ingest.restore.vietnamese import canonical, is_syllable

MIN_TOKEN_COUNT = 2
SMOOTHING = 3  # P(ocr | clean) = count / (count of clean + 3)


def _core(token: str) -> str:
    start, end = core_bounds(token)
    return token[start:end]


def clean_pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(clean syllable(s), OCR token) pairs usable by the channel, in their case (English OCR
    damages capitals differently: "Đ" → "P", "ố" → "6")."""
    out = []
    for clean, ocr in pairs:
        if not clean or not ocr or " " in ocr:
            continue
        words = [canonical(_core(w)) for w in clean.split()]
        if not all(words) or not all(is_syllable(w.lower()) for w in words):
            continue
        core = _core(ocr)
        if core:
            out.append((" ".join(words), core))
    return out


def letter_counts(pairs: list[tuple[str, str]]) -> tuple[dict, Counter, int]:
    """Counts of clean letter → OCR letters (one edit op each), inserted letters, letters seen."""
    subs: dict = defaultdict(Counter)
    inserted: Counter = Counter()
    letters = 0
    for clean, ocr in pairs:
        if " " in clean:
            continue
        letters += len(clean)
        changed: dict[int, str] = {}
        for op in Levenshtein.editops(clean, ocr):
            if op.tag == "replace":
                changed[op.src_pos] = changed.get(op.src_pos, "") + ocr[op.dest_pos]
            elif op.tag == "delete":
                changed.setdefault(op.src_pos, "")
            else:
                inserted[ocr[op.dest_pos]] += 1
        for i, ch in enumerate(clean):
            subs[ch][changed.get(i, ch)] += 1
    return subs, inserted, letters


def _l(p: float) -> int:
    return round(math.log10(p) * 1000)


def build(pairs: list[tuple[str, str]], vocab: list[str], path: Path) -> None:
    """Write channel.csv.gz from raw aligned pairs."""
    usable = clean_pairs(pairs)
    per_clean = Counter(clean for clean, _ in usable)  # smoothed below: rare words are noisy
    tokens = Counter(usable)
    subs, inserted, letters = letter_counts(usable)
    known = set(vocab)
    rows = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"# cchc restorer OCR channel: {len(usable)} pairs\n")
        for (clean, ocr), count in sorted(tokens.items()):
            if count >= MIN_TOKEN_COUNT and all(w.lower() in known for w in clean.split()):
                share = count / (per_clean[clean] + SMOOTHING)
                out.write(f"t\t{ocr}\t{clean}\t{_l(share)}\t{count}\n")
                rows += 1
        for clean_ch, outs in sorted(subs.items()):
            total = sum(outs.values())
            for ocr_s, count in sorted(outs.items()):
                out.write(f"c\t{clean_ch}\t{ocr_s}\t{_l(count / total)}\t{count}\n")
        for ch, count in sorted(inserted.items()):
            out.write(f"i\t{ch}\t\t{_l(count / letters)}\t{count}\n")
    print(f"channel: {len(usable)} usable pairs, {rows} token rows, {len(subs)} letters")
