"""Load the catalog from its YAML data files and check it whole.

Layout of a catalog directory::

    indicators/*.yaml   {"indicators": [...], "relations": [...]}
    templates/*.yaml    one template (bộ biểu mẫu) per file

Every error names the file and the entry at fault.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from cchc.catalog.model import Indicator, Relation, Template
from cchc.catalog.registry import Catalog
from cchc.datafiles import load_yaml
from cchc.errors import CatalogError

DATA_DIR = Path(__file__).parent / "data"
_relation_adapter: TypeAdapter[Relation] = TypeAdapter(Relation)
_QUANTITIES = ("count", "amount")
_NUMBERS = ("count", "amount", "percent")
_AGGREGATE_TYPES = {"sum": _QUANTITIES, "distribution": ("coded", "yes_no")}


@dataclass
class _Sources:
    """Where each entry was read from, so that cross-reference errors can name the file."""

    indicators: dict[str, Path] = field(default_factory=dict)
    relations: list[tuple[Path, str]] = field(default_factory=list)
    templates: dict[str, Path] = field(default_factory=dict)


def load_catalog(directories: Iterable[Path] | None = None) -> Catalog:
    """Read every indicator and template file under ``directories`` (default: the shipped one)."""
    indicators: dict[str, Indicator] = {}
    relations: list[Relation] = []
    templates: dict[str, Template] = {}
    sources = _Sources()
    for directory in [DATA_DIR] if directories is None else directories:
        for path in sorted(Path(directory).glob("indicators/*.yaml")):
            _read_indicator_file(path, indicators, relations, sources)
        for path in sorted(Path(directory).glob("templates/*.yaml")):
            _read_template_file(path, templates, sources)
    catalog = Catalog(indicators, relations, templates)
    _check_references(catalog, sources)
    return catalog


def _read_indicator_file(
    path: Path, indicators: dict[str, Indicator], relations: list[Relation], sources: _Sources
) -> None:
    data = _read_yaml(path)
    unknown = set(data) - {"indicators", "relations"}
    if unknown:
        _fail(path, ", ".join(sorted(unknown)), "khóa không hợp lệ", "unknown top-level keys")
    for position, entry in enumerate(_entries(data, "indicators", path), start=1):
        indicator = _parse(Indicator, entry, path, _entry_name(entry, position))
        if indicator.id in indicators:
            _fail(
                path,
                f"chỉ tiêu {indicator.id}",
                f"mã chỉ tiêu bị trùng (đã có trong {sources.indicators[indicator.id]})",
                "duplicate indicator id",
            )
        indicators[indicator.id] = indicator
        sources.indicators[indicator.id] = path
    for position, entry in enumerate(_entries(data, "relations", path), start=1):
        where = f"quan hệ thứ {position}"
        relations.append(_parse(_relation_adapter, entry, path, where))
        sources.relations.append((path, where))


def _read_template_file(path: Path, templates: dict[str, Template], sources: _Sources) -> None:
    data = _read_yaml(path)
    template = _parse(Template, data, path, f"biểu mẫu {data.get('id', '(không có id)')}")
    if template.id in templates:
        _fail(
            path,
            f"biểu mẫu {template.id}",
            f"mã biểu mẫu bị trùng (đã có trong {sources.templates[template.id]})",
            "duplicate template id",
        )
    templates[template.id] = template
    sources.templates[template.id] = path


def _entries(data: dict[str, Any], key: str, path: Path) -> list[Any]:
    entries = data.get(key)
    if entries is None:
        return []
    if not isinstance(entries, list):
        _fail(path, key, "phải là một danh sách", "must be a list")
    return entries


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CatalogError(
            f"Tệp danh mục {path}: không đọc được YAML ({exc}).", f"{path}: invalid YAML: {exc}"
        ) from exc
    if not isinstance(data, dict):
        _fail(path, "(toàn tệp)", "tệp phải là một bảng khóa–giá trị", "file must be a mapping")
    return data


def _parse(model: Any, entry: Any, path: Path, where: str) -> Any:
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    try:
        return adapter.validate_python(entry)
    except ValidationError as exc:
        detail = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}"
            for err in exc.errors()
        )
        _fail(path, where, detail, detail)


def _entry_name(entry: Any, position: int) -> str:
    if isinstance(entry, dict) and entry.get("id"):
        return f"chỉ tiêu {entry['id']}"
    return f"chỉ tiêu thứ {position}"


def _fail(path: Path | str, entry: str, problem_vi: str, problem_en: str) -> None:
    raise CatalogError(
        f"Tệp danh mục {path}, mục «{entry}»: {problem_vi}.",
        f"catalog file {path}, entry {entry!r}: {problem_en}",
    )


def _check_references(catalog: Catalog, sources: _Sources) -> None:
    """Relations and template rows name indicators that exist, of types that fit."""
    for relation, (path, where) in zip(catalog.relations, sources.relations, strict=True):
        _check_relation(catalog, relation, path, where)
    for indicator in catalog.indicators.values():
        _check_aggregate(catalog, indicator, sources.indicators[indicator.id])
    for template in catalog.templates.values():
        _check_template(catalog, template, sources.templates[template.id])


def _check_relation(catalog: Catalog, relation: Relation, path: Path, where: str) -> None:
    for indicator_id in relation.indicators:
        if indicator_id not in catalog.indicators:
            _fail(
                path,
                f"{where} ({indicator_id})",
                "quan hệ nhắc tới chỉ tiêu không tồn tại",
                "relation names an unknown indicator",
            )
    if relation.kind == "ratio":
        expected = [
            (relation.result, ("percent",)),
            (relation.numerator, _QUANTITIES),
            (relation.denominator, _QUANTITIES),
        ]
    else:
        types = _QUANTITIES if relation.kind == "sum" else _NUMBERS
        expected = [(indicator_id, types) for indicator_id in relation.indicators]
    for indicator_id, types in expected:
        actual = catalog.indicators[indicator_id].type
        if actual not in types:
            _fail(
                path,
                f"{where} ({indicator_id})",
                f"chỉ tiêu trong quan hệ {relation.kind} phải có kiểu {'/'.join(types)}, "
                f"không phải {actual}",
                f"in a {relation.kind} relation this indicator must be {'/'.join(types)}",
            )


def _check_aggregate(catalog: Catalog, indicator: Indicator, path: Path) -> None:
    rule = indicator.aggregate_rule
    where = f"chỉ tiêu {indicator.id}"
    allowed = _AGGREGATE_TYPES.get(rule)
    if allowed and indicator.type not in allowed:
        _fail(
            path,
            where,
            f"cách tổng hợp {rule} không dùng được cho kiểu {indicator.type}",
            f"aggregate {rule!r} does not fit type {indicator.type!r}",
        )
    if rule == "recompute" and catalog.composition(indicator.id) is None:
        _fail(
            path,
            where,
            "cách tổng hợp recompute cần một quan hệ ratio hoặc sum (=) "
            "xác định chỉ tiêu từ các thành phần",
            "aggregate 'recompute' needs a ratio or '=' sum relation defining the indicator",
        )


def _check_template(catalog: Catalog, template: Template, path: Path) -> None:
    numbers = [form.number for form in template.forms]
    if len(numbers) != len(set(numbers)):
        _fail(path, template.id, "số biểu mẫu bị trùng", "duplicate form number")
    for form in template.forms:
        codes = [item.code for item in form.items]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            _fail(
                path,
                f"biểu {form.number}, mã {', '.join(duplicates)}",
                "mã dòng bị trùng",
                "duplicate row code",
            )
        for item in form.items:
            if item.indicator and item.indicator not in catalog.indicators:
                _fail(
                    path,
                    f"biểu {form.number}, mã {item.code}",
                    f"chỉ tiêu {item.indicator} không có trong danh mục",
                    f"unknown indicator {item.indicator}",
                )
    placed = template.indicator_ids()
    repeated = sorted({i for i in placed if placed.count(i) > 1})
    if repeated:
        _fail(
            path,
            ", ".join(repeated),
            "một chỉ tiêu được đặt hai lần",
            "an indicator is placed twice",
        )
