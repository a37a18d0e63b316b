"""Word documents (.docx): body paragraphs and tables in order, footnotes from their own part.

Headers and footers live in their own parts and never reach the body. Data tables become one
TAB-separated line per row (a merged cell's text once, its other grid cells empty); the layout
tables official documents use for the header and signature blocks are printed side by side,
one line per printed line, as a scan of the page would read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from lxml import etree

from cchc.ingest.document import Document
from cchc.ingest.limits import check_zip
from cchc.ingest.readers.base import Reader, ReadOptions, make_document, no_text, unreadable
from cchc.ingest.readers.numbering import Numbering, W
from cchc.ingest.repair import Footnote, repair_pages, to_superscript

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = frozenset({f"{MC}Fallback", f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr"})
_SKIP |= {f"{W}instrText", f"{W}delText", f"{W}footnoteRef", f"{W}endnoteReference"}
_BREAKS = frozenset({f"{W}br", f"{W}cr"})
_COLUMN_GAP = "  "


@dataclass
class _Context:
    numbering: Numbering
    note_numbers: dict[str, str] = field(default_factory=dict)  # footnote id → number
    boxes: list[str] = field(default_factory=list)  # text-box lines met inside a paragraph


class DocxReader(Reader):
    """A ``.docx`` file, read with python-docx."""

    format = "docx"

    def read(self, path: Path, options: ReadOptions) -> Document:
        document = _open(path, options)
        part = document.part
        context = _Context(Numbering.from_parts(_blob(part, RT.NUMBERING), _blob(part, RT.STYLES)))
        lines = _block_lines(document.element.body, context, spaced=True)
        notes = _footnotes(_blob(part, RT.FOOTNOTES), context)
        repaired = repair_pages([lines], join_wrapped=False, furniture=False, known_footnotes=notes)
        if not repaired.text.strip():
            raise no_text(path, "tài liệu Word trống", "the Word document is empty")
        return make_document(path, self.format, repaired)


def read_docx_file(path: Path, fmt: str) -> Document:
    """Read a DOCX file but label the document with ``fmt`` (used for converted .doc files)."""
    result = DocxReader().read(path, ReadOptions())
    result.format = fmt
    return result


def _open(path: Path, options: ReadOptions) -> DocxDocument:
    check_zip(path, options.limits)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise unreadable(path, "DOCX", type(exc).__name__) from exc
    except etree.XMLSyntaxError as exc:
        raise unreadable(path, "DOCX", "XML hỏng / broken XML") from exc


def _blob(part: Part, reltype: str) -> bytes | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part.blob
    return None


# -- blocks ---------------------------------------------------------------------------------


def _block_lines(container: etree._Element, ctx: _Context, *, spaced: bool = False) -> list[str]:
    """Lines of a body or cell: paragraphs, tables, content controls, in document order.

    With ``spaced`` (the body) a blank line follows every paragraph and table, as paragraph
    spacing prints it; blank runs are collapsed later.
    """
    lines: list[str] = []
    for child in container:
        if child.tag == f"{W}p":
            text = _paragraph_text(child, ctx)
            lines += ctx.boxes
            ctx.boxes = []
            lines += text.split("\n")
        elif child.tag == f"{W}tbl":
            lines += _table_lines(child, ctx)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            lines += _block_lines(child, ctx, spaced=spaced)
            continue
        else:
            continue
        lines += [""] if spaced else []
    return lines


def _paragraph_text(p: etree._Element, ctx: _Context) -> str:
    label = ctx.numbering.label(p)
    parts: list[str] = [label + " "] if label else []
    _inline(p, parts, ctx, superscript=False)
    return "".join(parts)


def _inline(el: etree._Element, out: list[str], ctx: _Context, *, superscript: bool) -> None:
    """Text of runs, hyperlinks, fields, smart tags… below ``el``, in order."""
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == f"{W}t":
            text = child.text or ""
            out.append(_raise_digits(text) if superscript else text)
        elif tag == f"{W}r":
            _inline(child, out, ctx, superscript=_is_superscript(child))
        else:
            _inline_special(child, tag, out, ctx, superscript)


def _inline_special(
    child: etree._Element, tag: str, out: list[str], ctx: _Context, superscript: bool
) -> None:
    if tag == f"{W}tab":
        out.append(_COLUMN_GAP)  # a TAB in the text means a table row
    elif tag in _BREAKS:
        out.append("\n")
    elif tag == f"{W}noBreakHyphen":
        out.append("-")
    elif tag == f"{W}footnoteReference":
        note_id = child.get(f"{W}id", "")
        number = ctx.note_numbers.setdefault(note_id, str(len(ctx.note_numbers) + 1))
        out.append(to_superscript(number))
    elif tag == f"{W}txbxContent":
        ctx.boxes += _block_lines(child, ctx)
    else:
        _inline(child, out, ctx, superscript=superscript)


def _is_superscript(run: etree._Element) -> bool:
    align = run.find(f"{W}rPr/{W}vertAlign")
    return align is not None and align.get(f"{W}val") == "superscript"


def _raise_digits(text: str) -> str:
    return to_superscript(text) if text.strip().isdigit() else text


# -- tables ---------------------------------------------------------------------------------


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return _children(tbl, f"{W}tr")


def _cells(tr: etree._Element) -> list[etree._Element]:
    return _children(tr, f"{W}tc")


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with ``tag``, also those wrapped in a content control."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag == f"{W}sdt":
            found += child.findall(f"{W}sdtContent/{tag}")
    return found


def _table_lines(tbl: etree._Element, ctx: _Context) -> list[str]:
    grid = [[_cell_lines(tc, ctx) for tc in _cells(tr)] for tr in _rows(tbl)]
    if _is_layout(grid):
        return [line for row in grid for line in _side_by_side(row)]
    return [_row_line(tr, row) for tr, row in zip(_rows(tbl), grid, strict=True)]


def _cell_lines(tc: etree._Element, ctx: _Context) -> list[str]:
    if _continues_merge(tc):
        return []
    return [line.replace("\t", " ").rstrip() for line in _block_lines(tc, ctx)]


def _continues_merge(tc: etree._Element) -> bool:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and merge.get(f"{W}val", "continue") == "continue"


def _is_layout(grid: list[list[list[str]]]) -> bool:
    """Header and signature blocks: a small table whose cells hold several printed lines."""
    if not grid or len(grid) > 3 or max(len(row) for row in grid) > 3:
        return False
    return any(sum(1 for ln in cell if ln.strip()) >= 2 for row in grid for cell in row)


def _side_by_side(row: list[list[str]]) -> list[str]:
    height = max((len(cell) for cell in row), default=0)
    out = []
    for k in range(height):
        parts = [cell[k].strip() for cell in row if k < len(cell) and cell[k].strip()]
        out.append(_COLUMN_GAP.join(parts))
    return out


def _row_line(tr: etree._Element, row: list[list[str]]) -> str:
    cells: list[str] = [""] * _grid_skip(tr, "gridBefore")
    for tc, lines in zip(_cells(tr), row, strict=True):
        cells.append(" ".join(ln.strip() for ln in lines if ln.strip()))
        span = tc.find(f"{W}tcPr/{W}gridSpan")
        cells += [""] * (int(span.get(f"{W}val", "1")) - 1 if span is not None else 0)
    return "\t".join(cells)


def _grid_skip(tr: etree._Element, name: str) -> int:
    skip = tr.find(f"{W}trPr/{W}{name}")
    return int(skip.get(f"{W}val", "0")) if skip is not None else 0


# -- footnotes ------------------------------------------------------------------------------


def _footnotes(blob: bytes | None, ctx: _Context) -> list[Footnote]:
    """Footnotes referenced in the body, numbered in the order of their first reference."""
    if not blob or not ctx.note_numbers:
        return []
    texts = {}
    for note in etree.fromstring(blob).iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        lines = _block_lines(note, _Context(Numbering()))
        texts[note.get(f"{W}id", "")] = " ".join(ln.strip() for ln in lines if ln.strip())
    return [
        Footnote(number, texts.get(note_id, ""))
        for note_id, number in ctx.note_numbers.items()
        if note_id in texts
    ]
