"""Text repair shared by every reader: Unicode, spaces, page furniture, footnotes, wrapped lines.

Readers hand over their text page by page, one string per printed line. Two modes:

* ``keep_lines=True`` (plain-text files): every input line stays a line of the output, so line
  numbers are those of the file; removed lines (page numbers, footnotes) become empty lines.
* otherwise (PDF, OCR, DOCX): removed lines are dropped, runs of blank lines collapse and, with
  ``join_wrapped=True``, lines the page wrapped are joined into their paragraph.

:attr:`Repaired.origins` maps every output line back to (page, line on that page).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cchc.ingest.legacy import fix_ligatures

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPT)
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT, "0123456789")
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "\u0340": "\u0300", "\u0341": "\u0301"})
_VOWEL_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_MARK_RUN = re.compile(f"[{_VOWEL_MARKS}{_TONE_MARKS}]{{2,}}")

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(?:/\s*\d{1,3})?\s*$", re.I
)
_PAGE_TOKEN = re.compile(r"(?:trang|page|tr\.)\s*\d{1,3}|\d{1,3}\s*/\s*\d{1,3}|-\s*\d{1,3}\s*-")
_RULE = re.compile(r"^\s*[_\-–—=]{5,}\s*$")
_SUPER_NOTE = re.compile(f"^\\s*([{_SUPERSCRIPT}]{{1,3}})\\s*(\\S.*)$")
_PLAIN_NOTE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_SUPER_MARK = re.compile(f"(?<=[\\w”\"’')\\].,;:])([{_SUPERSCRIPT}]{{1,3}})(?![{_SUPERSCRIPT}])")
_PLAIN_MARK = re.compile(r"(?<=[a-zà-ỹđ”\"’)])(\d{1,2})(?=[\s,.;:)]|$)")
_UNIT_BEFORE = re.compile(r"(?:^|\W)(?:k|c|d|m)?m$")
_LIST_ITEM = re.compile(
    r"^\s*(?:[-+*•–—·]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-zđ][.)]\s|[IVXLC]+[.)]\s)"
)
_SENTENCE_END = ".!?:;…"
_WANTS_NUMBER = re.compile(r"(?:^|\s)(?:năm|ngày|tháng|số|Số:?|Nghị định|Quyết định)$")


@dataclass
class Footnote:
    """A footnote: its number as printed, its text, where its marker was found."""

    number: str
    text: str
    page: int | None = None
    anchor_line: int | None = None

    def __str__(self) -> str:
        return f"{self.number} {self.text}"


@dataclass
class Repaired:
    """Repaired text, its footnotes and where each of its lines came from."""

    text: str
    footnotes: list[Footnote] = field(default_factory=list)
    origins: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    page: int
    number: int
    dropped: bool = False
    notes: list[str] = field(default_factory=list)


def normalise(text: str) -> str:
    """NFC with Vietnamese marks in canonical order, plain spaces, no invisible characters."""
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text)).translate(_LOOKALIKES)
    decomposed = unicodedata.normalize("NFD", fix_ligatures(text))
    if _MARK_RUN.search(decomposed):
        decomposed = _MARK_RUN.sub(_order_marks, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def _order_marks(match: re.Match[str]) -> str:
    """Vowel marks before the tone ("e" + sắc + mũ → "ế"), one of each."""
    marks = match.group(0)
    vowel = [m for m in dict.fromkeys(marks) if m in _VOWEL_MARKS][:1]
    tone = [m for m in dict.fromkeys(marks) if m in _TONE_MARKS][:1]
    return "".join(vowel + tone)


def to_superscript(digits: str) -> str:
    """ "12" → "¹²" (readers use it for raised footnote markers)."""
    return digits.translate(_TO_SUPERSCRIPT)


def repair_pages(
    pages: Sequence[Sequence[str]],
    *,
    keep_lines: bool = False,
    join_wrapped: bool = True,
    join_capitals: bool = False,
    furniture: bool = True,
    known_footnotes: Sequence[Footnote] = (),
) -> Repaired:
    """Repair a document given page by page (see the module docstring for the two modes).

    ``join_capitals``: the reader marks paragraph starts with blank lines (PDF text layer), so
    a wrapped line may also continue with a capital ("… tỉnh" / "Bắc Giang …").
    ``known_footnotes`` come from the file's structure (DOCX footnotes part); their markers,
    written into the text as superscript digits, are removed like those found in the text.
    """
    doc = [
        [_Line(normalise(text).rstrip(" "), p, n) for n, text in enumerate(page, start=1)]
        for p, page in enumerate(pages, start=1)
    ]
    if furniture:
        _drop_page_furniture(doc)
    known = {note.number for note in known_footnotes}
    footnotes = list(known_footnotes)
    for page in doc:
        footnotes += _take_footnotes(page, keep_lines, known)
    lines = [line for page in doc for line in page]
    if join_wrapped and not keep_lines:
        lines = _join_wrapped(lines, join_capitals)
    kept = _assemble(lines, keep_lines)
    _anchor(footnotes, kept)
    return Repaired(
        text="\n".join(line.text for line in kept),
        footnotes=footnotes,
        origins=[(line.page, line.number) for line in kept],
    )


def repair_text(text: str) -> Repaired:
    """A plain-text file: pages split at form feeds, every line kept in place. A form feed
    inside a line (OCR tools join pages so: "… Nguyễn Văn A\fPHỤ LỤC") ends the line there:
    what follows starts the next page on a line of its own."""
    pages: list[list[str]] = [[]]
    page_ends = False
    text = re.sub(r"(?<=[^\n\f])\f+(?=[^\n\f])", "\n\f", text)
    for line in text.split("\n"):
        starts_page = "\f" in line and not line.split("\f", 1)[0].strip()
        if (page_ends or starts_page) and pages[-1]:
            pages.append([])
        page_ends = "\f" in line and not starts_page
        pages[-1].append(line.replace("\f", ""))
    return repair_pages(pages, keep_lines=True, join_wrapped=False)


# -- page furniture -------------------------------------------------------------------------


def _drop_page_furniture(doc: list[list[_Line]]) -> None:
    for page in doc:
        kept_before = 0  # non-blank lines above that stay (counted as we go: linear)
        after = _non_blank_after(page)
        for i, line in enumerate(page):
            if _PAGE_NUMBER.match(line.text) and _is_page_edge(
                page, i, len(doc) == 1, (kept_before, after[i])
            ):
                line.dropped = True
            if line.text.strip() and not line.dropped:
                kept_before += 1
    if len(doc) >= 3:
        _drop_running_lines(doc)


def _non_blank_after(page: list[_Line]) -> list[int]:
    """For each line, how many non-blank lines follow it on the page."""
    counts, seen = [0] * len(page), 0
    for i in range(len(page) - 1, -1, -1):
        counts[i] = seen
        seen += bool(page[i].text.strip())
    return counts


def _is_page_edge(page: list[_Line], i: int, single_file: bool, around: tuple[int, int]) -> bool:
    """A number alone at the top or bottom of a page, or between blank lines in a flat file.

    ``around``: the kept non-blank lines before it and the non-blank lines after it."""
    before, after = around
    if not before or not after:
        return True
    if single_file or before < 2 or after < 2:
        blank_before = i > 0 and not page[i - 1].text.strip()
        blank_after = i + 1 < len(page) and not page[i + 1].text.strip()
        return blank_before and blank_after
    return False


def _running_key(text: str) -> str:
    """Lines compared as printed; only a page number inside them ("Trang 3", "3/12") may
    differ, never other numbers ("Biểu mẫu 1", "Biểu mẫu 2" are headings, not furniture)."""
    key = " ".join(text.lower().split())
    return _PAGE_TOKEN.sub("#", key)


def _edges(page: list[_Line]) -> list[_Line]:
    body = [ln for ln in page if ln.text.strip() and not ln.dropped]
    return body[:2] + body[-2:] if len(body) > 4 else body


def _drop_running_lines(doc: list[list[_Line]]) -> None:
    """Lines repeated at the top or bottom of most pages (running headers and footers)."""
    counts = Counter(key for page in doc for key in {_running_key(ln.text) for ln in _edges(page)})
    threshold = max(3, len(doc) // 2)
    for page in doc:
        for line in _edges(page):
            if counts[_running_key(line.text)] >= threshold and "\t" not in line.text:
                line.dropped = True


# -- footnotes ------------------------------------------------------------------------------


def _take_footnotes(page: list[_Line], keep_lines: bool, known: set[str]) -> list[Footnote]:
    """Separate the page's footnotes and strip their markers from the page's text.

    A line starting with a superscript number is a footnote anywhere; after a short rule in
    the lower half of the page, so is a line starting with a plain number. Outside
    ``keep_lines`` mode the lines that follow a footnote continue it, up to a blank line.
    """
    start = _footnote_block(page)
    notes: list[Footnote] = []
    plain: set[str] = set()
    open_note = False
    for i, line in enumerate(page):
        if line.dropped or "\t" in line.text:
            continue
        in_block = start is not None and i >= start
        found = _note_start(line.text, in_block)
        if found:
            notes.append(Footnote(found[0], found[1], page=line.page))
            plain |= {found[0]} if found[2] else set()
            line.dropped = True
            open_note = not keep_lines and (in_block or i >= len(page) // 2)
        elif open_note and line.text.strip():
            notes[-1].text += " " + line.text.strip()
            line.dropped = True
        else:
            open_note = False
    _strip_markers(page, known | {n.number for n in notes}, plain)
    return notes


def _note_start(text: str, in_block: bool) -> tuple[str, str, bool] | None:
    """(number, text, plain digits?) when ``text`` starts a footnote."""
    match = _SUPER_NOTE.match(text)
    if match:
        return match.group(1).translate(_FROM_SUPERSCRIPT), match.group(2), False
    match = _PLAIN_NOTE.match(text) if in_block else None
    return (match.group(1), match.group(2), True) if match else None


def _footnote_block(page: list[_Line]) -> int | None:
    """Index of the first line after a short rule in the lower half of the page, if any."""
    for i in range(len(page) - 1, len(page) // 2 - 1, -1):
        if _RULE.match(page[i].text) and not page[i].dropped:
            page[i].dropped = True
            return i + 1
    return None


def _strip_markers(page: list[_Line], numbers: set[str], plain: set[str]) -> None:
    """Remove markers of the given footnotes: superscripts after a word or sign, and plain
    digits stuck to a lower-case word ("tỉnh3") when that footnote was printed in plain digits."""
    for line in page:
        if line.dropped:
            continue
        if numbers and any(c in _SUPERSCRIPT for c in line.text):
            line.text = _SUPER_MARK.sub(lambda m, ln=line: _marker(m, ln, numbers), line.text)
        if plain:
            line.text = _PLAIN_MARK.sub(lambda m, ln=line: _marker(m, ln, plain), line.text)


def _marker(match: re.Match[str], line: _Line, numbers: set[str]) -> str:
    """The marker removed (and noted on the line) if it is one of ``numbers``."""
    number = match.group(1).translate(_FROM_SUPERSCRIPT)
    if number not in numbers or _UNIT_BEFORE.search(match.string[: match.start()]):
        return match.group(0)
    line.notes.append(number)
    return ""


def _anchor(footnotes: list[Footnote], kept: list[_Line]) -> None:
    """Each footnote's anchor: the first output line that carried its marker."""
    on_page: dict[tuple[int, str], int] = {}
    anywhere: dict[str, int] = {}
    for index, line in enumerate(kept, start=1):
        for number in line.notes:
            on_page.setdefault((line.page, number), index)
            anywhere.setdefault(number, index)
    for note in footnotes:
        if note.page is None:
            note.anchor_line = anywhere.get(note.number)
        else:
            note.anchor_line = on_page.get((note.page, note.number))


