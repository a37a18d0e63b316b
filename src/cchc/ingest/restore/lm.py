"""The syllable trigram language model (Kneser-Ney, backoff form) read from lm.csv.gz."""

from __future__ import annotations

import gzip
from pathlib import Path

SCALE = 1000.0  # the file stores log10 probabilities in thousandths


class TrigramLM:
    """log10 P(w | u, v) with backoff; tokens are ids from `ids`."""

    def __init__(self, path: Path) -> None:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
        _, uni_block, bi_block, tri_block = text.split("#", 3)
        self.vocab: list[str] = []
        self.uni: list[float] = []
        self.uni_bow: list[float] = []
        for line in uni_block.split("\n")[1:-1]:
            word, prob, bow = line.rsplit("\t", 2)
            self.vocab.append(word)
            self.uni.append(int(prob) / SCALE)
            self.uni_bow.append(int(bow) / SCALE)
        self.size = size = len(self.vocab)
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        self.bi: dict[int, float] = {}
        self.bi_bow: dict[int, float] = {}
        for line in bi_block.split("\n")[1:-1]:
            v, w, prob, bow = map(int, line.split("\t"))
            key = v * size + w
            self.bi[key] = prob / SCALE
            if bow:
                self.bi_bow[key] = bow / SCALE
        self.tri: dict[int, float] = {}
        self.tri_rows: dict[int, dict[int, float]] = {}  # context u * size + v → {w: log10 p}
        for line in tri_block.split("\n")[1:-1]:
            u, v, w, prob = map(int, line.split("\t"))
            self.tri[(u * size + v) * size + w] = prob / SCALE
            self.tri_rows.setdefault(u * size + v, {})[w] = prob / SCALE
        # Contexts u v with a trigram or a backoff weight; in any other the score of w depends
        # on v and w only (see `scores`).
        self.contexts = set(self.tri_rows) | set(self.bi_bow)
        self.unk = self.ids["<unk>"]

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

    def scores(self, u: int, v: int, words: list[int]) -> list[float]:
        """[score(u, v, w) for w in words], the same floats, faster."""
        size = self.size
        context = u * size + v
        if context not in self.contexts:  # backoff weight 0.0: 0.0 + x == x
            return self.plain_scores(v, words)
        backoff = self.bi_bow.get(context, 0.0)
        floor = backoff + self.uni_bow[v]
        uni, row = self.uni, v * size
        bigram = self.bi.get
        found = [bigram(row + w) for w in words]
        out = [
            floor + uni[w] if p is None else backoff + p for w, p in zip(words, found, strict=True)
        ]
        trigram = self.tri_rows.get(context)
        if trigram:
            out = [trigram.get(w, x) for w, x in zip(words, out, strict=True)]
        return out

    def plain_scores(self, v: int, words: list[int]) -> list[float]:
        """`scores` for a context u v where `is_plain` holds."""
        floor, uni, row = self.uni_bow[v], self.uni, v * self.size
        bigram = self.bi.get
        found = [bigram(row + w) for w in words]
        return [floor + uni[w] if p is None else p for w, p in zip(words, found, strict=True)]
