"""The report as a Word document in the layout of Nghị định 30/2020: A4, margins, Times New
Roman, the header block (issuing body, Quốc hiệu and Tiêu ngữ with their rules, number, place
and date), BÁO CÁO and the subject, Kính gửi, the body, the signature block and Nơi nhận, page
numbers centred in the top margin from page 2, then the annexes."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from cchc.render.docx_layout import (
    add_page_field,
    fixed_widths,
    page_setup,
    rule_paragraph,
    table_borders,
    text_width,
)
from cchc.render.docx_styles import (
    BODY,
    CENTERED,
    HEADING_1,
    HEADING_2,
    PAGE_NUMBER,
    set_up_styles,
    use_style,
)
from cchc.render.docx_tables import write_comparison, write_forms
from cchc.render.metrics import text_width_mm
from cchc.render.model import ReportContent

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATIONAL_SIZE, MOTTO_SIZE, BODY_NAME_SIZE, NUMBER_SIZE = 12, 13, 13, 13
TITLE_SIZE, RECIPIENTS_HEAD_SIZE, RECIPIENTS_SIZE = 14, 12, 11
LEFT_COLUMN_MM = 70  # issuing body; the rest of the line holds the Quốc hiệu
CELL_MARGINS_MM = 3.8  # Word's default cell margins, both sides together
SIGNATURE_SPACE_LINES = 4
_EMPHASIS = re.compile(r"(\*\*?)([^*]+)\1")


def write_docx(content: ReportContent, path: Path) -> Path:
    """Write the report to ``path`` (.docx)."""
    document = docx.Document()
    set_up_styles(document)
    section = document.sections[0]
    page_setup(section)
    _page_numbers(section)
    width = text_width(section)
    _header_block(document, content, width)
    _title_block(document, content, width)
    _body(document, content)
    _signature_block(document, content, width)
    if content.comparison is not None:
        write_comparison(document, content)
    write_forms(document, content, new_page=content.comparison is None)
    properties = document.core_properties
    properties.title = f"{content.document_type} {content.subject}"
    properties.author = content.letterhead.issuer
    properties.language = "vi-VN"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _page_numbers(section) -> None:
    """Page numbers centred in the top margin, none on the first page."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    use_style(paragraph, PAGE_NUMBER)
    add_page_field(paragraph)


def line(
    where: Document | _Cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    style: str = CENTERED,
    first: bool = False,
) -> Paragraph:
    """One paragraph of a single run; ``first`` reuses a table cell's initial paragraph."""
    paragraph = where.paragraphs[0] if first else where.add_paragraph()
    use_style(paragraph, style)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    return paragraph


def _header_block(document: Document, content: ReportContent, width: float) -> None:
    """Issuing body | Quốc hiệu, Tiêu ngữ; then Số | place and date (a borderless table)."""
    letter = content.letterhead
    table = document.add_table(rows=2, cols=2)
    table_borders(table, visible=False)
    widths = [LEFT_COLUMN_MM, width - LEFT_COLUMN_MM]
    fixed_widths(table, widths)
    left, right = table.rows[0].cells
    first = True
    if letter.parent_body:
        line(left, letter.parent_body, size=BODY_NAME_SIZE, first=True)
        first = False
    for text in letter.issuer_lines:
        line(left, text, size=BODY_NAME_SIZE, bold=True, first=first)
        first = False
    issuer_width = max(text_width_mm(t, BODY_NAME_SIZE, bold=True) for t in letter.issuer_lines)
    cell_width = widths[0] - CELL_MARGINS_MM
    rule_paragraph(left.add_paragraph(), 0.45 * min(issuer_width, cell_width), cell_width)
    line(right, NATIONAL_NAME, size=NATIONAL_SIZE, bold=True, first=True)
    line(right, MOTTO, size=MOTTO_SIZE, bold=True)
    motto_width = text_width_mm(MOTTO, MOTTO_SIZE, bold=True)
    rule_paragraph(right.add_paragraph(), motto_width, widths[1] - CELL_MARGINS_MM)
    number, place = table.rows[1].cells
    line(number, letter.number, size=NUMBER_SIZE, first=True).paragraph_format.space_before = Pt(6)
    dated = line(place, content.place_and_date, size=TITLE_SIZE, italic=True, first=True)
    dated.paragraph_format.space_before = Pt(6)


