"""The audit log of administrators' changes (storage.admin_log) told in Vietnamese, for the
"Thay đổi gần đây" table that every admin page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc.storage.models import AdminChange
from cchc.units.records import LEVEL_LABELS

ACTIONS = {
    "unit.add": "Thêm đơn vị",
    "unit.change": "Sửa đơn vị",
    "deadline.set": "Đặt hạn",
    "deadline.clear": "Bỏ hạn riêng",
    "catalog.add": "Thêm tệp",
    "catalog.replace": "Thay tệp",
    "catalog.delete": "Xóa tệp",
}
_UNIT_FIELDS = {
    "name": "tên",
    "short_name": "tên ngắn",
    "code": "mã hành chính",
    "valid_to": "hoạt động đến",
    "successor": "đơn vị kế thừa",
}


@dataclass(frozen=True)
class ChangeLine:
    """One row of the table: what was done, to what, and what it set."""

    action: str
    subject: str
    summary: str


def describe_change(change: AdminChange) -> ChangeLine:
    """A change as a clerk reads it."""
    detail = change.detail or {}
    action = ACTIONS.get(change.kind, change.kind)
    if change.kind.startswith("deadline."):
        return ChangeLine(action, _deadline_subject(change), _deadline_summary(change, detail))
    if change.kind == "unit.add":
        return ChangeLine(action, change.subject, f"«{detail.get('name', '')}» trực thuộc "
                          f"{detail.get('parent', '')}")  # fmt: skip
    if change.kind == "unit.change":
        parts = [f"{label}: {_shown(detail[key])}" for key, label in _UNIT_FIELDS.items()
                 if key in detail]  # fmt: skip
        return ChangeLine(action, change.subject, "; ".join(parts))
    return ChangeLine(action, change.subject, _catalog_summary(detail))


def _deadline_subject(change: AdminChange) -> str:
    period, _, level = change.subject.partition(" ")
    return f"{period} · {LEVEL_LABELS.get(level, level)}"


def _deadline_summary(change: AdminChange, detail: dict) -> str:
    if change.kind == "deadline.clear" or "day" not in detail:
        return "theo quy định"
    return _shown(detail["day"])


def _catalog_summary(detail: dict) -> str:
    parts = list(detail.get("templates", []))
    if detail.get("indicators"):
        parts.append(f"{len(detail['indicators'])} chỉ tiêu")
    removed = [*detail.get("removed_templates", []), *detail.get("removed_indicators", [])]
    text = ", ".join(parts)
    if removed:
        text += f" — bỏ {', '.join(removed[:5])}{' …' if len(removed) > 5 else ''}"
    return text


def _shown(value: object) -> str:
    """ISO dates as dd/mm/yyyy, an empty value as "(bỏ trống)"."""
    text = str(value)
    if not text:
        return "(bỏ trống)"
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text
