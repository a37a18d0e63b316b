"""`cchc check VALUES.csv --template T`: validate a form's values without storing them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cchc.catalog import default_catalog
from cchc.cli.common import console, print_json
from cchc.dataio.forms import read_form_csv, values_from_rows
from cchc.validation import SEVERITY_LABELS, Finding, validate_report

_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("check")(check)


def check(
    values_csv: Annotated[Path, typer.Argument(help="Tệp CSV với các cột form,code,value.")],
    template: Annotated[str, typer.Option(help="Mã bộ biểu mẫu, ví dụ province-581.")],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
) -> None:
    """Kiểm tra số liệu một báo cáo theo bộ biểu mẫu. Mã thoát 1 khi có lỗi."""
    catalog = default_catalog()
    chosen = catalog.template(template)
    values, placement = values_from_rows(catalog, chosen, read_form_csv(values_csv))
    findings = placement + validate_report(catalog, values, template=chosen)
    if as_json:
        print_json({"findings": [f.to_json() for f in findings]})
    else:
        _print_findings(findings, len(values))
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


def _print_findings(findings: list[Finding], checked: int) -> None:
    if not findings:
        console.print(f"[green]✓[/] {checked} số liệu, không phát hiện vấn đề nào.")
        return
    table = Table("Mức", "Quy tắc", "Nội dung", show_lines=False)
    for finding in findings:
        style = _STYLE[finding.severity]
        table.add_row(
            f"[{style}]{SEVERITY_LABELS[finding.severity]}[/]", finding.rule, finding.message
        )
    console.print(table)
    errors = sum(f.severity == "error" for f in findings)
    console.print(f"{checked} số liệu; {errors} lỗi, {len(findings) - errors} cảnh báo/lưu ý.")
