"""``departments.yaml``: the template of provincial departments, and its instances.

Every province gets each department of the template that exists while the province does
(a sở, ban, văn phòng or thanh tra), named after the province; a department's successors are
the same province's absorbing department, or the same department of the province's successors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cchc.units.records import UnitRecord
from cchc.units.tree_files import Where, check_kind, data_error, fields, parse_date, read_yaml_list

DEPARTMENT_KINDS = ("sở", "văn phòng", "thanh tra", "ban")
CITY_KIND = "thành phố trực thuộc trung ương"


@dataclass(frozen=True)
class Template:
    """One department of the template (a sở, ban, văn phòng or thanh tra of every province)."""

    slug: str
    name: str
    short_name: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    successor: str | None
    path: Path
    line: int

    def valid_on(self, day: date | None) -> bool:
        return (
            day is not None
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_to is None or day <= self.valid_to)
        )


# --- the template -------------------------------------------------------------------------------


def read_templates(path: Path) -> list[Template]:
    """The departments of the template file, in file order."""
    templates: dict[str, Template] = {}
    for line, raw in read_yaml_list(path, "departments"):
        template = _template(raw, path, line)
        if template.slug in templates:
            raise data_error(
                path, line, f"slug «{template.slug}» bị trùng.", f"duplicate slug {template.slug!r}"
            )
        if template.valid_to is not None and not template.successor:
            raise data_error(
                path,
                line,
                "mục có valid_to phải ghi successor.",
                "an entry with valid_to needs a successor",
            )
        templates[template.slug] = template
    return list(templates.values())


def _template(raw: Any, path: Path, line: int) -> Template:
    entry = fields(
        raw,
        path,
        line,
        ("slug", "name", "kind"),
        ("short_name", "valid_from", "valid_to", "successor", "note"),
    )
    check_kind(entry["kind"], DEPARTMENT_KINDS, path, line)
    return Template(
        slug=entry["slug"],
        name=entry["name"],
        kind=entry["kind"],
        short_name=entry.get("short_name") or _default_short_name(entry),
        valid_from=parse_date(entry.get("valid_from"), path, line, "valid_from"),
        valid_to=parse_date(entry.get("valid_to"), path, line, "valid_to"),
        successor=entry.get("successor"),
        path=path,
        line=line,
    )


def _default_short_name(entry: dict[str, Any]) -> str:
    name = entry["name"]
    return name.removeprefix("Sở ") if entry["kind"] == "sở" else name


# --- departments of every province --------------------------------------------------------------


def instantiate(
    templates: list[Template], provinces: list[UnitRecord], where: dict[str, Where]
) -> list[UnitRecord]:
    """The departments of every province; records where each is defined in ``where``."""
    by_key = {p.key: p for p in provinces}
    records = []
    for province in provinces:
        for template in templates:
            if not _overlaps(template, province):
                continue
            record = _department(template, province, templates, by_key)
            where[record.key] = (template.path, template.line)
            records.append(record)
    return records


def _department(
    template: Template,
    province: UnitRecord,
    templates: list[Template],
    provinces: dict[str, UnitRecord],
) -> UnitRecord:
    tier = "thành phố" if province.kind == CITY_KIND else "tỉnh"
    return UnitRecord(
        key=f"{province.key}.{template.slug}",
        name=f"{template.name} {tier} {province.short_name}",
        short_name=template.short_name,
        level="department",
        kind=template.kind,
        code=None,
        parent_key=province.key,
        valid_from=_later(province.valid_from, template.valid_from),
        valid_to=_earlier(province.valid_to, template.valid_to),
        successors=_department_successors(template, province, templates, provinces),
    )


def _overlaps(template: Template, province: UnitRecord) -> bool:
    starts_in_time = (
        template.valid_from is None
        or province.valid_to is None
        or template.valid_from <= province.valid_to
    )
    ends_in_time = (
        template.valid_to is None
        or province.valid_from is None
        or province.valid_from <= template.valid_to
    )
    return starts_in_time and ends_in_time


def _later(a: date | None, b: date | None) -> date | None:
    return max(a, b) if a and b else a or b


def _earlier(a: date | None, b: date | None) -> date | None:
    return min(a, b) if a and b else a or b


def _department_successors(
    template: Template,
    province: UnitRecord,
    templates: list[Template],
    provinces: dict[str, UnitRecord],
) -> tuple[str, ...]:
    """Same province's absorbing department if it ends first, else the same department of the
    province's successor(s)."""
    if template.valid_to is not None and (
        province.valid_to is None or template.valid_to < province.valid_to
    ):
        return (f"{province.key}.{template.successor}",)
    successors = []
    for key in province.successors:
        new = provinces.get(key)
        if new is not None and template.valid_on(new.valid_from):
            successors.append(f"{key}.{template.slug}")
    return tuple(successors)
