"""Legacy Vietnamese encodings (TCVN3, VNI) and Unicode text files: decoding and detection."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from cchc.errors import InputError
from cchc.ingest import legacy
from cchc.ingest.formats import read_document
from cchc.ingest.syllables import is_syllable, vietnamese_score

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
needs_samples = pytest.mark.skipif(not SAMPLE_FILES, reason="shared samples not present")

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
ALL_LOWER = "".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES) + "đ"
ALL_LETTERS = ALL_LOWER + ALL_LOWER.upper()
TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Ủy ban nhân dân tỉnh Bắc Giang báo cáo kết quả công tác cải cách hành chính Quý III năm "
    "2023: tiếp nhận 59.790 hồ sơ, giải quyết đúng hạn 99,3%; Đà Nẵng, mặt, dẫn, bằng, phẩm, "
    "chị, kỹ, kỳ, trẻ, vẽ, mẹ, kém, học, rõ ràng, có, nhỏ, tùy, cũ, từ, hỗ trợ, ở, người được.\n"
)


def test_every_vietnamese_letter_has_a_code() -> None:
    special = {c for c in ALL_LETTERS if not c.isascii()}
    assert len(special) == 134
    assert special == set(legacy.VNI_ENCODE)
    # TCVN3 (ABC) has codes for the lower-case letters and the seven plain capitals only
    lower = {c for c in ALL_LOWER if not c.isascii()}
    assert lower | set("ĂÂÊÔƠƯĐ") == set(legacy.TCVN3_DECODE.values())


def test_tcvn3_round_trip() -> None:
    text = ALL_LOWER + " ĂÂÊÔƠƯĐ " + TEXT.lower()
    assert legacy.decode_tcvn3(legacy.encode_tcvn3(text)) == text


def test_vni_round_trip() -> None:
    text = ALL_LETTERS + " " + TEXT
    assert legacy.decode_vni(legacy.encode_vni(text)) == text


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        # how TCVN3 bytes look when read as Windows-1252 (the classic broken text)
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Uû ban nh©n d©n tØnh B¾c Giang", "Uỷ ban nhân dân tỉnh Bắc Giang"),
        ("ng­êi ®­îc häc cã nhá râ rµng", "người được học có nhỏ rõ ràng"),
    ],
)
def test_tcvn3_known_strings(shown: str, expected: str) -> None:
    assert legacy.decode_tcvn3(shown.encode("cp1252")) == expected


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        ("Ngöôøi ñöôïc tænh Baéc Giang, Ñaø Naüng", "Người được tỉnh Bắc Giang, Đà Nẵng"),
    ],
)
def test_vni_known_strings(shown: str, expected: str) -> None:
    assert legacy.decode_vni(shown.encode("cp1252")) == expected


def test_tcvn3_capitals_font_is_upper_cased() -> None:
    """ABC capitals fonts (.VnTimeH) store capitals with the lower-case codes."""
    data = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\nUBND tØnh B¾c Giang".encode("cp1252")
    assert legacy.decode_tcvn3(data) == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND tỉnh Bắc Giang"


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (legacy.encode_tcvn3, "tcvn3"),
        (legacy.encode_vni, "vni"),
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8"),
        (lambda s: s.encode("utf-16"), "utf-16"),
        (lambda s: s.encode("utf-16-le"), "utf-16"),
    ],
)
def test_detects_encoding(encode, encoding: str) -> None:
    decoded = legacy.decode_bytes(encode(TEXT))
    assert decoded.encoding == encoding
    expected = TEXT if encoding != "tcvn3" else legacy.decode_tcvn3(legacy.encode_tcvn3(TEXT))
    assert decoded.text == expected


@pytest.mark.parametrize("font", [legacy.encode_tcvn3, legacy.encode_vni])
def test_unicode_file_typed_with_a_legacy_font(font) -> None:
    """A UTF-8 file whose text is ABC/VNI glyphs ("Céng hoµ") is converted too."""
    shown = font(TEXT.lower()).decode("cp1252")
    decoded = legacy.decode_bytes(shown.encode("utf-8"))
    assert decoded.legacy
    assert decoded.text == TEXT.lower()


@needs_samples
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "utf-8"])
def test_samples_reencoded_are_detected(sample: Path, encoding: str) -> None:
    text = unicodedata.normalize("NFC", sample.read_text(encoding="utf-8"))
    encode = {
        "tcvn3": legacy.encode_tcvn3,
        "vni": legacy.encode_vni,
        "utf-8": lambda s: s.encode("utf-8"),
    }[encoding]
    decoded = legacy.decode_bytes(encode(text))
    assert decoded.encoding == encoding
    if encoding == "vni":  # every Vietnamese letter has a VNI spelling; "?" for "ﬁ" and such
        assert len(decoded.text) == len(text)
        assert all(a == b or b == "?" for a, b in zip(text, decoded.text, strict=True))


@needs_samples
def test_line_by_line_detection_accuracy() -> None:
    """Each line of the clean sample alone, re-encoded, is still recognised (short lines
    carry little evidence; whole files are always right, see above)."""
    lines = [ln for ln in (SAMPLES / "bac-giang-province-q3-2023.txt").read_text().split("\n")]
    lines = [ln for ln in lines if not ln.isascii()]
    for encode, name in ((legacy.encode_tcvn3, "tcvn3"), (legacy.encode_vni, "vni")):
        right = sum(legacy.decode_bytes(encode(ln)).encoding == name for ln in lines)
        assert right / len(lines) >= 0.97, name
    assert all(legacy.decode_bytes(ln.encode()).encoding == "utf-8" for ln in lines)


@needs_samples
def test_ocr_text_without_diacritics_stays_utf8() -> None:
    """OCR'd text with stray accents ("huyén") must not be mistaken for legacy glyphs."""
    data = (SAMPLES / "tu-ky-district-h1-2023.txt").read_bytes()
    decoded = legacy.decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == data.decode("utf-8")


def test_txt_reader_converts_legacy_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-cu.txt"
    path.write_bytes(legacy.encode_vni(TEXT))
    document = read_document(path)
    assert document.text.split("\n")[:3] == TEXT.split("\n")[:3]
    assert [p.component for p in document.problems] == ["encoding"]
    assert "VNI" in document.problems[0].message


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\n",
        b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 50,
        bytes(range(1, 32)) * 40,
    ],
    ids=["empty", "blank", "nul-bytes", "control-chars"],
)
def test_unreadable_text_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        legacy.decode_bytes(data)
    assert "Tệp" in caught.value.message_vi
    assert caught.value.message_en != caught.value.message_vi


@pytest.mark.parametrize(
    "word", ["người", "được", "Việt", "huyện", "khuyến", "quốc", "giữa", "xoong", "rượu", "tỉnh"]
)
def test_valid_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["nhaọn", "tổnh", "treõn", "Soỏ", "huyén", "càc", "µ", "ă"])
def test_invalid_syllables(word: str) -> None:
    assert not is_syllable(word)


def test_score_prefers_vietnamese() -> None:
    assert vietnamese_score("Cộng hoà xã hội") == 4
    assert vietnamese_score("Céng hoµ x· héi") < 0
