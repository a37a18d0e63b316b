"""The restorer's model as tables of columns, and the files they are read from.

scripts/train_restorer.py writes the model as text (lm.csv.gz, channel.csv.gz: the record
documented in data/README.md), then packs it (scripts/pack_restorer.py) into tables.bin:
the same columns, plus what is derived from them once (the syllable inventory and the
shortlists of shortlists.py), as little-endian int32 arrays and newline-joined strings in
one zlib stream. `load_tables` reads tables.bin (a few milliseconds; parsing the text takes
a quarter of a second) and falls back to the text files in a folder without tables.bin.

Log10 values stay integers (thousandths) here; TrigramLM and Channel divide them by 1000.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import sys
import zlib
from array import array
from dataclasses import dataclass, fields
from pathlib import Path

from cchc.ingest.restore.vietnamese import is_syllable
from cchc.text import fold

PACKED = "tables.bin"
MAGIC = b"cchc restorer tables 1\n"
_INT = "i"  # int32 on every platform Python supports
_TYPECODES = {"bi_key": "q", "tri_key": "q"}  # int64 columns (others: int32)
_TEXT = "list[str]"  # the type of the columns of strings


@dataclass(frozen=True, slots=True)
class Tables:
    """Every row of the model, by column. Tokens are ids (line numbers of `vocab`, whose size
    is V); a bigram v w is keyed v * V + w, a trigram u v w (u * V + v) * V + w; n-grams are
    sorted by key."""

    vocab: list[str]
    uni: array  # log10 P(w) in thousandths
    uni_bow: array  # log10 backoff weight of w as a context
    bi_key: array
    bi_p: array
    bi_bow: array
    tri_key: array
    tri_p: array
    token_written: list[str]  # channel token table: OCR token, clean syllable(s), log10
    token_clean: list[str]
    token_logp: array
    letter_clean: list[str]  # letter table: clean letter, OCR letters, log10
    letter_written: list[str]
    letter_logp: array
    inserted: list[str]  # letters OCR inserts, and log10 P of each
    inserted_logp: array
    syllables: array  # ids of the vocabulary's syllables, most frequent first (ties: spelling)
    syllable_folds: list[str]  # fold() of each of them
    shortlist_settings: list[str]  # channel.SETTINGS the shortlists were made with (or none)
    shortlist_tokens: list[str]  # shortlisted OCR tokens
    shortlist_words: list[str]  # their candidates, joined by tabs
    shortlist_scored: array  # bit mask of the candidates the letter table scores


def load_tables(folder: Path) -> Tables:
    """The tables of the model in `folder` (tables.bin, or else the text files)."""
    packed = folder / PACKED
    return read_packed(packed) if packed.exists() else read_text(folder)


def read_text(folder: Path) -> Tables:
    """The tables from lm.csv.gz and channel.csv.gz (the format in data/README.md), without
    shortlists."""
    columns: dict[str, list] = {f.name: [] for f in fields(Tables)}
    _read_lm(folder / "lm.csv.gz", columns)
    _read_channel(folder / "channel.csv.gz", columns)
    vocab, uni = columns["vocab"], columns["uni"]
    syllables = sorted(
        (i for i, w in enumerate(vocab) if is_syllable(w) and not w.startswith("<")),
        key=lambda i: (-uni[i], vocab[i]),
    )
    columns["syllables"] = syllables
    columns["syllable_folds"] = [fold(vocab[i]) for i in syllables]
    return _tables(columns)


def with_columns(tables: Tables, **columns: list) -> Tables:
    """The tables with some columns replaced."""
    converted = _tables(columns, partial=True)
    return dataclasses.replace(tables, **{name: getattr(converted, name) for name in columns})


def _read_lm(path: Path, columns: dict[str, list]) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        _, uni_block, bi_block, tri_block = handle.read().split("#", 3)
    for line in uni_block.split("\n")[1:-1]:
        word, prob, bow = line.rsplit("\t", 2)
        columns["vocab"].append(word)
        columns["uni"].append(int(prob))
        columns["uni_bow"].append(int(bow))
    size = len(columns["vocab"])
    _read_rows(bi_block, columns, ("bi_key", "bi_p", "bi_bow"), size)
    _read_rows(tri_block, columns, ("tri_key", "tri_p"), size)


def _read_rows(block: str, columns: dict[str, list], names: tuple[str, ...], size: int) -> None:
    """Rows of tab-separated integers (after the block's header line), ids first, into
    columns: the key of the ids (see Tables), then the other values; sorted by key."""
    width = len(block.split("\n", 2)[1].split("\t")) - len(names) + 1  # how many ids
    rows = []
    for line in block.split("\n")[1:-1]:
        numbers = [int(x) for x in line.split("\t")]
        key = 0
        for token in numbers[:width]:
            key = key * size + token
        rows.append((key, *numbers[width:]))
    rows.sort()
    for index, name in enumerate(names):
        columns[name] = [row[index] for row in rows]


def _read_channel(path: Path, columns: dict[str, list]) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            kind, a, b, logp = line.rstrip("\n").split("\t")[:4]
            if kind == "t":  # OCR token, clean syllable(s)
                names = ("token_written", "token_clean", "token_logp")
            elif kind == "c":  # clean letter, OCR letters
                names = ("letter_clean", "letter_written", "letter_logp")
            else:  # inserted letter
                names = ("inserted", "", "inserted_logp")
            for name, value in zip(names, (a, b, int(logp)), strict=True):
                if name:
                    columns[name].append(value)


def _tables(columns: dict[str, list], *, partial: bool = False) -> Tables:
    """Tables with every integer column as an int32 array (missing ones empty if `partial`)."""
    kinds = {f.name: f.type for f in fields(Tables)}
    values = {name: [] for name in kinds} if partial else {}
    values.update(columns)
    return Tables(
        **{
            name: list(column)
            if kinds[name] == _TEXT
            else array(_TYPECODES.get(name, _INT), column)
            for name, column in values.items()
        }
    )


def pack(tables: Tables, path: Path) -> None:
    """Write tables.bin: MAGIC, then zlib(header line (JSON: [name, kind, size in bytes] per
    column), the columns in that order: little-endian integers of the kind's array type
    code ("i": int32, "q": int64), or ("text") UTF-8 strings joined by newlines)."""
    header, parts = [], []
    for field in fields(Tables):
        values = getattr(tables, field.name)
        if field.type == _TEXT:
            if any("\n" in v for v in values) or values == [""]:
                raise ValueError(f"{field.name}: a value is empty or holds a newline")
            data, kind = "\n".join(values).encode("utf-8"), "text"
        else:
            data, kind = _little_endian(values).tobytes(), values.typecode
        header.append([field.name, kind, len(data)])
        parts.append(data)
    body = json.dumps(header).encode("ascii") + b"\n" + b"".join(parts)
    path.write_bytes(MAGIC + zlib.compress(body, 9))


def read_packed(path: Path) -> Tables:
    """The tables from a file written by `pack`."""
    raw = path.read_bytes()
    if not raw.startswith(MAGIC):
        raise ValueError(f"{path}: not a restorer tables file")
    body = zlib.decompress(raw[len(MAGIC) :])
    end = body.index(b"\n")
    columns: dict[str, object] = {}
    position = end + 1
    for name, kind, length in json.loads(body[:end]):
        data = body[position : position + length]
        position += length
        if kind == "text":
            columns[name] = data.decode("utf-8").split("\n") if data else []
        else:
            values = array(kind)
            values.frombytes(data)
            columns[name] = _little_endian(values)
    return Tables(**columns)


def _little_endian(values: array) -> array:
    """The array in little-endian order (a copy on big-endian machines)."""
    if sys.byteorder == "little":
        return values
    swapped = array(values.typecode, values)
    swapped.byteswap()
    return swapped
