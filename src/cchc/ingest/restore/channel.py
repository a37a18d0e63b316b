"""Candidates for one written token, each with log10 P(written | candidate) (the channel).

Three sources, merged (best score per candidate):
- the token table learned from English-OCR output ("ctia" → "của"),
- syllables with the same folded form ("cua" → của, cửa, cua, …),
- syllables whose folded form is one or two edits away ("s6" → số, "1ap" → lập), scored with
  the letter table (P(OCR letters | clean letter), P(inserted letter)).
A token no syllable explains well may be two glued syllables ("thutuc" → "thủ tục").
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cchc.ingest.restore.vietnamese import (
    apply_case,
    canonical,
    case_pattern,
    fold,
    has_vietnamese_letters,
    is_syllable,
)

SCALE = 1000.0
FLOOR = -4.0  # log10 probability of a letter change never seen in training
MODES = ("ocr", "plain", "clean")
PRIOR_WEIGHT = 0.3  # unigram log10 weight when ranking candidates before the cut
KEEP = 16


RARE = -4.3  # unigram log10 of syllables seen only in the word lists (count 1)
RARE_PENALTY = 1.0


def _rare(prior: dict[str, float], words: str) -> int:
    return sum(prior.get(w, -9.0) < RARE for w in words.split())


def _prior(prior: dict[str, float], words: str) -> float:
    return sum(prior.get(w, -8.0) for w in words.split())


class Channel:
    """The OCR channel and the syllable inventory it proposes from."""

    def __init__(self, path: Path, vocab: list[str], unigram: list[float]) -> None:
        self.table: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.letters: dict[str, dict[str, float]] = defaultdict(dict)
        self.inserted: dict[str, float] = {}
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    self._read_row(line.rstrip("\n").split("\t"))
        self.syllables = {w for w in vocab if is_syllable(w) and not w.startswith("<")}
        prior = dict(zip(vocab, unigram, strict=True))
        self.prior = prior
        by_fold: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.syllables, key=lambda w: (-prior[w], w)):  # ties: by spelling
            by_fold[fold(word)].append(word)
        self.by_fold = dict(by_fold)
        self.folded_forms = list(self.by_fold)
        self.candidates = lru_cache(maxsize=200_000)(self._candidates)

    def _read_row(self, row: list[str]) -> None:
        kind, a, b, logp = row[0], row[1], row[2], int(row[3]) / SCALE
        if kind == "t":
            self.table[a].append((b.lower(), logp))
        elif kind == "c":
            self.letters[a][b] = logp
        else:
            self.inserted[a] = logp

    def letter_logp(self, clean: str, written: str) -> float:
        """log10 P(written | clean) from the letter table (one alignment, Levenshtein)."""
        changed: dict[int, str] = {}
        total = 0.0
        for op in Levenshtein.editops(clean, written):
            if op.tag == "replace":
                changed[op.src_pos] = changed.get(op.src_pos, "") + written[op.dest_pos]
            elif op.tag == "delete":
                changed.setdefault(op.src_pos, "")
            else:
                total += self.inserted.get(written[op.dest_pos], FLOOR)
        for i, ch in enumerate(clean):
            table = self.letters.get(ch) or self.letters.get(ch.lower(), {})
            out = changed.get(i, ch)
            total += table.get(out, table.get(out.lower(), FLOOR))
        return total

    def _candidates(self, token: str, mode: str) -> tuple[tuple[str, float], ...]:
        """(candidate in lower case, log10 P(token | candidate)) for a written token, best first.

        The letter table is used in the token's case (English OCR damages capitals otherwise).
        """
        word = canonical(token.lower())
        if mode == "clean" and word in self.syllables:
            return ((word, 0.0),)
        if has_vietnamese_letters(word) and word in self.syllables:
            return ((word, 0.0),)
        found: dict[str, float] = {}
        for clean, logp in self.table.get(token, ()):
            found[clean] = logp
        key = fold(token)
        pattern = case_pattern(token)
        for clean in self.by_fold.get(key, ()):
            score = (
                0.0
                if mode != "ocr"
                else self.letter_logp(apply_case(clean, pattern=pattern), token)
            )
            found[clean] = max(found.get(clean, -99.0), score)
        if mode == "ocr" or not found:
            self._near(token, key, found)
        if len(key) >= 5 and (not found or max(found.values()) < -2.0):
            self._glued(key, found)
        prior = self.prior
        if mode == "ocr":  # a syllable known only from the word lists is an unlikely reading
            found = {w: s - RARE_PENALTY * _rare(prior, w) for w, s in found.items()}
        ranked = sorted(
            found.items(), key=lambda kv: (-kv[1] - PRIOR_WEIGHT * _prior(prior, kv[0]), kv[0])
        )
        return tuple(ranked[:KEEP])

    def _near(self, token: str, key: str, found: dict[str, float]) -> None:
        limit = 1 if len(key) <= 3 else 2
        for form, _, _ in process.extract(
            key, self.folded_forms, scorer=Levenshtein.distance, score_cutoff=limit, limit=40
        ):
            pattern = case_pattern(token)
            for clean in self.by_fold[form][:6]:
                score = self.letter_logp(apply_case(clean, pattern=pattern), token)
                if score > found.get(clean, -99.0):
                    found[clean] = score

    def _glued(self, key: str, found: dict[str, float]) -> None:
        for cut in range(1, len(key)):
            left, right = self.by_fold.get(key[:cut]), self.by_fold.get(key[cut:])
            if left and right:
                for a in left[:3]:
                    for b in right[:3]:
                        found.setdefault(f"{a} {b}", -2.5)
