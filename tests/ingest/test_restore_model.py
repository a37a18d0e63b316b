"""The restorer's fast paths give what the plain algorithms give: the packed tables, the
shortlists, the pruned candidate search, the LM score rows and the pruned beam search are
each checked against a straightforward version (bit for bit: same floats, same order)."""

from __future__ import annotations

import random
from operator import itemgetter
from pathlib import Path

import pytest
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cchc.bench.restore import strip_marks
from cchc.ingest.restore import DATA, channel, load_decoder
from cchc.ingest.restore.channel import Channel
from cchc.ingest.restore.decode import BEAM, Choices, Decoder
from cchc.ingest.restore.lm import Words
from cchc.ingest.restore.store import load_tables, read_packed, read_text, with_columns
from cchc.ingest.restore.tokens import SPACE, Piece, split_line
from cchc.ingest.restore.vietnamese import apply_case, case_pattern
from cchc.text import fold

DEV = Path(__file__).resolve().parents[2] / "scripts" / "restorer_corpus" / "dev" / "dev.txt"
_NO_SHORTLISTS = {"shortlist_settings": [], "shortlist_tokens": [], "shortlist_words": []}


@pytest.fixture(scope="module")
def decoder() -> Decoder:
    return load_decoder()


@pytest.fixture(scope="module")
def searching(decoder: Decoder) -> Channel:
    """A channel that searches every token (no shortlists)."""
    tables = with_columns(load_tables(DATA), shortlist_scored=[], **_NO_SHORTLISTS)
    return Channel(tables, decoder.channel.prior)


def _damaged_tokens(count: int, seed: int = 3) -> list[str]:
    """Words of the dev text, stripped of marks or damaged as English OCR damages them."""
    rng = random.Random(seed)
    words = [p.text for line in _dev_lines() for p in split_line(line) if p.kind == "word"]
    noise = "0123456789il1!'’ecoauyOIDPB6"
    tokens = []
    for word in rng.sample(words, count):
        chars = list(strip_marks(word) if rng.random() < 0.6 else word)
        for _ in range(rng.randint(0, 2)):
            chars[rng.randrange(len(chars))] = rng.choice(noise)
        token = "".join(chars)
        tokens.append(token.upper() if rng.random() < 0.1 else token)
    return tokens


def _dev_lines() -> list[str]:
    return [line for line in DEV.read_text(encoding="utf-8").split("\n") if line.strip()]


def test_packed_tables_are_the_text_files_plus_what_is_derived():
    packed = read_packed(DATA / "tables.bin")
    assert packed.shortlist_tokens
    assert with_columns(packed, shortlist_scored=[], **_NO_SHORTLISTS) == read_text(DATA)


def test_shortlisted_tokens_get_what_the_search_gives(decoder, searching):
    shortlists = decoder.channel.shortlists
    tokens = list(shortlists)[::20]
    assert len(shortlists) > 5000 and "thuc" in shortlists and "Thuc" in shortlists
    for token in tokens:
        assert decoder.channel._candidates(token, "ocr") == searching._candidates(token, "ocr")


def test_shortlists_made_with_other_settings_are_ignored(monkeypatch):
    monkeypatch.setattr(channel, "SETTINGS", channel.SETTINGS + " changed")
    tables = load_tables(DATA)
    assert not Channel(tables, {w: 0.0 for w in tables.vocab}).shortlists


def test_pruned_search_gives_the_full_search(searching):
    for index, token in enumerate(_damaged_tokens(400)):
        mode = "plain" if index % 5 == 0 else "ocr"
        assert searching._candidates(token, mode) == _full_search(searching, token, mode), token


def _full_search(ch: Channel, token: str, mode: str) -> tuple:
    """The candidate search scoring every near spelling (as before the pruning)."""
    if ch._known(token, mode):
        return ch._known(token, mode)
    found = dict(ch.table.get(token, ()))
    key, pattern = fold(token), case_pattern(token)
    for clean in ch.by_fold.get(key, ()):
        score = 0.0 if mode != "ocr" else ch.letter_logp(apply_case(clean, pattern=pattern), token)
        found[clean] = max(found.get(clean, -99.0), score)
    if mode == "ocr" or not found:
        limit = 1 if len(key) <= 3 else 2
        near = process.extract(
            key, ch.folded_forms, scorer=Levenshtein.distance, score_cutoff=limit, limit=40
        )
        for form, _, _ in near:
            for clean in ch.by_fold[form][:6]:
                score = ch.letter_logp(apply_case(clean, pattern=pattern), token)
                if score > found.get(clean, -99.0):
                    found[clean] = score
    if len(key) >= 5 and (not found or max(found.values()) < -2.0):
        ch._glued(key, found)
    return ch._ranked(found, mode)


def test_score_rows_are_the_scores(decoder):
    lm, rng = decoder.lm, random.Random(5)
    frequent = sorted(range(lm.size), key=lambda w: -lm.uni[w])[:300]
    contexts = [divmod(c, lm.size) for c in sorted(lm.contexts)[::97]]
    contexts += [(rng.choice(frequent), rng.choice(frequent)) for _ in range(200)]
    for u, v in contexts:
        words = rng.sample(frequent, 14)
        words += [rng.randrange(lm.size), words[0]]  # and a repeated one
        expected = [lm.score(u, v, w) for w in words]
        assert lm.scores(u, v, Words(words, lm.uni)) == expected


def test_pruned_beam_search_gives_the_plain_beam_search(decoder):
    plain = _PlainDecoder(decoder.lm, decoder.channel)
    lines = [strip_marks(line) for line in _dev_lines()]
    lines += [" ".join(_damaged_tokens(30, seed=seed)) for seed in range(6)]
    lines += _SEVERAL  # options of several tokens ("ở thành", "thủ tục")
    for line in lines:
        for mode in ("ocr", "plain"):
            steps = [decoder.choices(p, mode) for p in split_line(line) if p.kind != SPACE]
            beam = expected = [(0.0, decoder.bos, decoder.bos, None)]
            for step in steps:  # every beam, not only the best path at the end
                beam, expected = decoder._step(beam, step), plain._step(expected, step)
                assert beam == expected, line


_SEVERAL = [
    "Thanh tra cap huyen nam nay co mot so thi diem ve thutuc hanhchinh, nha o va dia chinh.",
    "Ket qua thanh tra: nam 2023 co 12 cuoc, thi hanh 95% kien nghi; cap xa thanh lap to.",
    "viec ai i7O phan Mot ctr1 cep x!a: Co 16 cong chi' 6oan thani x6et sic nhiem",
]


class _PlainDecoder(Decoder):
    """The beam search keeping every state of every step (no bar, no shared rows)."""

    def _step(self, beam: list, step: Choices) -> list:
        score, size = self.lm.score, self.lm.size
        states: dict[int, tuple] = {}
        for total0, u, v, back in beam:
            for index, (ids, _, logp) in enumerate(step.options):
                total, a, b = total0 + logp, u, v
                for w in ids:
                    total += score(a, b, w)
                    a, b = b, w
                old = states.get(a * size + b)
                if old is None or total > old[0]:
                    states[a * size + b] = (total, a, b, (index, back))
        return sorted(states.values(), key=itemgetter(0), reverse=True)[:BEAM]


def test_decoding_keeps_spaces_out_of_the_search(decoder):
    pieces = [Piece("word", "Thuc"), Piece(SPACE, " "), Piece("word", "hien")]
    choices, options = decoder.decode(pieces, "plain")
    assert len(choices) == 2 and options[1] == []
