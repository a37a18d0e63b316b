"""Shortlists: the candidates of the commonest OCR tokens, found when the model is packed.

Tesseract's English model drops Vietnamese marks, so most damaged words come out as the
folded form of a syllable ("thuc", "Thuc", "THUC") or as a token the channel's token table
knows ("ciia", "s6"). For each of them the channel's search (Channel._search: token table,
same folded form, near forms) is run once, offline, and its outcome kept: which KEEP
candidates make the cut, and which of them the letter table scores. At run time the channel
only rescores those (Channel._rescored): the same candidates with the same scores, without
the search.

Shortlists hold for the model they were made from and for the channel's SETTINGS (a channel
ignores shortlists made with other settings); `build` checks every one against the search.
"""

from __future__ import annotations

from cchc.ingest.restore.channel import SETTINGS, Channel
from cchc.ingest.restore.lm import TrigramLM
from cchc.ingest.restore.store import Tables, with_columns
from cchc.ingest.restore.vietnamese import apply_case

PATTERNS = ("lower", "title", "upper")


def with_shortlists(tables: Tables) -> Tables:
    """The tables with the shortlists of their model (a few seconds)."""
    channel = _channel(with_columns(tables, shortlist_settings=[]))
    columns: dict[str, list] = {"shortlist_tokens": [], "shortlist_words": []}
    columns["shortlist_scored"] = []
    for token in shortlisted_tokens(channel):
        entry = channel.shortlist(token)
        if entry and entry[0]:
            columns["shortlist_tokens"].append(token)
            columns["shortlist_words"].append("\t".join(entry[0]))
            columns["shortlist_scored"].append(entry[1])
    result = with_columns(tables, shortlist_settings=[SETTINGS], **columns)
    _check(result, channel)
    return result


def shortlisted_tokens(channel: Channel) -> list[str]:
    """Every folded form of a syllable in each case pattern, then every OCR token of the
    token table (each once)."""
    tokens = [
        apply_case(form, pattern=pattern) for form in channel.folded_forms for pattern in PATTERNS
    ]
    return list(dict.fromkeys([*tokens, *channel.table]))


def _channel(tables: Tables) -> Channel:
    lm = TrigramLM(tables)
    return Channel(tables, dict(zip(lm.vocab, lm.uni, strict=True)))


def _check(tables: Tables, searching: Channel) -> None:
    """Every shortlisted token gets the candidates the search gives it."""
    channel = _channel(tables)
    for token in tables.shortlist_tokens:
        if channel.candidates(token, "ocr") != searching.candidates(token, "ocr"):
            raise AssertionError(f"shortlist of {token!r} differs from the search")
