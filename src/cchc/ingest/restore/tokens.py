"""Cutting a line into pieces that are restored (words) or kept (numbers, codes, punctuation).

`split_line` keeps every character: joining the pieces' texts gives the line back, so the
restorer changes words only. `lm_token` gives the token the language model sees for a piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc.ingest.restore.vietnamese import case_pattern
from cchc.text import fold

WORD = "word"
NUMBER = "num"
CODE = "code"
ABBR = "abbr"
PUNCT = "punct"
SPACE = "space"
OTHER = "other"

# Abbreviations of the CCHC register; those with Đ are restored from their OCR spellings.
ABBREVIATIONS = (
    "UBND",
    "HĐND",
    "CCHC",
    "TTHC",
    "KSTTHC",
    "VBQPPL",
    "QPPL",
    "THPL",
    "DVC",
    "DVCTT",
    "PAKN",
    "ĐVSNCL",
    "ĐVSN",
    "ĐVHC",
    "CBCCVC",
    "CBCC",
    "VTVL",
    "NSNN",
    "LGSP",
    "SIPAS",
    "PAPI",
    "PCI",
    "DDCI",
    "BNV",
    "SNV",
    "VPCP",
    "TTg",
    "CP",
    "QĐ",
    "NĐ",
    "NQ",
    "TW",
    "KH",
    "BC",
    "TB",
    "CV",
    "HD",
    "CT",
    "TT",
    "TTLT",
    "VP",
    "UBMTTQ",
    "MTTQ",
    "TN&MT",
    "TNMT",
    "LĐTB&XH",
    "LĐTBXH",
    "GD&ĐT",
    "GDĐT",
    "VH&TT",
    "KT-HT",
    "TC-KH",
    "BCĐ",
    "ĐU",
    "ĐBQH",
    "HTX",
    "DN",
    "CNTT",
    "ATTT",
    "IOC",
    "SOC",
    "LAN",
    "VNPT",
    "VNeID",
    "CSDL",
    "CMND",
    "CCCD",
    "BHXH",
    "BHYT",
    "THCS",
    "THPT",
    "GTVT",
    "XD",
    "NN&PTNT",
    "NNPTNT",
    "KHCN",
    "KH&CN",
    "KH&ĐT",
    "KHĐT",
    "STP",
    "STC",
    "STTTT",
    "SXD",
    "SYT",
    "SGDĐT",
    "SNN",
    "SCT",
    "VHTTDL",
    "TTHCC",
    "TTPVHCC",
    "PVHCC",
    "CBCCVC",
    "QLNN",
    "ĐTC",
    "ODA",
    "PPP",
    "NTM",
    "OCOP",
    "ANTT",
    "ANQP",
    "QP-AN",
    "KT-XH",
    "PAR",
    "INDEX",
    "VT",
    "NV",
)
_D_VARIANTS = ("D", "P", "B", "Ð", "b")


def _abbreviation_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for abbr in ABBREVIATIONS:
        table[abbr] = abbr
        if "Đ" in abbr:
            for variant in _D_VARIANTS:
                table.setdefault(abbr.replace("Đ", variant), abbr)
    return table


ABBREVIATION_TABLE = _abbreviation_table()

_LEAD = "([{\"“‘'«*•–—-…·+<>=~#§¹²³⁴⁵⁶⁷⁸⁹⁰"
_TRAIL = ".,;:!?)]}\"”’'»…¹²³⁴⁵⁶⁷⁸⁹⁰*·"
_NUMBER = re.compile(r"^[\d.,/:%+\-–]*\d[\d.,/:%+\-–]*$")
_CODE_CHARS = re.compile(r"[/\\]|\d.*[-–]|[-–].*\d|[A-ZĐ]{2,}.*-|-.*[A-ZĐ]{2,}")
_WORD = re.compile(r"^[^\W_]+$|^[\w&$|¢€@£’'`]+$")
_HORN = "’'`"  # English OCR writes the horn of ư, ơ as an apostrophe: "thu’c", "tro’"
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_SPLIT = re.compile(r"(\s+)")
# Marks that never stand inside a word: a chunk is cut at them ("<i>(Sử" → "<i>", "(", "Sử").
_INNER = re.compile(r"(<[^<>\s]{1,12}>|[()\[\]{}“”\"«»<>;])")
_CODE_PART = re.compile(r"([^\W_]+)")


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of a line: its kind and its text as written."""

    kind: str
    text: str


