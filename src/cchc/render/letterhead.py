"""The letter parts that depend on who reports (Nghị định 30/2020): issuing body and its parent,
number code, place, recipients, signer and Nơi nhận, from the unit tree and outline.yaml."""

from __future__ import annotations

from typing import Any

from cchc.errors import InputError
from cchc.render.model import Letterhead
from cchc.render.texts import fill, outline
from cchc.storage.models import Unit

_HOME_AFFAIRS = "snv"  # slug of the Sở Nội vụ among a province's departments


def build_letterhead(unit: Unit, ancestors: list[Unit], child_levels: set[str]) -> Letterhead:
    """The letterhead of ``unit``'s report; ``ancestors`` nearest first, ``child_levels`` the
    levels of the units below it (for the Nơi nhận list)."""
    spec = outline()["levels"].get(unit.level)
    if spec is None:
        raise InputError(
            f"Chưa có mẫu văn bản báo cáo cho đơn vị cấp «{unit.level}» ({unit.name}).",
            f"no letter layout for level {unit.level!r}",
        )
    words = _words(unit, ancestors, child_levels)
    signer = _signer(spec, unit)
    return Letterhead(
        parent_body=fill(spec["parent"], **words).upper() if spec.get("parent") else None,
        issuer_lines=tuple(fill(line, **words).upper() for line in spec["issuer"]),
        code=spec.get("code") or _slug(unit).upper(),
        place=fill(spec["place"], **words),
        reporter=fill(spec["reporter"], **words),
        short_name=fill(spec["short"], **words),
        we=fill(spec["we"], **words),
        area=fill(spec["area"], **words),
        recipients=tuple(fill(r, **words) for r in _recipients(spec, unit, ancestors)),
        signing_authority=signer.get("authority"),
        signer_title=signer["title"],
        signer_name=None,
        distribution=tuple(
            line for line in (fill(r, **words) for r in spec["distribution"]) if line.strip()
        ),
    )


def _words(unit: Unit, ancestors: list[Unit], child_levels: set[str]) -> dict[str, str]:
    kind_words: dict[str, str] = outline()["kind_words"]
    province = _nearest(ancestors, "province") or (unit if unit.level == "province" else None)
    district = _nearest(ancestors, "district")
    words = {
        "kind": kind_words.get(unit.kind, unit.kind),
        "name": unit.short_name,
        "province_kind": kind_words.get(province.kind, province.kind) if province else "",
        "province": province.short_name if province else "",
        "district_kind": district.kind if district else "",
        "district": district.short_name if district else "",
        "children_bodies": _children_bodies(child_levels, unit.level),
    }
    words["body"] = _body(unit.name, words["province_kind"], words["province"])
    return words


def _nearest(ancestors: list[Unit], level: str) -> Unit | None:
    return next((a for a in ancestors if a.level == level), None)


def _body(name: str, province_kind: str, province: str) -> str:
    """ "Sở Nội vụ tỉnh Bắc Giang" → "Sở Nội vụ" (the header prints the province above)."""
    suffix = f" {province_kind} {province}"
    return name[: -len(suffix)] if province and name.endswith(suffix) else name


def _children_bodies(child_levels: set[str], level: str) -> str:
    bodies: dict[str, str] = outline()["children_bodies"]
    if "district" in child_levels:
        return bodies["district"]
    if "commune" in child_levels:
        return bodies["commune_of_province" if level == "province" else "commune"]
    return ""


def _slug(unit: Unit) -> str:
    """The department's code from its key: p24.snv → snv, p24.2025.snv → snv."""
    return unit.key.rsplit(".", 1)[-1]


def _signer(spec: dict[str, Any], unit: Unit) -> dict[str, Any]:
    if "signer" in spec:
        return spec["signer"]
    by_kind = spec["signer_by_kind"]
    return by_kind.get(unit.kind, next(iter(by_kind.values())))


def _recipients(spec: dict[str, Any], unit: Unit, ancestors: list[Unit]) -> list[str]:
    if unit.level == "department" and _slug(unit) == _HOME_AFFAIRS:
        return spec["recipients_of_home_affairs"]
    by_parent: dict[str, list[str]] = spec["recipients"]
    parent_level = ancestors[0].level if ancestors else None
    return by_parent.get(parent_level) or next(iter(by_parent.values()))
