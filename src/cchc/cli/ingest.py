"""`cchc extract FILE` (read without storing) and `cchc import FILE...` (store for review)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cchc.catalog import default_catalog
from cchc.cli.common import console, engine_from_settings, err_console, print_json, progress_bar
from cchc.errors import CchcError
from cchc.ingest.confidence import BAND_LABELS
from cchc.ingest.importer import import_file, read_report_bounded
from cchc.ingest.results import extraction_json
from cchc.numbers import format_number


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("extract")(extract_command)
    app.command("import")(import_command)


def extract_command(
    file: Annotated[Path, typer.Argument(help="Báo cáo: .txt, .docx, .doc, .pdf, ảnh.")],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
) -> None:
    """Đọc một báo cáo (không lưu): thông tin văn bản, số liệu kèm dẫn chứng, phát hiện."""
    catalog = default_catalog()
    extraction = read_report_bounded(file, catalog).extraction
    data = extraction_json(extraction, catalog)
    if as_json:
        print_json(data)
        return
    _print_extraction(data)


def _print_extraction(data: dict) -> None:
    meta = data["metadata"]
    console.print(
        f"[bold]{meta['issuer'] or '(không rõ cơ quan ban hành)'}[/] — "
        f"{meta['document_number'] or ''} — {meta['issued_on'] or ''}"
    )
    console.print(f"Trích yếu: {meta['subject'] or '—'}")
    console.print(
        f"Kỳ báo cáo: {meta['period']['code'] or '—'} · Đơn vị: "
        f"{meta['unit_name'] or '—'} · Người ký: {meta['signer']['name'] or '—'}"
    )
    table = Table("Dòng", "Chỉ tiêu", "Số liệu", "Nguồn", "Tin cậy")
    for value in data["values"]:
        table.add_row(
            str(value["evidence"]["line"]),
            value["name"],
            format_number(value["value"], None),
            "bảng" if value["evidence"]["source"] == "table" else "lời văn",
            f"{value['confidence']:.2f} {BAND_LABELS[value['confidence_band']]}",
        )
    console.print(table)
    for finding in data["findings"]:
        console.print(f"[yellow]•[/] {finding['message']}")


def import_command(
    files: Annotated[list[Path], typer.Argument(help="Một hay nhiều báo cáo.")],
    unit: Annotated[str | None, typer.Option(help="Đơn vị, khi không đọc được từ văn bản.")] = None,
    period: Annotated[str | None, typer.Option(help="Kỳ báo cáo, ví dụ 2023-Q3.")] = None,
    actor: Annotated[str, typer.Option(help="Người nhập, ghi vào nhật ký.")] = "cli",
) -> None:
    """Nhập báo cáo vào cơ sở dữ liệu ở trạng thái «chờ rà soát». Mỗi tệp một giao dịch."""
    engine, catalog = engine_from_settings(), default_catalog()
    failed = 0
    with progress_bar(on_stderr=True) as progress:
        task = progress.add_task("Nhập báo cáo", total=len(files))
        for path in files:
            progress.update(task, description=f"Đọc {path.name}")
            try:
                done = import_file(engine, catalog, path, unit=unit, period=period, actor=actor)
                console.print(
                    f"[green]✓[/] {path.name}: {done.unit_name} ({done.unit_key}), "
                    f"{done.period}, {done.values} số liệu, {done.findings} phát hiện."
                )
            except CchcError as exc:
                failed += 1
                err_console.print(f"[red]✗[/] {exc.message_vi}")
            progress.advance(task)
    if failed:
        raise typer.Exit(1)