# -- wrapped lines --------------------------------------------------------------------------


def _join_wrapped(lines: list[_Line], capitals: bool) -> list[_Line]:
    widths = _full_widths(lines)
    out: list[_Line] = []
    for line in lines:
        if line.dropped:
            out.append(line)
            continue
        prev = _last_kept(out)
        if prev is not None and _wraps_into(prev, line, widths.get(prev.page, 0), capitals):
            prev.text = f"{prev.text.rstrip()} {line.text.strip()}"
            prev.notes += line.notes
            line.dropped = True
        out.append(line)
    return out


def _last_kept(lines: list[_Line]) -> _Line | None:
    for line in reversed(lines):
        if not line.dropped:
            return line if line.text.strip() else None
    return None


def _full_widths(lines: list[_Line]) -> dict[int, float]:
    """Per page, the length of a full printed line (long lines' upper quartile)."""
    by_page: dict[int, list[int]] = {}
    for line in lines:
        if not line.dropped and len(line.text.strip()) > 20:
            by_page.setdefault(line.page, []).append(len(line.text.strip()))
    return {p: statistics.quantiles(v, n=4)[2] if len(v) > 1 else v[0] for p, v in by_page.items()}


def _wraps_into(prev: _Line, line: _Line, full_width: float, capitals: bool) -> bool:
    """``line`` continues ``prev``: prev stops mid-sentence near the right margin and
    ``line`` starts lower-case (or, with ``capitals``, is not in capitals only), or prev
    ends with a word that wants a number ("năm" / "2023"); never for table rows, list items
    or capitals-only lines."""
    head, tail = prev.text.rstrip(), line.text.strip()
    if not head or not tail or "\t" in head or "\t" in tail or _LIST_ITEM.match(tail):
        return False
    if tail[0].isdigit() and _WANTS_NUMBER.search(head):
        return True
    continues = tail[0].islower() or (capitals and not tail.isupper())
    if head[-1] in _SENTENCE_END or not continues or not any(c.islower() for c in head):
        return False
    return len(head.strip()) >= 0.7 * full_width


def _assemble(lines: list[_Line], keep_lines: bool) -> list[_Line]:
    if keep_lines:
        for line in lines:
            if line.dropped:
                line.text, line.dropped = "", False
        return lines
    kept: list[_Line] = []
    for line in lines:
        if line.dropped or (not line.text.strip() and (not kept or not kept[-1].text.strip())):
            continue
        kept.append(line)
    while kept and not kept[-1].text.strip():
        kept.pop()
    return kept
