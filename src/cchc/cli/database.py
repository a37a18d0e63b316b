"""`cchc init` and `cchc status`: create or upgrade the database, tell what it holds."""

from __future__ import annotations

import os
import time

import typer
from rich.table import Table
from sqlalchemy import select

from cchc.catalog import default_catalog
from cchc.cli.common import console, engine_from_settings
from cchc.storage import Report, ReportStatus, describe, init_database, summarize, transaction
from cchc.storage.reports import STATUS_LABELS
from cchc.units.tree import load_unit_records
from cchc.validation.stored import check_stored_report

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
    _first_admin(engine)
    status()


def _first_admin(engine) -> None:
    """Create the web app's first admin (CCHC_ADMIN_USER / CCHC_ADMIN_PASSWORD, or a
    generated password printed once)."""
    from cchc.web.accounts import ensure_first_admin

    created = ensure_first_admin(engine, dict(os.environ))
    if created is None:
        return
    username, generated = created
    if generated:
        console.print(
            f"[green]✓[/] Tài khoản quản trị «{username}», mật khẩu: [bold]{generated}[/] "
            "(chỉ hiện một lần; hãy đổi hoặc ghi lại)."
        )
    else:
        console.print(
            f"[green]✓[/] Tài khoản quản trị «{username}» (mật khẩu từ CCHC_ADMIN_PASSWORD)."
        )


def status() -> None:
    """Tóm tắt những gì cơ sở dữ liệu đang chứa."""
    summary = summarize(engine_from_settings())
    console.print(f"Chỉ tiêu: {summary.indicators} · Bộ biểu mẫu: {summary.templates}")
    units = ", ".join(
        f"{LEVEL_NAMES.get(level, level)}: {n}"
        for level, n in sorted(summary.units_by_level.items())
    )
    console.print(f"Đơn vị: {units}")
    reports = (
        ", ".join(
            f"{STATUS_LABELS[ReportStatus(s)]}: {n}" for s, n in summary.reports_by_status.items()
        )
        or "chưa có"
    )
    console.print(f"Báo cáo: {reports} · Số liệu: {summary.values}")
    _print_checks()


MAX_CHECKED = 50


def _print_checks() -> None:
    """Validate the most recent reports and show what the checks found."""
    catalog = default_catalog()
    with transaction(engine_from_settings()) as session:
        reports = session.scalars(select(Report).order_by(Report.id.desc()).limit(MAX_CHECKED))
        rows = []
        for report in reports:
            findings = check_stored_report(session, catalog, report)
            errors = [f for f in findings if f.severity == "error"]
            first = errors[0].message if errors else ""
            rows.append(
                (
                    describe(session, report.unit),
                    report.period_code,
                    report.template.key,
                    str(len(errors)),
                    str(len(findings) - len(errors)),
                    first,
                )
            )
    if not rows:
        return
    table = Table(
        "Đơn vị",
        "Kỳ",
        "Biểu mẫu",
        "Lỗi",
        "Cảnh báo",
        "Lỗi đầu tiên",
        title=f"Kết quả kiểm tra ({len(rows)} báo cáo gần nhất)",
    )
    for row in rows:
        table.add_row(*row)
    console.print(table)
