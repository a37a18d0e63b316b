"""The syllable trigram language model (Kneser-Ney, backoff form) of the restorer's tables."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left

from cchc.ingest.restore.memo import Memo
from cchc.ingest.restore.store import Tables

SCALE = 1000.0  # the tables store log10 probabilities in thousandths


class Words:
    """LM tokens scored together in many contexts (the options of one piece)."""

    __slots__ = ("ids", "index", "repeated", "uni")

    def __init__(self, ids: list[int], uni: list[float]) -> None:
        self.ids = tuple(ids)
        self.uni = tuple(uni[w] for w in ids)  # log10 P(w) of each
        self.index: dict[int, int] = {}  # first index of each token in `ids`
        repeated = []  # (index, token) of the other ones
        for index, w in enumerate(ids):
            if self.index.setdefault(w, index) != index:
                repeated.append((index, w))
        self.repeated = tuple(repeated)


class TrigramLM:
    """log10 P(w | u, v) with backoff; tokens are ids from `ids`.

    Bigrams and trigrams are kept in flat dicts keyed by v * size + w and
    (u * size + v) * size + w, and, for `scores`, by context: the successors of v and of u v
    (read from the sorted tables when first used).
    """

    def __init__(self, tables: Tables) -> None:
        self.vocab: list[str] = tables.vocab
        self.size = size = len(self.vocab)
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        self.unk = self.ids["<unk>"]
        self.uni: list[float] = [p / SCALE for p in tables.uni]
        self.uni_bow: list[float] = [b / SCALE for b in tables.uni_bow]
        bi_probs = [p / SCALE for p in tables.bi_p]
        self.bi: dict[int, float] = dict(zip(tables.bi_key, bi_probs, strict=True))
        self.bi_bow: dict[int, float] = {
            pair: b / SCALE for pair, b in zip(tables.bi_key, tables.bi_bow, strict=True) if b
        }
        tri_probs = [p / SCALE for p in tables.tri_p]
        self.tri: dict[int, float] = dict(zip(tables.tri_key, tri_probs, strict=True))
        # Contexts u v with a trigram or a backoff weight; in any other the score of w depends
        # on v and w only (see `scores`).
        self.contexts = {key // size for key in tables.tri_key} | set(self.bi_bow)
        self.best_score = self._best_score(bi_probs, tri_probs)
        # The successors of v ({w: log10 P(w | v)}) and of a context u v, read when first used.
        self.successors = Memo(lambda v: _rows(tables.bi_key, v, size, bi_probs))
        self.trigrams = Memo(lambda c: _rows(tables.tri_key, c, size, tri_probs))

    def _best_score(self, bi_probs: list[float], tri_probs: list[float]) -> float:
        """A bound of every score (backoff weights are ≤ 0 in a Kneser-Ney model: lift is 0)."""
        lift = max(0.0, *self.bi_bow.values()) + max(0.0, *self.uni_bow)
        return max(
            max(tri_probs, default=-math.inf),
            max(bi_probs, default=-math.inf) + lift,
            max(self.uni) + lift,
        )

    def id(self, token: str) -> int:
        """Id of a token (<unk> when unknown)."""
        return self.ids.get(token, self.unk)

    def score(self, u: int, v: int, w: int) -> float:
        """log10 P(w | u v)."""
        size = self.size
        context = u * size + v
        prob = self.tri.get(context * size + w)
        if prob is not None:
            return prob
        backoff = self.bi_bow.get(context, 0.0)
        prob = self.bi.get(v * size + w)
        if prob is not None:
            return backoff + prob
        return backoff + self.uni_bow[v] + self.uni[w]

    def is_plain(self, u: int, v: int) -> bool:
        """True when P(w | u v) depends on v and w only (no trigram, no backoff weight)."""
        return u * self.size + v not in self.contexts

    def scores(self, u: int, v: int, words: Words) -> list[float]:
        """[score(u, v, w) for w in words.ids], the same floats, faster."""
        context = u * self.size + v
        if context not in self.contexts:  # backoff weight 0.0: 0.0 + x == x
            return self.plain_scores(v, words)
        backoff = self.bi_bow.get(context, 0.0)
        floor = backoff + self.uni_bow[v]
        out = [floor + x for x in words.uni]
        _overlay(out, self.successors[v], words, backoff)
        _overlay(out, self.trigrams[context], words)
        return out

    def plain_scores(self, v: int, words: Words) -> list[float]:
        """`scores` for a context u v where `is_plain` holds."""
        floor = self.uni_bow[v]
        out = [floor + x for x in words.uni]
        _overlay(out, self.successors[v], words)
        return out


def _overlay(out: list[float], probs: dict[int, float], words: Words, base: float = 0.0) -> None:
    """Set out[i] to base + probs[w] for every words.ids[i] == w in `probs` (0.0 + p == p)."""
    index = words.index
    for w in probs.keys() & index.keys():
        out[index[w]] = base + probs[w]
    for i, w in words.repeated:
        if w in probs:
            out[i] = base + probs[w]


def _rows(keys: array, context: int, size: int, probs: list[float]) -> dict[int, float]:
    """{w: prob} of the n-grams context w (`keys` sorted: context * size + w)."""
    base = context * size
    start, end = bisect_left(keys, base), bisect_left(keys, base + size)
    return {key - base: p for key, p in zip(keys[start:end], probs[start:end], strict=True)}
