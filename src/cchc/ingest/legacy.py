"""Text files in the encodings Vietnamese offices have used: Unicode and the legacy 8-bit ones.

Old reports typed with ABC or VNI fonts are stored in TCVN3 (TCVN 5712:1993, VN3) or
VNI-Windows bytes. The encoding is not written anywhere, so each candidate decoding is scored
by how many valid Vietnamese syllables it yields and the best one wins.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from cchc.errors import InputError
from cchc.ingest.syllables import counts, valid_ratio, vietnamese_score

# Tone marks in the order TCVN3 lays them out: huyền, hỏi, ngã, sắc, nặng.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = _TONES

# TCVN3 (ABC): base letter, its own byte (None for ASCII), bytes of its five toned forms.
_TCVN3_ROWS = (
    ("a", None, "B5 B6 B7 B8 B9"),
    ("ă", 0xA8, "BB BC BD BE C6"),
    ("â", 0xA9, "C7 C8 C9 CA CB"),
    ("e", None, "CC CE CF D0 D1"),
    ("ê", 0xAA, "D2 D3 D4 D5 D6"),
    ("i", None, "D7 D8 DC DD DE"),
    ("o", None, "DF E1 E2 E3 E4"),
    ("ô", 0xAB, "E5 E6 E7 E8 E9"),
    ("ơ", 0xAC, "EA EB EC ED EE"),
    ("u", None, "EF F1 F2 F3 F4"),
    ("ư", 0xAD, "F5 F6 F7 F8 F9"),
    ("y", None, "FA FB FC FD FE"),
)
_TCVN3_SINGLE = {0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư"}
_TCVN3_SINGLE[0xA7] = "Đ"

# VNI-Windows: a letter followed by mark bytes (read as Windows-1252 characters).
_VNI_TONE = {"ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ù": _ACUTE, "ï": _DOT}
_VNI_HAT_TONE = {"à": _GRAVE, "å": _HOOK, "ã": _TILDE, "á": _ACUTE, "ä": _DOT}  # â, ê, ô
_VNI_BREVE_TONE = {"è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "é": _ACUTE, "ë": _DOT}  # ă
_VNI_I = {"ì": _GRAVE, "æ": _HOOK, "ó": _TILDE, "í": _ACUTE, "ò": _DOT}  # whole letters
_VNI_LETTERS = {"ñ": "đ", "ô": "ơ", "ö": "ư", "î": "ỵ"}

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"}


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding it was read in."""

    text: str
    encoding: str

    @property
    def legacy(self) -> bool:
        """True when the text was converted from TCVN3 or VNI."""
        return self.encoding in ("tcvn3", "vni")


def _toned(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_SINGLE)
    for base, own, codes in _TCVN3_ROWS:
        if own is not None:
            table[own] = base
        for tone, code in zip(_TONES, codes.split(), strict=True):
            table[int(code, 16)] = _toned(base, tone)
    return table


def _vni_table() -> dict[str, str]:
    """VNI sequences (as Windows-1252 text) → Unicode letters, both cases."""
    table = {
        base + mark: _toned(base, tone) for base in "aeouy" for mark, tone in _VNI_TONE.items()
    }
    table.update(_vni_marked_vowels())
    table.update({mark: _toned("i", tone) for mark, tone in _VNI_I.items()})
    table.update(_VNI_LETTERS)
    return _with_upper(table)


def _vni_marked_vowels() -> dict[str, str]:
    """â ê ô ă ơ ư with their tones: "aâ" â, "eä" ệ, "aé" ắ, "ôù" ớ, "öø" ừ."""
    table: dict[str, str] = {"aê": "ă"}
    for base, hat in (("a", "â"), ("e", "ê"), ("o", "ô")):
        table[base + "â"] = hat
        table.update({base + mark: _toned(hat, tone) for mark, tone in _VNI_HAT_TONE.items()})
    table.update({"a" + mark: _toned("ă", tone) for mark, tone in _VNI_BREVE_TONE.items()})
    for single, horned in (("ô", "ơ"), ("ö", "ư")):
        table.update({single + mark: _toned(horned, tone) for mark, tone in _VNI_TONE.items()})
    return table


def _with_upper(table: dict[str, str]) -> dict[str, str]:
    full = dict(table)
    for seq, letter in table.items():
        upper_letter = letter.upper()
        full[seq.upper()] = upper_letter
        if len(seq) == 2:
            full[seq[0].upper() + seq[1]] = upper_letter  # "Aù": capital typed, mark not
            full[seq[0] + seq[1].upper()] = letter
    return full


TCVN3_DECODE: dict[int, str] = _tcvn3_table()
TCVN3_ENCODE: dict[str, int] = {letter: code for code, letter in TCVN3_DECODE.items()}
VNI_DECODE: dict[str, str] = _vni_table()
VNI_ENCODE: dict[str, str] = {
    letter: seq
    for seq, letter in sorted(VNI_DECODE.items(), key=lambda kv: kv[0], reverse=True)
    if seq == seq.lower() or seq == seq.upper()
}
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI_DECODE), key=len, reverse=True)))
_CP1252 = "cp1252"


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode(_CP1252)
    except UnicodeDecodeError:
        return chr(byte)


