"""Load the catalog from its YAML data files and check it whole.

Layout of a catalog directory::

    indicators/*.yaml   {"indicators": [...], "relations": [...]}
    templates/*.yaml    one template (bộ biểu mẫu) per file
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from cchc.catalog.model import Indicator, Relation, Template
from cchc.catalog.registry import Catalog
from cchc.errors import CatalogError

DATA_DIR = Path(__file__).parent / "data"
_relation_adapter: TypeAdapter[Relation] = TypeAdapter(Relation)


def load_catalog(directories: Iterable[Path] | None = None) -> Catalog:
    """Read every indicator and template file under ``directories`` (default: the shipped one)."""
    indicators: dict[str, Indicator] = {}
    relations: list[Relation] = []
    templates: dict[str, Template] = {}
    for directory in directories or [DATA_DIR]:
        for path in sorted(Path(directory).glob("indicators/*.yaml")):
            _read_indicator_file(path, indicators, relations)
        for path in sorted(Path(directory).glob("templates/*.yaml")):
            template = _parse(Template, _read_yaml(path), path, "template")
            if template.id in templates:
                _fail(path, template.id, "mã biểu mẫu bị trùng", "duplicate template id")
            templates[template.id] = template
    catalog = Catalog(indicators, relations, templates)
    _check_references(catalog)
    return catalog


def _read_indicator_file(
    path: Path, indicators: dict[str, Indicator], relations: list[Relation]
) -> None:
    data = _read_yaml(path)
    unknown = set(data) - {"indicators", "relations"}
    if unknown:
        _fail(path, ", ".join(sorted(unknown)), "khóa không hợp lệ", "unknown top-level keys")
    for position, entry in enumerate(data.get("indicators") or [], start=1):
        indicator = _parse(Indicator, entry, path, _entry_name(entry, position))
        if indicator.id in indicators:
            _fail(path, indicator.id, "mã chỉ tiêu bị trùng", "duplicate indicator id")
        indicators[indicator.id] = indicator
    for position, entry in enumerate(data.get("relations") or [], start=1):
        relations.append(_parse(_relation_adapter, entry, path, f"quan hệ thứ {position}"))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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


def _check_references(catalog: Catalog) -> None:
    """Every relation and template row must name an indicator that exists, of the right type."""
    for relation in catalog.relations:
        for indicator_id in relation.indicators:
            if indicator_id not in catalog.indicators:
                _fail(
                    "indicators",
                    indicator_id,
                    "quan hệ nhắc tới chỉ tiêu không tồn tại",
                    "relation names an unknown indicator",
                )
        if relation.kind == "ratio" and catalog.indicators[relation.result].type != "percent":
            _fail(
                "indicators",
                relation.result,
                "kết quả của tỷ lệ phải có kiểu percent",
                "a ratio's result must be a percent indicator",
            )
    for template in catalog.templates.values():
        _check_template(catalog, template)


def _check_template(catalog: Catalog, template: Template) -> None:
    where = f"templates/{template.id}"
    numbers = [form.number for form in template.forms]
    if len(numbers) != len(set(numbers)):
        _fail(where, template.id, "số biểu mẫu bị trùng", "duplicate form number")
    for form in template.forms:
        codes = [item.code for item in form.items]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            _fail(
                where,
                f"biểu {form.number}, mã {', '.join(duplicates)}",
                "mã dòng bị trùng",
                "duplicate row code",
            )
        for item in form.items:
            if item.indicator and item.indicator not in catalog.indicators:
                _fail(
                    where,
                    f"biểu {form.number}, mã {item.code}",
                    f"chỉ tiêu {item.indicator} không có trong danh mục",
                    f"unknown indicator {item.indicator}",
                )
    placed = template.indicator_ids()
    repeated = sorted({i for i in placed if placed.count(i) > 1})
    if repeated:
        _fail(
            where,
            ", ".join(repeated),
            "một chỉ tiêu được đặt hai lần",
            "an indicator is placed twice",
        )
