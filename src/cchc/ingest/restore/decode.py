"""Noisy-channel decoding of one line: beam search over candidates with the trigram LM."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from operator import add, itemgetter

from cchc.ingest.restore.beam import BEAM, SLACK, Frontier, best_states, cut, path_score
from cchc.ingest.restore.channel import Channel
from cchc.ingest.restore.lm import TrigramLM, Words
from cchc.ingest.restore.tokens import (
    ABBR,
    CODE,
    SPACE,
    WORD,
    Piece,
    lm_token,
    restore_abbreviation,
    restore_code,
    split_line,
)
from cchc.ingest.restore.vietnamese import (
    apply_case,
    case_pattern,
    has_vietnamese_letters,
)

CHANNEL_WEIGHT = 1.0
KEEP_PENALTY = -3.0  # log10 cost of keeping a word that no syllable explains
PLAIN_LIMIT = 256  # LM score lists kept per piece
_TOTAL = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Token:
    """One restored piece: as written, as restored, and how sure the restorer is (0–1)."""

    original: str
    restored: str
    confidence: float


class Choices:
    """The options of one piece, with what the beam search reads of them prepared once."""

    __slots__ = (
        "data",
        "distinct",
        "firsts",
        "logps",
        "options",
        "rows",
        "scored",
        "slots",
        "words",
    )

    def __init__(
        self, options: list[tuple[tuple[int, ...], str, float]], lm: TrigramLM | None = None
    ) -> None:
        # Tuples rather than lists: the garbage collector stops tracking tuples of numbers.
        self.options = tuple(options)
        self.logps = tuple(logp for _, _, logp in options)
        # The LM token of each option, or None when an option has none or several ("thu tuc").
        words = [ids[0] if len(ids) == 1 else None for ids, _, _ in options]
        self.words = tuple(words) if None not in words else None
        self.distinct = self.words is not None and len(set(self.words)) == len(self.words)
        # Per option, the first option with the same LM token (where its state is reached).
        self.firsts = tuple(map(self.words.index, self.words)) if self.words else ()
        # Per option of one LM token, its index among those (-1: an option of none or several).
        slots: list[int] = []
        singles: list[int] = []
        for w in words:
            slots.append(-1 if w is None else len(singles))
            if w is not None:
                singles.append(w)
        self.slots = tuple(slots)
        # They are scored together in each context (Decoder._scores, Decoder._single_scores).
        self.scored = Words(singles, lm.uni) if lm and singles else None
        # What the beam search computed for this piece by LM context (Decoder._scores): rows
        # of `data`, by where they start (one list for them all spares the garbage collector).
        self.rows: dict[int, int] = {}
        self.data: list[float] = []


class Decoder:
    """Restores lines with a language model and a channel."""

    def __init__(self, lm: TrigramLM, channel: Channel) -> None:
        self.lm = lm
        self.channel = channel
        self.bos = lm.id("<s>")
        self.eos = lm.id("</s>")
        self._word_choices = lru_cache(maxsize=100_000)(self._choices)
        self._other_choices = lru_cache(maxsize=20_000)(self._piece_choices)

    def options(self, piece: Piece, mode: str) -> list[tuple[tuple[int, ...], str, float]]:
        """(LM ids, restored text in lower case, channel log10) for one piece."""
        return list(self.choices(piece, mode).options)

    def choices(self, piece: Piece, mode: str) -> Choices:
        """The options of a piece (those of a word are read once per spelling and mode)."""
        if piece.kind == WORD:
            return self._word_choices(piece.text, mode)
        return self._other_choices(piece.kind, piece.text)

    def _piece_choices(self, kind: str, text: str) -> Choices:
        piece = Piece(kind, text)
        if piece.kind == CODE:
            return Choices([((self.lm.id("<code>"),), restore_code(piece.text), 0.0)])
        if piece.kind == ABBR:
            restored = restore_abbreviation(piece.text)
            token = lm_token(Piece(ABBR, piece.text)) or "<abbr>"
            return Choices([((self.lm.id(token),), restored, 0.0)])
        token = lm_token(piece)
        return Choices([((self.lm.id(token),) if token else (), piece.text, 0.0)])

    def _choices(self, text: str, mode: str) -> Choices:
        lower = text.lower()
        out = []
        for clean, logp in self.channel.candidates(text, mode):
            ids = tuple(self.lm.id(s) for s in clean.split())
            out.append((ids, clean, CHANNEL_WEIGHT * logp))
        if not out or " " in out[0][1]:
            out.append(((self.lm.unk,), lower, KEEP_PENALTY))
        return Choices(out, self.lm)

    def decode(
        self, pieces: list[Piece], mode: str
    ) -> tuple[tuple[int, ...], list[list[tuple[tuple[int, ...], str, float]]]]:
        """Best choice per decoded piece (index into its options), and the options of every
        piece (empty for spaces), by beam search over (previous two LM tokens) states."""
        steps = [self.choices(p, mode) if p.kind != SPACE else None for p in pieces]
        beam: list[tuple[float, int, int, tuple | None]] = [(0.0, self.bos, self.bos, None)]
        for step in steps:
            if step is not None and step.options:
                beam = self._step(beam, step)
        score = self.lm.score
        best = max(beam, key=lambda h: h[0] + score(h[1], h[2], self.eos))
        choices: list[int] = []
        back = best[3]
        while back is not None:
            choices.append(back[0])
            back = back[1]
        return tuple(reversed(choices)), [list(s.options) if s else [] for s in steps]

    def _step(self, beam: list, step: Choices) -> list:
        """The beam after one more piece: per (last two LM tokens) state the best hypothesis
        (the first one reached among equals), then the BEAM best states, best first (among
        equals, the state reached first). States that cannot enter the beam are not built
        (beam.py)."""
        words = step.words
        if words is None:
            return self._general_step(beam, step)
        if len(words) == 1:
            return self._single_step(beam, words[0], step.logps[0])
        frontier = Frontier(step, self.lm.size)
        ranks: dict[int, int] = {}  # last tokens v in the order the hypotheses reach them
        plain: set[int] = set()
        data, width = step.data, len(words)
        for total0, u, v, back in beam:
            first = ranks.setdefault(v, len(ranks)) * width
            start = self._scores(step, u, v, plain)
            if start >= 0 and total0 + data[start + width] >= frontier.bar:
                frontier.add(total0, v, back, data, start, first)
        return frontier.best()

    def _single_step(self, beam: list, w: int, logp: float) -> list:
        """`_step` for a piece with one option (a number, a code, punctuation)."""
        score = self.lm.score
        states: dict[int, tuple] = {}  # by v: every state is (v, w)
        for total0, u, v, back in beam:
            total = total0 + logp + score(u, v, w)
            old = states.get(v)
            if old is None or total > old[0]:
                states[v] = (total, v, w, (0, back))
        return sorted(states.values(), key=_TOTAL, reverse=True)[:BEAM]

    def _scores(self, step: Choices, u: int, v: int, plain: set[int]) -> int:
        """Where step.data holds the LM scores of the step's words after u v, followed by a
        bound of channel + LM score over the options; -1 when a hypothesis met earlier in the
        (best first) beam also ends in v in a context where the scores depend on v only: it
        reaches the same states with totals at least as high."""
        lm = self.lm
        context = u * lm.size + v
        if context in lm.contexts:
            key = -1 - context  # rows after a full context are kept under negative keys
        elif v in plain:
            return -1
        else:
            plain.add(v)
            key = v
        start = step.rows.get(key)
        if start is None:
            scores = lm.scores(u, v, step.scored)
            start = _store(step, key, [*scores, max(map(add, step.logps, scores)) + SLACK])
        return start

    def _general_step(self, beam: list, step: Choices) -> list:
        """`_step` when an option has no LM token or several ("thu tuc").

        The same search as with `Frontier`, where states are reached in the order of the
        options: each option's state (its last two tokens) and order are taken first, and its
        LM scores only when it could reach the bar (no LM score is above `lm.best_score`).
        """
        size, ceiling, score = self.lm.size, self.lm.best_score, self.lm.score
        slots, data = step.slots, step.data
        states: dict[int, tuple] = {}  # (-total, order, a, b, index, back) by a * size + b
        orders: dict[int, int] = {}
        bar = -math.inf
        for total0, u, v, back in beam:
            start = self._single_scores(step, u, v)
            for index, (ids, _, logp) in enumerate(step.options):
                a, b = (u, v, *ids)[-2:]
                order = orders.setdefault(a * size + b, len(orders))
                total = total0 + logp
                if total + len(ids) * ceiling + SLACK < bar:
                    continue
                if len(ids) == 1:
                    total += data[start + slots[index]]
                else:
                    total = path_score(score, total, u, v, ids)
                old = states.get(a * size + b)
                if total >= bar and (old is None or -total < old[0]):
                    states[a * size + b] = (-total, order, a, b, index, back)
            if len(states) >= (BEAM if bar == -math.inf else 2 * BEAM):
                bar = cut(states)
        return best_states(states)

    def _single_scores(self, step: Choices, u: int, v: int) -> int:
        """Where step.data holds the LM scores after u v of the one-token options of a step
        whose other options have no token or several (kept like `_scores`)."""
        lm = self.lm
        context = u * lm.size + v
        key = -1 - context if context in lm.contexts else v
        start = step.rows.get(key)
        if start is None:
            start = _store(step, key, lm.scores(u, v, step.scored) if step.scored else [])
        return start

    def confidences(self, options: list, choices: tuple[int, ...]) -> list[float]:
        """Per decoded piece: the share of probability its chosen option keeps against the
        others, each scored with the channel and the LM in the chosen path's context."""
        steps = [opts for opts in options if opts]
        ids = [self.bos, self.bos]
        for opts, choice in zip(steps, choices, strict=True):
            ids.extend(opts[choice][0])
        result = []
        position = 2
        for opts, choice in zip(steps, choices, strict=True):
            width = len(opts[choice][0])
            before, after = (
                ids[position - 2 : position],
                ids[position + width : position + width + 2],
            )
            scores = [self._local(before, tokens, logp, after) for tokens, _, logp in opts]
            mass = sum(10.0 ** (x - scores[choice]) for x in scores)
            result.append(round(1.0 / mass, 3))
            position += width
        return result

    def _local(self, before: list[int], tokens: tuple, logp: float, after: list[int]) -> float:
        a, b = before
        total = logp
        for w in (*tokens, *after):
            total += self.lm.score(a, b, w)
            a, b = b, w
        return total


