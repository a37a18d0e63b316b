"""`cchc render --unit U --period P --format docx|xlsx|pdf [--out PATH]`: the report to sign."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from cchc.catalog import default_catalog
from cchc.cli.common import console, engine_from_settings
from cchc.render import build_content, check_format, write_report
from cchc.storage import find_unit, transaction
from cchc.units.periods import parse_period_code
from cchc.validation import SEVERITY_LABELS


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("render")(render)


def render(
    unit: Annotated[
        str, typer.Option(help='Đơn vị: mã (p24), mã hành chính hoặc tên ("tỉnh Bắc Giang").')
    ],
    period: Annotated[str, typer.Option(help="Kỳ báo cáo, ví dụ 2023-Q3, 2023-H1, 2023-Y.")],
    fmt: Annotated[str, typer.Option("--format", help="docx, xlsx hoặc pdf.")] = "docx",
    out: Annotated[
        Path | None, typer.Option(help="Tệp kết quả (mặc định out/<đơn vị>-<kỳ>.<định dạng>).")
    ] = None,
) -> None:
    """Lập báo cáo CCHC của một đơn vị cho một kỳ: DOCX theo Nghị định 30/2020, XLSX các biểu
    mẫu, hoặc PDF; kèm danh sách kiểm tra cho người ký (không gửi kèm báo cáo)."""
    chosen_format = check_format(fmt)
    chosen_period = parse_period_code(period)
    catalog = default_catalog()
    with transaction(engine_from_settings()) as session:
        target = find_unit(session, unit, on=chosen_period.end)
        content = build_content(session, catalog, target, chosen_period, date.today())
    written = write_report(content, chosen_format, out)
    findings = content.checklist.findings
    counts = ", ".join(
        f"{sum(1 for f in findings if f.severity == s)} {label.lower()}"
        for s, label in SEVERITY_LABELS.items()
    )
    console.print(
        f"[green]✓[/] {content.unit_name} — {chosen_period.label}: {written.report}\n"
        f"  Danh sách kiểm tra cho người ký (không gửi kèm): {written.checklist} ({counts})."
    )
