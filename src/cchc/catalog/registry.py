"""The loaded catalog: look-ups over indicators, relations and templates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from cchc.catalog.model import Indicator, Relation, Template
from cchc.errors import NotFoundError


@dataclass(eq=False)
class Catalog:
    """All indicators, relations and templates, checked for consistency by the loader."""

    indicators: dict[str, Indicator]
    relations: list[Relation]
    templates: dict[str, Template]
    _by_indicator: dict[str, list[Relation]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_indicator = defaultdict(list)
        for relation in self.relations:
            for indicator_id in relation.indicators:
                self._by_indicator[indicator_id].append(relation)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id, or a NotFoundError."""
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise NotFoundError(
                f"Không có chỉ tiêu «{indicator_id}» trong danh mục.",
                f"unknown indicator {indicator_id!r}",
            ) from None

    def template(self, template_id: str) -> Template:
        """The template with this id, or a NotFoundError listing the known ones."""
        try:
            return self.templates[template_id]
        except KeyError:
            known = ", ".join(sorted(self.templates))
            raise NotFoundError(
                f"Không có bộ biểu mẫu «{template_id}». Các bộ hiện có: {known}.",
                f"unknown template {template_id!r}; known: {known}",
            ) from None

    def relations_of(self, indicator_ids: set[str] | None = None) -> list[Relation]:
        """Relations whose indicators all lie in ``indicator_ids`` (all relations if None)."""
        if indicator_ids is None:
            return list(self.relations)
        return [r for r in self.relations if set(r.indicators) <= indicator_ids]

    def relations_mentioning(self, indicator_id: str) -> list[Relation]:
        """Relations in which an indicator takes part."""
        return list(self._by_indicator.get(indicator_id, []))

    def composition(self, indicator_id: str) -> Relation | None:
        """The ratio or sum relation that defines an indicator from its parts, if any.

        A sum compared with ">=" only bounds its result (the total may hold more than the
        parts), so it does not define it and is not returned.
        """
        for relation in self._by_indicator.get(indicator_id, []):
            if relation.kind == "sum" and relation.compare != "=":
                continue
            if relation.kind in ("ratio", "sum") and relation.result == indicator_id:
                return relation
        return None

    def templates_for(self, level: str, day: date | None = None) -> list[Template]:
        """Templates meant for units of ``level`` (and in force on ``day`` when given)."""
        return [
            t
            for t in sorted(self.templates.values(), key=lambda t: (t.id, -t.version))
            if level in t.unit_levels
            and (day is None or t.valid_from is None or t.valid_from <= day)
            and (day is None or t.valid_to is None or day <= t.valid_to)
        ]