def _store(step: Choices, key: int, row: list[float]) -> int:
    """Keep a row of LM scores of the step (at most PLAIN_LIMIT); returns where it starts."""
    if len(step.rows) >= PLAIN_LIMIT:
        step.rows.clear()
        step.data.clear()  # rows handed out are read before the next one is asked for
    start = step.rows[key] = len(step.data)
    step.data.extend(row)
    return start


def line_mode(line: str) -> str:
    """How a line was written: "clean" Vietnamese, "ocr" output, or "plain" (no diacritics)."""
    words = [p.text for p in split_line(line) if p.kind == WORD]
    return text_mode(words)


def text_mode(words: list[str]) -> str:
    """The mode of a list of written words (see `line_mode`)."""
    if not words:
        return "plain"
    vietnamese = sum(has_vietnamese_letters(w) for w in words)
    if vietnamese >= 0.15 * len(words):
        return "clean"
    marked = sum(_looks_ocr(w) for w in words)
    return "ocr" if marked >= max(1, 0.02 * len(words)) else "plain"


def _looks_ocr(word: str) -> bool:
    """Letters and digits mixed ("s6"), or a letter English OCR makes of a Vietnamese one."""
    return not word.isascii() or (any(map(str.isdigit, word)) and any(map(str.isalpha, word)))


