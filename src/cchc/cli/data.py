"""`cchc data import FILE` and `cchc data export`: spreadsheets in and out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cchc.catalog import default_catalog
from cchc.cli.common import console, engine_from_settings, progress_bar
from cchc.dataio.exporter import LONG_HEADER, export_rows
from cchc.dataio.importer import plan_import, store_plan
from cchc.dataio.sheets import write_rows
from cchc.storage import find_unit, transaction
from cchc.units.periods import parse_period_code

app = typer.Typer(help="Nhập, xuất số liệu dạng CSV hoặc XLSX.", no_args_is_help=True)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Tệp .csv hoặc .xlsx.")],
    unit: Annotated[str | None, typer.Option(help="Đơn vị (khi tệp không có cột unit).")] = None,
    period: Annotated[
        str | None, typer.Option(help="Kỳ báo cáo (khi tệp không có cột period).")
    ] = None,
    template: Annotated[str | None, typer.Option(help="Bộ biểu mẫu (khi dùng form, code).")] = None,
    actor: Annotated[str, typer.Option(help="Người nhập, ghi vào nhật ký.")] = "cli",
) -> None:
    """Nhập số liệu; một dòng lỗi là cả tệp bị từ chối và không lưu gì."""
    catalog = default_catalog()
    with transaction(engine_from_settings()) as session, progress_bar() as progress:
        task = progress.add_task(f"Đọc {file.name}", total=None)
        plan = plan_import(
            session,
            catalog,
            file,
            unit=unit,
            period=period,
            template=template,
            progress=lambda n: progress.advance(task, n),
        )
        result = store_plan(session, catalog, plan, actor=actor)
    console.print(
        f"[green]✓[/] Đã nhập {result.rows} dòng vào {result.reports} báo cáo "
        f"({result.changed} số liệu thay đổi)."
    )


@app.command("export")
def export(
    out: Annotated[Path, typer.Option(help="Tệp ra: .csv hoặc .xlsx.")] = Path("so-lieu.csv"),
    unit: Annotated[str | None, typer.Option(help="Chỉ xuất đơn vị này và cấp dưới.")] = None,
    period: Annotated[str | None, typer.Option(help="Chỉ xuất kỳ này, ví dụ 2023-Q3.")] = None,
) -> None:
    """Xuất số liệu đã lưu, mỗi dòng một đơn vị × kỳ × chỉ tiêu."""
    catalog = default_catalog()
    chosen = parse_period_code(period).code if period else None
    with transaction(engine_from_settings()) as session:
        target = find_unit(session, unit) if unit else None
        rows = list(export_rows(session, catalog, unit=target, period=chosen))
    write_rows(out, LONG_HEADER, rows)
    console.print(f"[green]✓[/] Đã xuất {len(rows)} số liệu ra {out}.")
