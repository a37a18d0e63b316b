"""What a check finds (phát hiện): severity, the indicators and values involved, messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cchc.catalog import Catalog, Template
from cchc.numbers import format_figure

Severity = Literal["error", "warning", "info"]
SEVERITY_LABELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}


@dataclass(frozen=True)
class Finding:
    """One problem found in a report's figures."""

    rule: str
    severity: Severity
    message: str
    message_en: str
    indicators: list[str] = field(default_factory=list)
    values: list[float | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Messages often start with a place ("biểu 3, mục 1.4 …"): make them sentences.
        object.__setattr__(self, "message", self.message[:1].upper() + self.message[1:])

    def to_json(self) -> dict:
        """The JSON shape shared by `cchc check`, `cchc extract` and the API."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "message_en": self.message_en,
            "indicators": list(self.indicators),
            "values": list(self.values),
        }


@dataclass(frozen=True)
class Labeller:
    """Names indicators the way the clerk sees them: "Biểu 3, mục 1.4 (Tổng số TTHC …)"."""

    catalog: Catalog
    template: Template | None = None

    def place(self, indicator_id: str) -> str:
        """ "biểu 3, mục 1.4" when the template prints the indicator, else its name."""
        located = self.template.locate(indicator_id) if self.template else None
        if located:
            return f"biểu {located[0]}, mục {located[1]}"
        return f"«{self.catalog.indicator(indicator_id).name}»"

    def full(self, indicator_id: str) -> str:
        """Place and name: "biểu 3, mục 1.4 «Tổng số TTHC …»"."""
        name = self.catalog.indicator(indicator_id).name
        located = self.template.locate(indicator_id) if self.template else None
        return f"biểu {located[0]}, mục {located[1]} «{name}»" if located else f"«{name}»"

    def codes(self, indicator_ids: list[str]) -> str:
        """ "1.4.1 + 1.4.2 + 1.4.3" (or names when not printed)."""
        located = [self.template.locate(i) if self.template else None for i in indicator_ids]
        if all(located):
            return " + ".join(code for _, code in located)  # type: ignore[misc]
        return " + ".join(self.place(i) for i in indicator_ids)


def vn(value: float | None) -> str:
    """A number in Vietnamese format for messages (up to 2 decimals)."""
    if value is None:
        return "—"
    return format_figure(value)
