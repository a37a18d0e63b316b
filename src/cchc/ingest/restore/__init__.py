"""Restore Vietnamese diacritics in OCR output and in text typed without them.

A noisy-channel restorer: each written word gets candidate syllables from an OCR channel
learned offline (clean text rendered to images and read by Tesseract's English model) and
from the syllable inventory; a Kneser-Ney syllable trigram model picks the sequence (beam
search). Numbers, codes ("107/2021/NĐ-CP"), abbreviations, punctuation, spacing and line
structure are kept; known abbreviations get their Đ back ("QD" → "QĐ").

    restore_line("Thuc hien cai cach thu tuc hanh chinh")  # "Thực hiện cải cách thủ tục hành chính"
    restore_text(text)       # line by line, one output line per input line
    restore_tokens(line)     # [(original, restored, confidence), …] for review screens

The model is read once, lazily, from the package data (data/tables.bin, see
data/README.md); scripts/train_restorer.py makes it and scripts/pack_restorer.py packs it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cchc.ingest.restore.channel import Channel
from cchc.ingest.restore.decode import Decoder, Token, render, text_mode
from cchc.ingest.restore.lm import TrigramLM
from cchc.ingest.restore.store import load_tables
from cchc.ingest.restore.tokens import SPACE, WORD, Piece, split_line

DATA = Path(__file__).resolve().parent / "data"

__all__ = ["Token", "load_decoder", "restore_line", "restore_text", "restore_tokens"]


@lru_cache(maxsize=4)
def load_decoder(data: Path = DATA) -> Decoder:
    """The decoder built from the model in `data` (read once per folder: tables.bin, or the
    text files of a folder without it)."""
    tables = load_tables(data)
    lm = TrigramLM(tables)
    return Decoder(lm, Channel(tables, dict(zip(lm.vocab, lm.uni, strict=True))))


def restore_line(line: str, *, mode: str | None = None, decoder: Decoder | None = None) -> str:
    """The line with Vietnamese diacritics restored (same spacing, numbers and codes)."""
    tokens = _restore(line, mode, decoder or load_decoder(), with_confidence=False)
    return "".join(t.restored for t in tokens)


def restore_text(text: str, *, decoder: Decoder | None = None) -> str:
    """Every line restored, one output line per input line.

    The mode (OCR output, plain text or clean Vietnamese) is judged on the whole text, and
    consecutive non-blank lines are decoded together, so a sentence wrapped over two lines
    keeps its context.
    """
    decoder = decoder or load_decoder()
    lines = text.split("\n")
    split = [split_line(line) for line in lines]
    mode = text_mode([p.text for pieces in split for p in pieces if p.kind == WORD])
    out = list(lines)
    for block in _blocks(lines):
        for index, restored in zip(
            block, _restore_block([split[i] for i in block], mode, decoder), strict=True
        ):
            out[index] = restored
    return "\n".join(out)


def _blocks(lines: list[str]) -> list[list[int]]:
    """Indexes of runs of consecutive non-blank lines."""
    blocks: list[list[int]] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if blocks and blocks[-1][-1] == index - 1:
            blocks[-1].append(index)
        else:
            blocks.append([index])
    return blocks


def _restore_block(lines: list[list[Piece]], mode: str, decoder: Decoder) -> list[str]:
    """Restore several lines decoded as one sequence; returns the restored lines."""
    pieces = [p for line in lines for p in (*line, Piece(SPACE, "\n"))]
    texts, _ = _choose(pieces, mode, decoder, with_confidence=False)
    out, position = [], 0
    for line in lines:
        part = texts[position : position + len(line)]
        out.append("".join(_split_render(line, part)))
        position += len(line) + 1
    return out


def restore_tokens(
    line: str, *, mode: str | None = None, decoder: Decoder | None = None
) -> list[Token]:
    """Pieces of the line (words, spaces, numbers, punctuation) with their restoration.

    Joining the `restored` fields gives the restored line. A word's confidence is the share
    of probability its chosen form keeps against the other candidates in the same context.
    """
    return _restore(line, mode, decoder or load_decoder(), with_confidence=True)


def _restore(
    line: str, mode: str | None, decoder: Decoder, *, with_confidence: bool
) -> list[Token]:
    if not line.strip():
        return [Token(line, line, 1.0)] if line else []
    pieces = split_line(line)
    mode = mode or text_mode([p.text for p in pieces if p.kind == WORD])  # as line_mode(line)
    texts, confidences = _choose(pieces, mode, decoder, with_confidence)
    restored = _split_render(pieces, texts)
    return [Token(p.text, r, c) for p, r, c in zip(pieces, restored, confidences, strict=True)]


def _choose(
    pieces: list[Piece], mode: str, decoder: Decoder, with_confidence: bool
) -> tuple[list[str], list[float]]:
    """Restored text (lower case) and confidence of each piece."""
    choices, options = decoder.decode(pieces, mode)
    chosen = iter(choices)
    certainty = decoder.confidences(options, choices) if with_confidence else None
    sure = iter(certainty or [1.0] * len(choices))
    texts, confidences = [], []
    for piece, opts in zip(pieces, options, strict=True):
        if piece.kind == SPACE or not opts:
            texts.append(piece.text)
            confidences.append(1.0)
            continue
        texts.append(opts[next(chosen)][1])
        confidence = next(sure)
        confidences.append(confidence if piece.kind == WORD else 1.0)
    return texts, confidences


def _split_render(pieces: list, texts: list[str]) -> list[str]:
    """Per-piece restored text in the original case (render() works on the whole line)."""
    marker = "\x00"
    joined = render(pieces, [t + marker for t in texts])
    return [part for part in joined.split(marker)][: len(pieces)]
