"""`cchc bench aggregate` and `cchc bench validate`: benchmark numbers (not timed tests)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from cchc.cli.common import console, print_json

app = typer.Typer(
    help="Đo hiệu năng trên bộ số liệu tổng hợp (synthetic): nạp, kiểm tra, tổng hợp.",
    no_args_is_help=True,
)


class ScaleName(StrEnum):
    """Benchmark scales."""

    small = "small"
    national = "national"


_SCALE = typer.Option(help="small: vài tỉnh, 2 kỳ (< 1 phút); national: cả nước, 8 kỳ.")
_JSON = typer.Option("--json", help="In kết quả dạng JSON.")
_OUTPUT = typer.Option(help="Ghi thêm JSON vào tệp này.")
_SEED = typer.Option(help="Hạt giống sinh số liệu (cùng hạt giống, cùng số liệu).")
_PROGRESS = typer.Option("--progress/--no-progress", help="Thanh tiến trình trên stderr.")


@app.command("aggregate")
def aggregate(
    scale: Annotated[ScaleName, _SCALE] = ScaleName.small,
    as_json: Annotated[bool, _JSON] = False,
    postgres_url: Annotated[
        str | None,
        typer.Option(
            help="Máy chủ PostgreSQL để đo (tạo rồi xóa schema cchc_bench_<pid>). Mặc định: "
            "CCHC_BENCH_POSTGRES_URL hoặc CCHC_TEST_POSTGRES_URL; không có thì bỏ qua PostgreSQL."
        ),
    ] = None,
    seed: Annotated[int, _SEED] = 581,
    output: Annotated[Path | None, _OUTPUT] = None,
    progress: Annotated[bool, _PROGRESS] = True,
) -> None:
    """Sinh số liệu, kiểm tra, nạp vào SQLite / PostgreSQL / DuckDB và đo tổng hợp cả nước."""
    from cchc.bench.run import bench_aggregate, postgres_url_from_env

    result = bench_aggregate(
        scale.value, postgres_url or postgres_url_from_env(), seed=seed, progress=progress
    )
    data = result.to_json()
    _emit(data, as_json, output, _print_aggregate)
    if not data["crosscheck"]["identical"] or (data["validation"] or {}).get("errors"):
        raise typer.Exit(1)


@app.command("validate")
def validate(
    scale: Annotated[ScaleName, _SCALE] = ScaleName.small,
    as_json: Annotated[bool, _JSON] = False,
    seed: Annotated[int, _SEED] = 581,
    output: Annotated[Path | None, _OUTPUT] = None,
    progress: Annotated[bool, _PROGRESS] = True,
) -> None:
    """Sinh số liệu và đo thời gian kiểm tra từng báo cáo."""
    from cchc.bench.run import bench_validate

    data = bench_validate(scale.value, seed=seed, progress=progress)
    _emit(data, as_json, output, _print_validate)
    if data["errors"]:
        raise typer.Exit(1)


def _emit(data: dict[str, Any], as_json: bool, output: Path | None, show) -> None:
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if as_json:
        print_json(data)
    else:
        show(data)


def _print_aggregate(data: dict[str, Any]) -> None:
    console.print(
        f"[bold]Benchmark tổng hợp ({data['scale']}):[/] {data['rows']:,} số liệu, "
        f"{data['reports']:,} báo cáo, kỳ {data['period']}"
    )
    table = Table("Bước", "Giây")
    for name, seconds in data["seconds"].items():
        table.add_row(name, f"{seconds:.3f}")
    console.print(table)
    ratio = data["ratio_to_duckdb"]
    if ratio is not None:
        console.print(f"So với DuckDB ({data['ratio_backend']}): {ratio:.2f}×")
    cross = data["crosscheck"]
    console.print(
        f"Đối chiếu {', '.join(cross['backends'])}: "
        + ("[green]giống hệt[/]" if cross["identical"] else "[red]KHÁC NHAU[/]")
        + f" ({cross['indicators']} chỉ tiêu)"
    )
    for line in cross["differences"]:
        console.print(f"  {line}")
    for name, target in data["targets"].items():
        if target["measured"] is not None:
            mark = "[green]đạt[/]" if target["met"] else "[red]chưa đạt[/]"
            console.print(f"Mục tiêu {name} ≤ {target['target']}: {target['measured']} {mark}")
    for note in data["notes"]:
        console.print(f"[yellow]{note}[/]")


def _print_validate(data: dict[str, Any]) -> None:
    console.print(
        f"[bold]Benchmark kiểm tra ({data['scale']}):[/] {data['reports']:,} báo cáo, "
        f"{data['rows']:,} số liệu, {data['errors']} lỗi"
    )
    table = Table("Cấp", "Báo cáo", "Trung vị ms", "p95 ms", "Tối đa ms")
    for level, spread in data["per_report_ms"].items():
        table.add_row(
            level,
            str(spread["reports"]),
            str(spread["median"]),
            str(spread["p95"]),
            str(spread["max"]),
        )
    console.print(table)
    for name, seconds in data["seconds"].items():
        console.print(f"{name}: {seconds}")
