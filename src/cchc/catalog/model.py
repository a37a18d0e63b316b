"""The catalog's vocabulary: canonical indicators, relations between them, form templates.

An indicator (chỉ tiêu) is defined once; templates (biểu mẫu) place it under printed codes.
Relations are declared once and used by both validation and aggregation.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

IndicatorId = Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
ValueType = Literal["count", "amount", "percent", "coded", "yes_no", "text"]
PeriodBehaviour = Literal["flow", "stock", "cumulative"]
AggregateRule = Literal["sum", "recompute", "latest", "distribution", "none"]
UnitLevel = Literal["ministry", "province", "department", "district", "commune"]

_DEFAULT_AGGREGATE: dict[str, AggregateRule] = {
    "count": "sum",
    "amount": "sum",
    "percent": "none",
    "coded": "distribution",
    "yes_no": "distribution",
    "text": "none",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(_Strict):
    """A canonical indicator (chỉ tiêu), independent of any form's numbering."""

    id: IndicatorId
    name: str = Field(min_length=3, description="Vietnamese name (tên chỉ tiêu)")
    name_en: str = Field(min_length=3)
    unit: str | None = Field(None, description="đơn vị tính: VB, NV, HS, %, Tr.đ …")
    type: ValueType
    options: dict[int, str] | None = Field(None, description="codes of a coded answer")
    period: PeriodBehaviour = "flow"
    aggregate: AggregateRule | None = None
    min: float | None = None
    max: float | None = None
    area: str | None = Field(None, description="CCHC area (lĩnh vực) the indicator reports on")
    aliases: list[str] = Field(
        default_factory=list, description="other wordings reports use for it (cách gọi khác)"
    )

    @model_validator(mode="after")
    def _check(self) -> Indicator:
        if self.type in ("coded", "yes_no") and not self.options:
            raise ValueError("a coded or yes/no indicator needs 'options'")
        if self.type not in ("coded", "yes_no") and self.options:
            raise ValueError("'options' only belong to coded or yes/no indicators")
        return self

    @property
    def aggregate_rule(self) -> AggregateRule:
        """How values of child units combine; defaults follow the value type."""
        return self.aggregate or _DEFAULT_AGGREGATE[self.type]

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """Allowed range: percentages 0–100 and counts ≥ 0 unless the catalog says otherwise."""
        low = self.min if self.min is not None else (0.0 if self.type != "text" else None)
        high = self.max if self.max is not None else (100.0 if self.type == "percent" else None)
        return low, high

    @property
    def is_numeric(self) -> bool:
        """True for every type but free text."""
        return self.type != "text"


class RatioRelation(_Strict):
    """result = numerator / denominator × 100 (tỷ lệ)."""

    kind: Literal["ratio"]
    result: IndicatorId
    numerator: IndicatorId
    denominator: IndicatorId

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator the relation mentions, result first."""
        return (self.result, self.numerator, self.denominator)


class SumRelation(_Strict):
    """result = Σ parts (tổng), or result ≥ Σ parts when ``compare`` is ">="."""

    kind: Literal["sum"]
    result: IndicatorId
    parts: list[IndicatorId] = Field(min_length=2)
    compare: Literal["=", ">="] = "="

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator the relation mentions, result first."""
        return (self.result, *self.parts)


class AtMostRelation(_Strict):
    """part ≤ whole (e.g. dossiers on time ≤ dossiers resolved)."""

    kind: Literal["at_most"]
    part: IndicatorId
    whole: IndicatorId

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator the relation mentions."""
        return (self.part, self.whole)


Relation = Annotated[RatioRelation | SumRelation | AtMostRelation, Field(discriminator="kind")]


class TemplateItem(_Strict):
    """One printed row of a form: its code and either an indicator or a heading label."""

    code: str = Field(min_length=1)
    indicator: IndicatorId | None = None
    label: str | None = None
    required: bool = False

    @model_validator(mode="after")
    def _check(self) -> TemplateItem:
        if self.indicator is None and not self.label:
            raise ValueError("a row needs an 'indicator' or, for a heading, a 'label'")
        return self


class Form(_Strict):
    """One annex form (biểu mẫu) of a template."""

    number: int = Field(ge=1)
    title: str
    items: list[TemplateItem] = Field(min_length=1)


class Template(_Strict):
    """A versioned form set (bộ biểu mẫu) for one kind of reporting unit."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1)
    name: str
    basis: str | None = Field(None, description="legal basis, e.g. Công văn 581/BNV-CCHC")
    unit_levels: list[UnitLevel] = Field(min_length=1)
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None
    forms: list[Form] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Template:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("'valid_to' comes before 'valid_from'")
        return self

    def items(self) -> list[tuple[Form, TemplateItem]]:
        """Every row of every form, in print order."""
        return [(form, item) for form in self.forms for item in form.items]

    def indicator_ids(self) -> list[str]:
        """Indicators the template asks for, in print order."""
        return [item.indicator for _, item in self.items() if item.indicator]

    def find(self, form_number: int, code: str) -> TemplateItem | None:
        """The row printed as ``code`` on form ``form_number``, if any."""
        for form in self.forms:
            if form.number == form_number:
                return next((i for i in form.items if i.code == code), None)
        return None

    def locate(self, indicator_id: str) -> tuple[int, str] | None:
        """(form number, printed code) where the template places an indicator."""
        for form, item in self.items():
            if item.indicator == indicator_id:
                return form.number, item.code
        return None