def _title_block(document: Document, content: ReportContent, width: float) -> None:
    """BÁO CÁO, the subject with a short rule under it, Kính gửi."""
    kind = line(document, content.document_type, size=TITLE_SIZE, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.keep_with_next = True
    subject = line(document, content.subject, size=TITLE_SIZE, bold=True)
    subject.paragraph_format.keep_with_next = True
    subject_width = min(text_width_mm(content.subject, TITLE_SIZE, bold=True), width)
    rule_paragraph(document.add_paragraph(), subject_width / 3, width)
    recipients = content.letterhead.recipients
    if len(recipients) == 1:
        to = line(document, f"Kính gửi: {recipients[0]}.", size=TITLE_SIZE)
    else:
        to = line(document, "Kính gửi:", size=TITLE_SIZE)
        for index, name in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            item = line(document, f"- {name}{end}", size=TITLE_SIZE, style=BODY)
            item.paragraph_format.left_indent = Mm(width / 3)
            item.paragraph_format.first_line_indent = Mm(0)
    to.paragraph_format.space_before = Pt(12)
    to.paragraph_format.space_after = Pt(12)


def _body(document: Document, content: ReportContent) -> None:
    use_style(document.add_paragraph(content.intro), BODY)
    for section in content.sections:
        style = HEADING_1 if section.level == 1 else HEADING_2
        use_style(document.add_paragraph(f"{section.number}. {section.title}"), style)
        for paragraph in section.paragraphs:
            written = document.add_paragraph()
            use_style(written, BODY)
            if paragraph.kind == "narrative":
                _emphasised(written, paragraph.text)
            else:
                written.add_run(paragraph.text).italic = paragraph.kind == "pointer" or None
    use_style(document.add_paragraph(content.closing), BODY)


def _emphasised(paragraph: Paragraph, text: str) -> None:
    """The unit's own text, with its *italic* and **bold** marks as formatting."""
    position = 0
    for match in _EMPHASIS.finditer(text):
        paragraph.add_run(text[position : match.start()])
        run = paragraph.add_run(match.group(2))
        run.bold, run.italic = (True, None) if match.group(1) == "**" else (None, True)
        position = match.end()
    paragraph.add_run(text[position:])


def _signature_block(document: Document, content: ReportContent, width: float) -> None:
    """Nơi nhận (left) and the signing authority, title and name (right)."""
    letter = content.letterhead
    table = document.add_table(rows=1, cols=2)
    table_borders(table, visible=False)
    fixed_widths(table, [width * 0.48, width * 0.52])
    left, right = table.rows[0].cells
    head = line(left, "Nơi nhận:", size=RECIPIENTS_HEAD_SIZE, bold=True, italic=True, first=True)
    head.alignment = WD_ALIGN_PARAGRAPH.LEFT
    head.paragraph_format.space_before = Pt(12)
    for index, name in enumerate(letter.distribution):
        end = "." if index == len(letter.distribution) - 1 else ";"
        item = line(left, f"- {name}{end}", size=RECIPIENTS_SIZE)
        item.alignment = WD_ALIGN_PARAGRAPH.LEFT
    titles = [t for t in (letter.signing_authority, letter.signer_title) if t]
    for index, title in enumerate(titles):
        signed = line(right, title, size=TITLE_SIZE, bold=True, first=index == 0)
        if index == 0:
            signed.paragraph_format.space_before = Pt(12)
    for _ in range(SIGNATURE_SPACE_LINES):
        line(right, "", size=TITLE_SIZE)
    line(right, letter.signer_name or "", size=TITLE_SIZE, bold=True)