def split_line(line: str) -> list[Piece]:
    """Pieces of `line`, in order; "".join(p.text for p in pieces) == line."""
    pieces: list[Piece] = []
    for chunk in _SPLIT.split(line):
        if not chunk:
            continue
        if chunk.isspace():
            pieces.append(Piece(SPACE, chunk))
            continue
        for part in _INNER.split(chunk):
            if len(part) > 2 and part.startswith("<"):
                pieces.append(Piece(OTHER, part))
            elif part:
                pieces.extend(_split_chunk(part))
    return pieces


def core_bounds(chunk: str) -> tuple[int, int]:
    """Start and end of the core of a chunk, without the punctuation around it.

    An apostrophe right after "u" or "o" stays in the core: it is a horn read by OCR.
    """
    start, end = 0, len(chunk)
    while start < end and chunk[start] in _LEAD:
        start += 1
    while end > start and chunk[end - 1] in _TRAIL:
        if chunk[end - 1] in _HORN and end - 2 >= start and chunk[end - 2] in "uoUO":
            break
        end -= 1
    return start, end


@lru_cache(maxsize=65536)
def _split_chunk(chunk: str) -> tuple[Piece, ...]:
    return tuple(_split_chunk_uncached(chunk))


def _split_chunk_uncached(chunk: str) -> list[Piece]:
    start, end = core_bounds(chunk)
    core = chunk[start:end]
    pieces = [Piece(PUNCT, ch) for ch in chunk[:start]]
    pieces.extend(_classify(core))
    pieces.extend(Piece(PUNCT, ch) for ch in chunk[end:])
    return pieces


def _classify(core: str) -> list[Piece]:
    if not core:
        return []
    if _NUMBER.match(core) or not _LETTER.search(core):
        return [Piece(NUMBER, core)]
    if core in ABBREVIATION_TABLE:
        return [Piece(ABBR, core)]
    if _CODE_CHARS.search(core):
        return [Piece(CODE, core)]
    if "-" in core or "–" in core:
        return _split_hyphenated(core)
    if not _WORD.match(core):
        return [Piece(OTHER, core)]
    if case_pattern(core) == "upper" and not _DIGIT.search(core) and _is_foreign_caps(core):
        return [Piece(ABBR, core)]
    return [Piece(WORD, core)]


def _split_hyphenated(core: str) -> list[Piece]:
    pieces: list[Piece] = []
    for part in re.split(r"([-–])", core):
        if part in ("-", "–"):
            pieces.append(Piece(PUNCT, part))
        elif part:
            pieces.extend(_classify(part))
    return pieces


def _is_foreign_caps(core: str) -> bool:
    """An all-caps token that no Vietnamese syllable (even damaged) looks like: "DDCI"."""
    return not any(ch in "aeiouy" for ch in fold(core))


def restore_code(code: str) -> str:
    """Codes keep their numbers; known abbreviations inside get their Đ back ("QD" → "QĐ")."""
    return _CODE_PART.sub(lambda m: ABBREVIATION_TABLE.get(m.group(1), m.group(1)), code)


def restore_abbreviation(abbr: str) -> str:
    """ "QD" → "QĐ", "UBND" → "UBND", unknown ones unchanged."""
    return ABBREVIATION_TABLE.get(abbr, abbr)


def lm_token(piece: Piece, restored: str | None = None) -> str | None:
    """Token the language model sees for a piece (None: the piece is not seen, e.g. space)."""
    if piece.kind == SPACE:
        return None
    if piece.kind == WORD:
        return (restored or piece.text).lower()
    if piece.kind == NUMBER:
        return "<num>"
    if piece.kind == CODE:
        return "<code>"
    if piece.kind == ABBR:
        known = ABBREVIATION_TABLE.get(piece.text)
        return known.lower() if known else "<abbr>"
    if piece.kind == PUNCT:
        return _PUNCT_CLASS.get(piece.text, piece.text)
    if piece.text.startswith("<") and piece.text.endswith(">"):
        return None  # markup such as <i> is not text
    return "<unk>"


_PUNCT_CLASS = {
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    **{ch: "<sup>" for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰"},
}