_TCVN3_CHARS = [TCVN3_DECODE.get(b) or _cp1252_char(b) for b in range(256)]
_CP1252_CHARS = [_cp1252_char(b) for b in range(256)]


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 (ABC) bytes → Unicode; words typed in the capitals-only fonts are upper-cased."""
    return _restore_capitals("".join(_TCVN3_CHARS[b] for b in data))


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes → Unicode."""
    text = "".join(_CP1252_CHARS[b] for b in data)
    return _VNI_PATTERN.sub(lambda m: VNI_DECODE[m.group(0)], text)


def encode_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes (capitals fall back to the lower-case codes, as ABC fonts do)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = TCVN3_ENCODE.get(ch, TCVN3_ENCODE.get(ch.lower()))
        out += bytes([code]) if code is not None else ch.encode(_CP1252, errors="replace")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """Unicode → VNI-Windows bytes."""
    parts = [VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text)]
    return "".join(parts).encode(_CP1252, errors="replace")


_UPPER_WORD = re.compile(r"\w+")


def _restore_capitals(text: str) -> str:
    """ABC capitals fonts show lower-case codes as capitals: "CộNG HòA" → "CỘNG HÒA"."""
    lines = []
    for line in text.split("\n"):
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 4 and not any(c.islower() for c in ascii_letters):
            lines.append(line.upper())
        else:
            lines.append(_UPPER_WORD.sub(_capital_word, line))
    return "\n".join(lines)


def _capital_word(match: re.Match[str]) -> str:
    word = match.group(0)
    plain = [c for c in word if c.isascii() and c.isalpha()]
    uppers = sum(c.isupper() for c in word)
    if uppers >= 2 and plain and not any(c.islower() for c in plain):
        return word.upper()
    return word


def fix_ligatures(text: str) -> str:
    """OCR and PDF ligatures (ﬁ, ﬂ…) → plain letters."""
    return (
        "".join(_LIGATURES.get(c, c) for c in text) if any(c in _LIGATURES for c in text) else text
    )


def _bom(data: bytes) -> Decoded | None:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise _junk("bom") from exc
    return None


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def _decode_plain(data: bytes) -> Decoded:
    """UTF-8 when the bytes are valid UTF-8, else the best legacy reading."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _best(
            [
                Decoded(decode_tcvn3(data), "tcvn3"),
                Decoded(decode_vni(data), "vni"),
                Decoded(_decode_cp1258(data), "cp1258"),
            ]
        )
    return _mojibake(text) or Decoded(text, "utf-8")


def _as_cp1252_bytes(text: str) -> bytes | None:
    if text.isascii():
        return None
    try:
        return text.encode(_CP1252)
    except UnicodeEncodeError:
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file: BOMs first, then the candidate with the best Vietnamese score."""
    if not data.strip():
        raise InputError("Tệp trống, không có nội dung.", "The file is empty.")
    decoded = _bom(data) or _utf16_without_bom(data)
    if decoded is None:
        if b"\x00" in data[:65536]:
            raise _junk("NUL bytes")
        decoded = _decode_plain(data)
    text = unicodedata.normalize("NFC", decoded.text)
    _reject_junk_text(text)
    return Decoded(text, decoded.encoding)


def _best(candidates: list[Decoded]) -> Decoded:
    """The best-scoring reading; ties go to the shorter text (legacy sequences consumed),
    then to the earlier candidate."""
    ranked = sorted(
        enumerate(candidates),
        key=lambda ic: (-vietnamese_score(ic[1].text), len(ic[1].text), ic[0]),
    )
    return ranked[0][1]


def _mojibake(text: str) -> Decoded | None:
    """A Unicode file whose text was typed with ABC or VNI fonts ("Céng hoµ", "Coäng hoøa"):
    taken only when that reading is clearly Vietnamese and the plain one clearly is not."""
    legacy_bytes = _as_cp1252_bytes(text)
    if legacy_bytes is None:
        return None
    plain = valid_ratio(text)
    best = _best(
        [Decoded(decode_tcvn3(legacy_bytes), "tcvn3"), Decoded(decode_vni(legacy_bytes), "vni")]
    )
    valid, total = counts(best.text)
    new_letters = len(set(best.text) - set(text))  # "é" read as "ộ" alone is OCR, not a font
    if valid >= 5 and valid / total >= 0.8 and plain <= 0.3 and new_letters >= 3:
        return best
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: every other byte of mostly-ASCII text is 0."""
    head = data[:4096]
    if len(head) < 4 or len(data) % 2:
        return None
    for codec, zeros, others in (
        ("utf-16-le", head[1::2], head[0::2]),
        ("utf-16-be", head[0::2], head[1::2]),
    ):
        if zeros.count(0) > len(zeros) * 0.6 and others.count(0) == 0:
            try:
                return Decoded(data.decode(codec), "utf-16")
            except UnicodeDecodeError:
                return None
    return None


def _reject_junk_text(text: str) -> None:
    sample = text[:65536]
    bad = sum(
        1 for c in sample if (unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f")
    )
    bad += sample.count("\ufffd")
    if bad > max(8, len(sample) // 50):
        raise _junk("control")


def _junk(reason: str) -> InputError:
    return InputError(
        "Tệp .txt không phải văn bản đọc được (có vẻ là dữ liệu nhị phân hoặc sai bảng mã).",
        f"The .txt file is not readable text (binary data or unknown encoding: {reason}).",
    )
