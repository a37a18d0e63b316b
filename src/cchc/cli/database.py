"""`cchc init` and `cchc status`: create or upgrade the database, tell what it holds."""

from __future__ import annotations

import time

import typer

from cchc.catalog import default_catalog
from cchc.cli.common import console, engine_from_settings
from cchc.storage import init_database, summarize
from cchc.units.tree import load_unit_records

LEVEL_NAMES = {
    "nation": "cả nước",
    "ministry": "bộ, ngành",
    "province": "tỉnh, thành phố",
    "department": "sở, ban, ngành",
    "district": "huyện (trước 1/7/2025)",
    "commune": "xã, phường, thị trấn, đặc khu",
}


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("init")(init)
    app.command("status")(status)


def init() -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu, nạp danh mục chỉ tiêu và cây đơn vị hành chính."""
    started = time.perf_counter()
    engine = engine_from_settings()
    with console.status("Đang tạo cơ sở dữ liệu và nạp danh mục, đơn vị…"):
        init_database(engine, default_catalog(), load_unit_records())
    console.print(
        f"[green]✓[/] Cơ sở dữ liệu sẵn sàng ({engine.url.render_as_string()}) "
        f"sau {time.perf_counter() - started:.1f} giây."
    )
    status()


def status() -> None:
    """Tóm tắt những gì cơ sở dữ liệu đang chứa."""
    summary = summarize(engine_from_settings())
    console.print(f"Chỉ tiêu: {summary.indicators} · Bộ biểu mẫu: {summary.templates}")
    units = ", ".join(
        f"{LEVEL_NAMES.get(level, level)}: {n}"
        for level, n in sorted(summary.units_by_level.items())
    )
    console.print(f"Đơn vị: {units}")
    reports = ", ".join(f"{s}: {n}" for s, n in summary.reports_by_status.items()) or "chưa có"
    console.print(f"Báo cáo: {reports} · Số liệu: {summary.values}")
