"""Metadata of a report (thông tin văn bản): who issued it, for which unit and period, when,
about what, to whom, and who signed — matched to the unit tree where possible."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from cchc.ingest.folding import fold_ocr
from cchc.ingest.header import UBND, Header, read_header
from cchc.ingest.signature import Signature, read_signature
from cchc.text import fold
from cchc.units import Period, parse_period_text, printed_window
from cchc.units.index import UnitIndex
from cchc.units.records import UnitRecord

_UBND = re.compile(rf"^{UBND}\W+(.*)$")
_KINDS = (
    ("thanh pho", "province"),
    ("tinh", "province"),
    ("huyen", "district"),
    ("quan", "district"),
    ("thi xa", "district"),
    ("thi tran", "commune"),
    ("xa", "commune"),
    ("phuong", "commune"),
    ("dac khu", "commune"),
)
_PROVINCE_MENTION = re.compile(r"\b(?:tinh|thanh pho)\s+([a-z]+(?: [a-z]+){0,2})")
_REPORTER = re.compile(
    r"(?:uy ban nhan dan|ubnd)\s+(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\s+"
    r"([a-z]+(?: [a-z]+){0,3}?)\s+(?:tran trong\s+)?bao cao"
)
_DEPARTMENT = ("so ", "ban ", "van phong", "thanh tra")
_CONTEXT_LINES = 60


@dataclass
class Metadata:
    """What the report says about itself (fields are None when not found)."""

    issuer: str | None = None
    parent_body: str | None = None
    unit_level: str | None = None
    unit: UnitRecord | None = None
    document_number: str | None = None
    issued_on: date | None = None
    place: str | None = None
    subject: str | None = None
    period: Period | None = None
    data_window: tuple[date, date] | None = None  # as printed ("Thời gian lấy số liệu: từ …")
    recipients: list[str] = field(default_factory=list)
    signer_name: str | None = None
    signer_title: str | None = None
    document_type: str | None = None
    distribution: list[str] = field(default_factory=list)
    header: Header | None = None
    signature: Signature | None = None


def read_metadata(lines: list[str], units: UnitIndex) -> Metadata:
    """Read the header and signature blocks and match the issuer to the unit tree."""
    header, signature = read_header(lines), read_signature(lines)
    meta = Metadata(
        document_number=header.number,
        issued_on=header.issued_on,
        subject=header.subject,
        recipients=header.recipients,
        signer_name=signature.name,
        signer_title=signature.title,
        document_type=header.document_type,
        distribution=signature.distribution,
        header=header,
        signature=signature,
    )
    meta.period = parse_period_text(header.subject or "") or _period_in_intro(lines)
    meta.data_window = printed_window(" ".join(lines[:_CONTEXT_LINES]))
    day = (
        header.issued_on
        or (meta.period.end if meta.period else None)
        or (date(header.year, 6, 30) if header.year else None)
    )
    province = _province_in_text(lines, units, day)
    _match_issuer(meta, header, lines, units, day, province)
    meta.place = _place(header.place, meta.unit, units)
    return meta


def _period_in_intro(lines: list[str]) -> Period | None:
    """A quarter or half-year named in the opening lines ("năm 2021" there is usually the
    date of a cited decision, so a bare year does not count)."""
    found = parse_period_text(" ".join(lines[: _CONTEXT_LINES // 2]))
    return found if found and found.kind != "Y" else None


def _province_in_text(lines: list[str], units: UnitIndex, day: date | None) -> UnitRecord | None:
    """The province the report talks about most ("tỉnh Hải Dương", "thành phố Hà Nội")."""
    counts: Counter[str] = Counter()
    for line in lines:
        for match in _PROVINCE_MENTION.finditer(fold_ocr(line)):
            for length in (3, 2, 1):
                name = " ".join(match.group(1).split()[:length])
                found = units.match("province", name, on=day, min_score=88)
                if found:
                    counts[found.key] += 1
                    break
    return units.by_key[counts.most_common(1)[0][0]] if counts else None


def _match_issuer(
    meta: Metadata,
    header: Header,
    lines: list[str],
    units: UnitIndex,
    day: date | None,
    province: UnitRecord | None,
) -> None:
    bodies = list(header.bodies)
    if not bodies:
        reporter = _REPORTER.search(fold_ocr(" ".join(lines[:_CONTEXT_LINES])))
        if reporter:
            bodies = [f"UBND {reporter.group(1)} {reporter.group(2)}"]
    if not bodies:
        return
    meta.issuer = bodies[-1]
    if len(bodies) > 1:
        meta.parent_body = bodies[-2]
    folded = fold_ocr(meta.issuer)
    if folded.startswith(_DEPARTMENT):
        _match_department(meta, units, day, province)
    elif folded.startswith("bo "):
        meta.unit_level = "ministry"
        meta.unit = units.match("ministry", folded[3:], on=day, min_score=75)
    else:
        _match_local_government(meta, folded, units, day, province)


def _match_local_government(
    meta: Metadata, folded: str, units: UnitIndex, day: date | None, province: UnitRecord | None
) -> None:
    ubnd = _UBND.match(folded)
    rest = ubnd.group(1) if ubnd else folded
    for word, level in _KINDS:
        if not rest.startswith(word + " "):
            continue
        levels = ("province", "district") if word == "thanh pho" else (level,)
        for candidate_level in levels:
            unit = _match_name(units, candidate_level, rest[len(word) + 1 :], day, province)
            if unit:
                meta.unit, meta.unit_level = unit, candidate_level
                meta.issuer = f"Ủy ban nhân dân {unit.kind} {unit.short_name}"
                return
        meta.unit_level = level
        return


def _match_name(
    units: UnitIndex, level: str, name: str, day: date | None, province: UnitRecord | None
) -> UnitRecord | None:
    """The unit named, trying the name without its last words too: OCR leaves specks of
    the right column after it ("XÃ TÂN GIANH Ba 3")."""
    words = name.split()
    for length in range(min(len(words), 5), min(len(words), 2) - 1, -1):
        unit = _match_near(units, level, " ".join(words[:length]), day, province)
        if unit:
            return unit
    return None


def _match_near(
    units: UnitIndex, level: str, name: str, day: date | None, province: UnitRecord | None
) -> UnitRecord | None:
    """Match strictly across the country, or loosely inside the province the text names."""
    if level == "province":
        return units.match(level, name, on=day)
    if province is not None:
        found = units.match(level, name, on=day, parent=province.key, min_score=60)
        if found:
            return found
    return units.match(level, name, on=day, min_score=90)


def _match_department(
    meta: Metadata, units: UnitIndex, day: date | None, province: UnitRecord | None
) -> None:
    meta.unit_level = "department"
    parent = province
    if meta.parent_body:
        parent_folded = fold_ocr(meta.parent_body)
        ubnd = _UBND.match(parent_folded)
        if ubnd:
            for word, _level in _KINDS[:2]:
                if ubnd.group(1).startswith(word + " "):
                    parent = (
                        units.match("province", ubnd.group(1)[len(word) + 1 :], on=day) or parent
                    )
    if parent is None:
        return
    body = fold_ocr(meta.issuer or "").strip()
    if body == "van phong":  # "VĂN PHÒNG" under "UBND TỈNH X": the office of that UBND
        body = "van phong uy ban nhan dan"
    wanted = f"{body} {fold(parent.kind)} {fold(parent.short_name)}"
    unit = units.match("department", wanted, on=day, parent=parent.key, min_score=70)
    meta.parent_body = f"Ủy ban nhân dân {parent.kind} {parent.short_name}"
    if unit:
        meta.unit, meta.issuer = unit, unit.name


def _place(printed: str | None, unit: UnitRecord | None, units: UnitIndex) -> str | None:
    """The place as the unit tree writes it when it is the unit's or its province's name."""
    if not printed:
        return None
    key = unit.key if unit else None
    while key:
        record = units.by_key[key]
        if record.level != "department" and fold(record.short_name) == fold_ocr(printed).strip():
            return record.short_name
        if record.level != "department":
            match = units.match(
                record.level, printed, min_score=70, parent=record.parent_key or None
            )
            if match and match.key == record.key:
                return record.short_name
        key = record.parent_key or ""
    return printed
