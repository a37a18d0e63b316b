"""Kneser-Ney trigram language model over syllables, written in backoff form.

Interpolated Kneser-Ney with one absolute discount per order (D = n1 / (n1 + 2 n2)); lower
orders count contexts (continuation counts). Written as text in lm.csv.gz (see the runtime
reader in src/cchc/ingest/restore/lm.py): log10 probabilities and backoffs in thousandths.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

from cchc.ingest.restore.tokens import SPACE, WORD, lm_token, split_line
from cchc.ingest.restore.vietnamese import canonical, is_syllable

BOS, EOS, UNK = "<s>", "</s>", "<unk>"
CLASSES = [BOS, EOS, UNK, "<num>", "<code>", "<abbr>"]


def sentence_tokens(line: str) -> list[str]:
    """LM tokens of a clean line (syllables lower case and canonical; classes for the rest)."""
    out = []
    for piece in split_line(line):
        if piece.kind == SPACE:
            continue
        token = lm_token(piece)
        if piece.kind == WORD:
            token = canonical(token)
            if not is_syllable(token):
                token = UNK
        if token:
            out.append(token)
    return out


def _counts(texts: list[str], words: list[str]) -> tuple[Counter, Counter, Counter, Counter]:
    """Counts of the training text, and the bigrams of the dictionary's multi-syllable words
    (kept apart: they vouch that a pair of syllables exists, not for its frequency)."""
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    for seq in ([BOS, BOS, *sentence_tokens(t), EOS] for t in texts):
        uni.update(seq)
        bi.update(pairwise(seq))
        tri.update(zip(seq, seq[1:], seq[2:], strict=False))
    dictionary: Counter = Counter()
    for entry in ([canonical(s) for s in w.split()] for w in words):
        for syllable in entry:
            uni.setdefault(syllable, 1)
        dictionary.update(pairwise(entry))
    return uni, bi, tri, dictionary


def _discount(counts: Counter) -> float:
    n1 = sum(1 for c in counts.values() if c == 1)
    n2 = sum(1 for c in counts.values() if c == 2)
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.5


def _interpolate(counts: Counter, lower: dict, discount: float) -> tuple[dict, dict]:
    """Probabilities p(w | ctx) and backoff weights gamma(ctx) for one order."""
    totals: dict = defaultdict(float)
    types: dict = defaultdict(int)
    for gram, c in counts.items():
        totals[gram[:-1]] += c
        types[gram[:-1]] += 1
    probs = {}
    for gram, c in counts.items():
        ctx = gram[:-1]
        gamma = discount * types[ctx] / totals[ctx]
        probs[gram] = max(c - discount, 0) / totals[ctx] + gamma * lower[gram[1:]]
    gammas = {ctx: discount * types[ctx] / totals[ctx] for ctx in totals}
    return probs, gammas


def estimate(
    uni: Counter, bi: Counter, tri: Counter, dictionary: Counter, dictionary_weight: float
) -> tuple[dict, dict, dict, dict, dict]:
    """(p1, p2, p3, bow1, bow2) of the backoff model.

    Lower orders use continuation counts; bigrams get `dictionary_weight` more per pair of
    syllables of a dictionary word (0 by default: it lowered accuracy on the dev text).
    """
    cont2: Counter = Counter()
    for _, v, w in tri:
        cont2[(v, w)] += 1
    cont1: Counter = Counter()
    for _, w in bi:
        cont1[(w,)] += 1
    for w in uni:
        cont1.setdefault((w,), 1)
    total = sum(cont1.values())
    d1 = _discount(cont1)
    p1 = {g: (max(c - d1, 0) + d1) / total for g, c in cont1.items()}
    bigram_counts = Counter({g: cont2.get(g, 0) or bi[g] for g in bi})
    for pair in dictionary if dictionary_weight else ():
        bigram_counts[pair] += dictionary_weight
    p2, bow1 = _interpolate(bigram_counts, p1, _discount(bigram_counts))
    p3, bow2 = _interpolate(tri, {g: p2.get(g, 0.0) for g in (t[1:] for t in tri)}, _discount(tri))
    return p1, p2, p3, bow1, bow2


def _l(x: float) -> int:
    return round(math.log10(x) * 1000) if x > 0 else -99000


def write(path: Path, p1: dict, p2: dict, p3: dict, bow1: dict, bow2: dict) -> list[str]:
    """Write lm.csv.gz; returns the vocabulary (line order = token id)."""
    vocab = sorted(w for (w,) in p1)
    ids = {w: i for i, w in enumerate(vocab)}
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"# cchc restorer trigram LM: {len(vocab)} {len(p2)} {len(p3)}\n")
        for w in vocab:
            out.write(f"{w}\t{_l(p1[(w,)])}\t{_l(bow1.get((w,), 1.0))}\n")
        out.write("#\n")
        for (v, w), p in sorted(p2.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]])):
            out.write(f"{ids[v]}\t{ids[w]}\t{_l(p)}\t{_l(bow2.get((v, w), 1.0))}\n")
        out.write("#\n")
        for (u, v, w), p in sorted(p3.items(), key=lambda kv: tuple(ids[t] for t in kv[0])):
            out.write(f"{ids[u]}\t{ids[v]}\t{ids[w]}\t{_l(p)}\n")
    return vocab


def build(
    texts: list[str], words: list[str], path: Path, dictionary_weight: float = 0.0
) -> list[str]:
    """Count, estimate and write the model; returns the vocabulary."""
    uni, bi, tri, dictionary = _counts(texts, words)
    for cls in CLASSES:
        uni.setdefault(cls, 1)
    model = estimate(uni, bi, tri, dictionary, dictionary_weight)
    print(f"LM: {len(model[0])} unigrams, {len(model[1])} bigrams, {len(model[2])} trigrams")
    return write(path, *model)


def write_meta(path: Path, **meta: object) -> None:
    """model.json: how the data files were made."""
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
