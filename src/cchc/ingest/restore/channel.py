"""Candidates for one written token, each with log10 P(written | candidate) (the channel).

Three sources, merged (best score per candidate):
- the token table learned from English-OCR output ("ctia" → "của"),
- syllables with the same folded form ("cua" → của, cửa, cua, …),
- syllables whose folded form is one or two edits away ("s6" → số, "1ap" → lập), scored with
  the letter table (P(OCR letters | clean letter), P(inserted letter)).
A token no syllable explains well may be two glued syllables ("thutuc" → "thủ tục").

Only the KEEP best candidates are returned, so a near syllable whose best possible score
could not rank it among the KEEP best found so far is not scored. For the commonest OCR
tokens the outcome of the search is shipped with the model (see shortlists.py): those
candidates are only rescored.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cchc.ingest.restore.memo import Memo
from cchc.ingest.restore.store import Tables
from cchc.ingest.restore.vietnamese import (
    apply_case,
    canonical,
    case_pattern,
    has_vietnamese_letters,
)
from cchc.text import fold

SCALE = 1000.0
FLOOR = -4.0  # log10 probability of a letter change never seen in training
MODES = ("ocr", "plain", "clean")
PRIOR_WEIGHT = 0.3  # unigram log10 weight when ranking candidates before the cut
KEEP = 16
NEAR_FORMS = 40  # folded forms within the edit limit looked at, nearest first
NEAR_SPELLINGS = 6  # syllables looked at per folded form, most frequent first
RARE = -4.3  # unigram log10 of syllables seen only in the word lists (count 1)
RARE_PENALTY = 1.0
EXPLAINED = -2.0  # a token with no candidate scoring this well may be two glued syllables
GLUED = -2.5  # channel log10 of two glued syllables
SLACK = 1e-9  # room for rounding in bounds of sums of log10 probabilities
# What the candidates depend on besides the code and the model (see shortlists.py).
SETTINGS = (
    f"floor={FLOOR} prior_weight={PRIOR_WEIGHT} keep={KEEP} near_forms={NEAR_FORMS} "
    f"near_spellings={NEAR_SPELLINGS} rare={RARE} rare_penalty={RARE_PENALTY} "
    f"explained={EXPLAINED} glued={GLUED}"
)


def _rare(prior: dict[str, float], words: str) -> int:
    return sum(prior.get(w, -9.0) < RARE for w in words.split())


def _prior(prior: dict[str, float], words: str) -> float:
    return sum(prior.get(w, -8.0) for w in words.split())


class Channel:
    """The OCR channel and the syllable inventory it proposes from."""

    def __init__(self, tables: Tables, prior: dict[str, float]) -> None:
        self._read_channel(tables)
        self.prior = prior
        ordered = [tables.vocab[i] for i in tables.syllables]  # most frequent first
        self.syllables = set(ordered)
        by_fold: dict[str, list[str]] = {}
        for word, key in zip(ordered, tables.syllable_folds, strict=True):
            by_fold.setdefault(key, []).append(word)
        self.by_fold = {key: tuple(words) for key, words in by_fold.items()}
        self.folded_forms = list(self.by_fold)
        self.shortlists = _shortlists(tables)  # token → index in the two lists below
        self._shortlist_words = tables.shortlist_words
        self._shortlist_scored = tables.shortlist_scored
        self._costs = Memo(lambda ch: Memo(self._cost_function(ch)))
        self._spellings = Memo(self._cased_spellings)
        self._near_forms = Memo(self._forms_near)
        self._penalty = Memo(lambda w: RARE_PENALTY * _rare(self.prior, w))
        self._weight = Memo(lambda w: PRIOR_WEIGHT * _prior(self.prior, w))
        self.candidates = lru_cache(maxsize=200_000)(self._candidates)

    def _read_channel(self, tables: Tables) -> None:
        """The token table, the letter table and the inserted letters (log10 P)."""
        table: dict[str, list[tuple[str, float]]] = {}
        for written, clean, logp in zip(
            tables.token_written, tables.token_clean, tables.token_logp, strict=True
        ):
            table.setdefault(written, []).append((clean.lower(), logp / SCALE))
        # Tuples rather than lists (here and below): the garbage collector stops tracking them.
        self.table = {written: tuple(rows) for written, rows in table.items()}
        self.letters: dict[str, dict[str, float]] = {}
        for clean, written, logp in zip(
            tables.letter_clean, tables.letter_written, tables.letter_logp, strict=True
        ):
            self.letters.setdefault(clean, {})[written] = logp / SCALE
        self.inserted = {
            ch: p / SCALE for ch, p in zip(tables.inserted, tables.inserted_logp, strict=True)
        }

    def _cost_function(self, clean: str) -> Callable[[str], float]:
        """log10 P(written | clean letter) as a function of the written letters."""
        table = self.letters.get(clean) or self.letters.get(clean.lower(), {})
        return lambda written: table.get(written, table.get(written.lower(), FLOOR))

    def letter_logp(self, clean: str, written: str) -> float:
        """log10 P(written | clean) from the letter table (one alignment, Levenshtein)."""
        changed: dict[int, str] = {}
        total = 0.0
        for tag, src, dest in Levenshtein.editops(clean, written).as_list():
            if tag == "replace":
                changed[src] = changed.get(src, "") + written[dest]
            elif tag == "delete":
                changed.setdefault(src, "")
            else:
                total += self.inserted.get(written[dest], FLOOR)
        costs, out = self._costs, changed.get
        for i, ch in enumerate(clean):
            total += costs[ch][out(i, ch)]
        return total

    def _candidates(self, token: str, mode: str) -> tuple[tuple[str, float], ...]:
        """(candidate in lower case, log10 P(token | candidate)) for a written token, best first.

        The letter table is used in the token's case (English OCR damages capitals otherwise).
        """
        known = self._known(token, mode)
        if known:
            return known
        if mode == "ocr" and token in self.shortlists:
            return self._ranked(self._rescored(token), mode)
        return self._ranked(self._search(token, mode), mode)

    def _known(self, token: str, mode: str) -> tuple[tuple[str, float], ...]:
        """The token itself when it is a syllable written with Vietnamese letters (or any
        syllable in clean text); else ()."""
        word = canonical(token.lower())
        if word in self.syllables and (mode == "clean" or has_vietnamese_letters(word)):
            return ((word, 0.0),)
        return ()

    def _search(self, token: str, mode: str) -> dict[str, float]:
        """Candidates of the token with their channel scores (a superset of the KEEP best)."""
        found: dict[str, float] = dict(self.table.get(token, ()))
        key = fold(token)
        pattern = case_pattern(token)
        for clean, cased, _, _ in self._spellings[pattern, key]:
            score = 0.0 if mode != "ocr" else self.letter_logp(cased, token)
            found[clean] = max(found.get(clean, -99.0), score)
        skipped = self._near(token, key, pattern, found, mode) if mode == "ocr" or not found else []
        if len(key) >= 5 and _unexplained(found):
            self._score_skipped(token, skipped, found)
            if _unexplained(found):
                self._glued(key, found)
        return found

    def _cased_spellings(
        self, pattern_form: tuple[str, str]
    ) -> tuple[tuple[str, str, float, float], ...]:
        """Every syllable with a folded form, most frequent first: (syllable, syllable in the
        case pattern, its rare penalty, its share of the prior) (see `_ranked`)."""
        pattern, form = pattern_form
        return tuple(
            (w, apply_case(w, pattern=pattern), self._penalty[w], self._weight[w])
            for w in self.by_fold.get(form, ())
        )

    def _near(
        self, token: str, key: str, pattern: str, found: dict[str, float], mode: str
    ) -> list[tuple[str, str, float]]:
        """Add the syllables whose folded form is near the token's, scored with the letter table.

        A spelling that could not rank among the KEEP best found so far even with its best
        possible score (its ceiling) is not scored: it is returned, (syllable, cased, ceiling).
        """
        rank = self._rank_function(mode)
        leaders = _Leaders([rank(w, s) for w, s in found.items()])
        letter_ceiling, length_ceiling = self._ceilings(token)
        penalized = mode == "ocr"
        skipped = []
        for form in self._near_forms[key]:
            for clean, cased, penalty, weight in self._spellings[pattern, form][:NEAR_SPELLINGS]:
                best = sum(map(letter_ceiling.__getitem__, cased)) + length_ceiling[len(cased)]
                known = found.get(clean, -99.0)
                offset = penalty if penalized else 0.0
                if -((best if best > known else known) - offset) - weight > leaders.bar:
                    skipped.append((clean, cased, best))  # its sort key is above the bar
                    continue
                score = self.letter_logp(cased, token)
                if clean not in found:
                    leaders.add(-(score - offset) - weight)
                if score > known:
                    found[clean] = score
        return skipped

    def _forms_near(self, key: str) -> tuple[str, ...]:
        """The folded forms one edit from `key` (two from a key of four letters or more),
        nearest first (then most frequent first), at most NEAR_FORMS, without `key` itself
        (in OCR mode `_search` scores it; in the other modes it is not searched)."""
        limit = 1 if len(key) <= 3 else 2
        forms = process.extract(
            key,
            self.folded_forms,
            scorer=Levenshtein.distance,
            score_cutoff=limit,
            limit=NEAR_FORMS,
        )
        return tuple(form for form, _, _ in forms if form != key)

    def _score_skipped(
        self, token: str, skipped: list[tuple[str, str, float]], found: dict[str, float]
    ) -> None:
        """Score the skipped spellings that could explain the token (see `_unexplained`)."""
        for clean, cased, best in skipped:
            if best >= EXPLAINED:
                score = self.letter_logp(cased, token)
                if score > found.get(clean, -99.0):
                    found[clean] = score

    def _ceilings(self, token: str) -> tuple[Memo, Memo]:
        """Bounds of letter_logp(spelling, token): the sum over the spelling's letters of the
        first one's values, plus the second one's value for the spelling's length (which
        holds `SLACK`).

        Each letter of the spelling is kept, replaced by one of the token's letters or
        deleted: it costs at most the best of these. The token's letters beyond the
        spelling's length are inserted: each costs at most the best insertion. (All the
        table's log10 probabilities are ≤ 0.)
        """
        offered = [*set(token), ""]
        costs = self._costs
        letters = Memo(lambda ch: max(map(costs[ch].__getitem__, offered)))
        insertion = max(self.inserted.get(out, FLOOR) for out in offered[:-1])
        lengths = Memo(lambda n: SLACK + max(0, len(token) - n) * insertion)
        return letters, lengths

    def _rank_function(self, mode: str) -> Callable[[str, float], float]:
        """The key `_ranked` sorts a candidate by (lower is better) from its channel score."""
        penalty, weight = self._penalty, self._weight
        if mode == "ocr":
            return lambda w, s: -(s - penalty[w]) - weight[w]
        return lambda w, s: -s - weight[w]

    def _glued(self, key: str, found: dict[str, float]) -> None:
        for cut in range(1, len(key)):
            left, right = self.by_fold.get(key[:cut]), self.by_fold.get(key[cut:])
            if left and right:
                for a in left[:3]:
                    for b in right[:3]:
                        found.setdefault(f"{a} {b}", GLUED)

    def _ranked(self, found: dict[str, float], mode: str) -> tuple[tuple[str, float], ...]:
        """The KEEP best candidates: channel score plus a share of the unigram prior.

        In OCR output a syllable known only from the word lists is an unlikely reading: its
        score is lowered (and returned lowered).
        """
        if mode == "ocr":
            penalty = self._penalty
            found = {w: s - penalty[w] for w, s in found.items()}
        weight = self._weight
        ranked = sorted((-s - weight[w], w, s) for w, s in found.items())
        return tuple((w, s) for _, w, s in ranked[:KEEP])

    def shortlist(self, token: str) -> tuple[list[str], int] | None:
        """The KEEP best candidates of a token in OCR output, and a bit mask of those the
        letter table scores (bit i: candidate i); None when the token needs no search."""
        if self._known(token, "ocr"):
            return None
        words = [w for w, _ in self._ranked(self._search(token, "ocr"), "ocr")]
        key = fold(token)
        near = set(self._near_forms[key])
        scored = 0
        for index, word in enumerate(words):
            form = fold(word)
            if " " not in word and (
                form == key or (form in near and word in self.by_fold[form][:NEAR_SPELLINGS])
            ):
                scored |= 1 << index
        return words, scored

    def _rescored(self, token: str) -> dict[str, float]:
        """`_search` for a shortlisted token: its candidates scored as the search scores them
        (the best of the token table, the letter table and, for two syllables, GLUED)."""
        entry = self.shortlists[token]
        words, scored = self._shortlist_words[entry], self._shortlist_scored[entry]
        pattern = case_pattern(token)
        table = dict(self.table.get(token, ()))
        found = {}
        for index, word in enumerate(words.split("\t")):
            score = table.get(word, GLUED if " " in word else -99.0)
            if scored >> index & 1:
                score = max(score, self.letter_logp(apply_case(word, pattern=pattern), token))
            found[word] = score
        return found


class _Leaders:
    """The KEEP lowest sort keys among the candidates of a token found so far (a max-heap of
    their negatives); `bar` is the highest of them: a candidate whose key would be above it
    cannot make the cut.

    A candidate already counted whose score improves keeps its old (higher) key here, which
    only makes `bar` more cautious.
    """

    __slots__ = ("bar", "heap")

    def __init__(self, keys: list[float]) -> None:
        self.heap = [-key for key in heapq.nsmallest(KEEP, keys)]
        heapq.heapify(self.heap)
        self.bar = -self.heap[0] if len(self.heap) >= KEEP else math.inf

    def add(self, key: float) -> None:
        """Count a new candidate (by its sort key)."""
        if len(self.heap) < KEEP:
            heapq.heappush(self.heap, -key)
        elif -key > self.heap[0]:
            heapq.heapreplace(self.heap, -key)
        if len(self.heap) >= KEEP:
            self.bar = -self.heap[0]


def _unexplained(found: dict[str, float]) -> bool:
    """True when no candidate explains a token well (it may be two glued syllables)."""
    return not found or max(found.values()) < EXPLAINED


def _shortlists(tables: Tables) -> dict[str, int]:
    """Shortlisted token → its index in the tables' shortlist columns, when the shortlists
    were made with the current SETTINGS."""
    if tables.shortlist_settings != [SETTINGS]:
        return {}
    return {token: index for index, token in enumerate(tables.shortlist_tokens)}
