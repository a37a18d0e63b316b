"""What a rendered report says, independent of the file format (DOCX, XLSX, PDF).

Built by :mod:`cchc.render.content` from the stored data; written by the format writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cchc.units.periods import Period
from cchc.validation import Finding

ParagraphKind = Literal["figures", "narrative", "pointer", "empty"]
RowStyle = Literal["heading", "top", "item", "detail"]


@dataclass(frozen=True)
class Letterhead:
    """The header block of Nghị định 30/2020 and the letter parts that depend on the unit."""

    parent_body: str | None  # cơ quan chủ quản, e.g. "UBND TỈNH BẮC GIANG"
    issuer_lines: tuple[str, ...]  # cơ quan ban hành, upper case, e.g. ("ỦY BAN NHÂN DÂN", …)
    code: str  # "UBND", "SNV": the part after "BC-" in the number
    place: str  # "Bắc Giang"
    reporter: str  # "Ủy ban nhân dân tỉnh Bắc Giang", as sentences name the unit
    short_name: str  # "UBND tỉnh Bắc Giang", where space is short
    we: str  # "UBND tỉnh", as sentences name the unit shortly
    area: str  # "trên địa bàn tỉnh" (empty for a department)
    recipients: tuple[str, ...]  # Kính gửi
    signing_authority: str | None  # "TM. ỦY BAN NHÂN DÂN"
    signer_title: str  # "CHỦ TỊCH"
    signer_name: str | None  # left blank for the clerk
    distribution: tuple[str, ...]  # Nơi nhận, without the leading "- "

    @property
    def number(self) -> str:
        """ "Số:      /BC-UBND": the number is left blank for the clerk (văn thư)."""
        return f"Số:{NUMBER_BLANK}/BC-{self.code}"

    @property
    def issuer(self) -> str:
        """The issuing body on one line."""
        return " ".join(self.issuer_lines)


NUMBER_BLANK = " " * 8


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the body: figures written as sentences, the unit's own narrative, a
    pointer to the annex forms, or the plain statement that there is nothing to report."""

    text: str
    kind: ParagraphKind = "figures"


@dataclass
class Section:
    """A heading of the outline (I., II., 1., 2.) and what it says."""

    key: str | None
    number: str
    title: str
    level: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True)
class FormRow:
    """One printed row of an annex form."""

    code: str
    label: str
    unit: str
    value: float | None
    shown: str  # the value as printed ("59.790", "99,3"); "" when there is none
    note: str
    style: RowStyle
    indicator: str | None = None
    decimals: int = 0
    ratio_of: tuple[str, str] | None = None  # (numerator, denominator) when computed


@dataclass(frozen=True)
class FormTable:
    """One annex form (biểu mẫu) as a table."""

    number: int
    title: str
    rows: tuple[FormRow, ...]


@dataclass(frozen=True)
class MeasureSpec:
    """A rate compared across the units below: Σ numerator / Σ denominator × 100."""

    label: str
    numerator_label: str
    denominator_label: str
    rate_label: str
    rank: bool


@dataclass(frozen=True)
class MeasureCell:
    """One unit's parts and rate for one measure (None when it did not report them)."""

    numerator: float | None
    denominator: float | None
    rate: float | None
    rank: int | None = None


@dataclass(frozen=True)
class ComparisonRow:
    """One unit below the reporting unit."""

    key: str
    name: str
    status: str
    cells: tuple[MeasureCell, ...]


@dataclass(frozen=True)
class ComparisonGroup:
    """The units of one level, ranked."""

    title: str
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True)
class Comparison:
    """The annex comparing the units below."""

    heading: str
    title: str
    measures: tuple[MeasureSpec, ...]
    groups: tuple[ComparisonGroup, ...]


@dataclass(frozen=True)
class Checklist:
    """What the signer should look at before signing; never part of the document sent."""

    findings: tuple[Finding, ...]
    notes: tuple[str, ...]


@dataclass
class ReportContent:
    """Everything the rendered report says."""

    unit_key: str
    unit_name: str
    period: Period
    template_id: str
    issued_on: date
    letterhead: Letterhead
    document_type: str
    subject: str
    intro: str
    sections: list[Section]
    closing: str
    forms: list[FormTable]
    annex_attached: str  # "(Kèm theo Báo cáo số …)"
    comparison: Comparison | None
    checklist: Checklist
    values: dict[str, float] = field(default_factory=dict)

    @property
    def place_and_date(self) -> str:
        """ "Bắc Giang, ngày 05 tháng 02 năm 2023" (leading zeros per Nghị định 30/2020)."""
        return f"{self.letterhead.place}, {vietnamese_date(self.issued_on)}"


def vietnamese_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2023": a leading 0 for days below 10 and for months 1 and 2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"
