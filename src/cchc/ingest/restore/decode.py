"""Noisy-channel decoding of one line: beam search over candidates with the trigram LM."""

from __future__ import annotations

from dataclasses import dataclass

from cchc.ingest.restore.channel import Channel
from cchc.ingest.restore.lm import TrigramLM
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

BEAM = 12
CHANNEL_WEIGHT = 1.0
KEEP_PENALTY = -3.0  # log10 cost of keeping a word that no syllable explains


@dataclass(frozen=True, slots=True)
class Token:
    """One restored piece: as written, as restored, and how sure the restorer is (0–1)."""

    original: str
    restored: str
    confidence: float


class Decoder:
    """Restores lines with a language model and a channel."""

    def __init__(self, lm: TrigramLM, channel: Channel) -> None:
        self.lm = lm
        self.channel = channel
        self.bos = lm.id("<s>")
        self.eos = lm.id("</s>")

    def options(self, piece: Piece, mode: str) -> list[tuple[tuple[int, ...], str, float]]:
        """(LM ids, restored text in lower case, channel log10) for one piece."""
        if piece.kind == WORD:
            return self._word_options(piece.text, mode)
        if piece.kind == CODE:
            return [((self.lm.id("<code>"),), restore_code(piece.text), 0.0)]
        if piece.kind == ABBR:
            restored = restore_abbreviation(piece.text)
            return [((self.lm.id(lm_token(Piece(ABBR, piece.text)) or "<abbr>"),), restored, 0.0)]
        token = lm_token(piece)
        return [((self.lm.id(token),) if token else (), piece.text, 0.0)]

    def _word_options(self, text: str, mode: str) -> list[tuple[tuple[int, ...], str, float]]:
        lower = text.lower()
        out = []
        for clean, logp in self.channel.candidates(text, mode):
            ids = tuple(self.lm.id(s) for s in clean.split())
            out.append((ids, clean, CHANNEL_WEIGHT * logp))
        if not out or " " in out[0][1]:
            out.append(((self.lm.unk,), lower, KEEP_PENALTY))
        return out

    def decode(
        self, pieces: list[Piece], mode: str
    ) -> tuple[tuple[int, ...], list[list[tuple[tuple[int, ...], str, float]]]]:
        """Best choice per decoded piece (index into its options), and the options of every
        piece (empty for spaces), by beam search over (previous two LM tokens) states."""
        options = [self.options(p, mode) if p.kind != SPACE else [] for p in pieces]
        score = self.lm.score
        beam: list[tuple[float, int, int, tuple | None]] = [(0.0, self.bos, self.bos, None)]
        for opts in options:
            if not opts:
                continue
            states: dict[tuple[int, int], tuple[float, int, int, tuple | None]] = {}
            for total0, u, v, back in beam:
                for index, (ids, _, logp) in enumerate(opts):
                    total, a, b = total0 + logp, u, v
                    for w in ids:
                        total += score(a, b, w)
                        a, b = b, w
                    old = states.get((a, b))
                    if old is None or total > old[0]:
                        states[(a, b)] = (total, a, b, (index, back))
            beam = sorted(states.values(), key=lambda h: -h[0])[:BEAM]
        best = max(beam, key=lambda h: h[0] + score(h[1], h[2], self.eos))
        choices: list[int] = []
        back = best[3]
        while back is not None:
            choices.append(back[0])
            back = back[1]
        return tuple(reversed(choices)), options

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
    has_digit = any(ch.isdigit() for ch in word)
    has_alpha = any(ch.isalpha() for ch in word)
    return (has_digit and has_alpha) or any(ord(ch) > 127 for ch in word)


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