def render(pieces: list[Piece], restored: list[str]) -> str:
    """The line with restored words, in the case of the originals."""
    upper_line = _mostly_upper(pieces)
    runs = _upper_runs(pieces)
    out = []
    for index, (piece, text) in enumerate(zip(pieces, restored, strict=True)):
        if piece.kind != WORD:
            out.append(text)
            continue
        pattern = "upper" if upper_line else case_pattern(piece.text)
        if pattern == "upper" and not upper_line and index not in runs:
            pattern = "title"  # "BO phan" → "Bộ phận": a lone capitalised word
        words = text.split(" ")
        first = apply_case(words[0], pattern=pattern)
        rest = [
            apply_case(w, pattern="upper" if pattern == "upper" else "lower") for w in words[1:]
        ]
        out.append(" ".join([first, *rest]))
    return "".join(out)


def _upper_runs(pieces: list[Piece]) -> set[int]:
    """Indexes of all-caps words next to another all-caps word or abbreviation ("HUYỆN TỨ KỲ")."""
    marks = [
        (i, p.kind == ABBR or (p.kind == WORD and case_pattern(p.text) == "upper"))
        for i, p in enumerate(pieces)
        if p.kind in (WORD, ABBR)
    ]
    runs = set()
    for k, (index, upper) in enumerate(marks):
        left = k > 0 and marks[k - 1][1]
        right = k + 1 < len(marks) and marks[k + 1][1]
        if upper and (left or right):
            runs.add(index)
    return runs


def _mostly_upper(pieces: list[Piece]) -> bool:
    letters = [ch for p in pieces if p.kind == WORD for ch in p.text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
