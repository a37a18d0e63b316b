"""`cchc aggregate --unit U --period P`: roll figures up the unit tree."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cchc.aggregation import Rollup, roll_up
from cchc.catalog import Catalog, default_catalog
from cchc.cli.common import console, engine_from_settings, print_json
from cchc.numbers import format_number
from cchc.storage import Unit, describe, find_unit, transaction
from cchc.units.periods import Period, parse_period_code


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("aggregate")(aggregate)


def aggregate(
    unit: Annotated[str, typer.Option(help="Đơn vị: mã (p24), mã hành chính hoặc tên.")],
    period: Annotated[str, typer.Option(help="Kỳ báo cáo, ví dụ 2023-Q3, 2023-H1, 2023-Y.")],
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    all_statuses: Annotated[
        bool, typer.Option(help="Tính cả báo cáo nháp và báo cáo nhập từ tài liệu.")
    ] = False,
) -> None:
    """Tổng hợp số liệu của một đơn vị và các đơn vị cấp dưới cho một kỳ báo cáo."""
    catalog = default_catalog()
    chosen_period = parse_period_code(period)
    statuses = ("submitted", "approved", "draft", "imported", "returned")
    with transaction(engine_from_settings()) as session:
        target = find_unit(session, unit, on=chosen_period.end)
        rollup = roll_up(
            session,
            catalog,
            target,
            chosen_period,
            **({"statuses": statuses} if all_statuses else {}),
        )
        title = describe(session, target)
        data = rollup_json(catalog, rollup, target, chosen_period)
    if as_json:
        print_json(data)
    else:
        _print(catalog, rollup, title, chosen_period)


def rollup_json(catalog: Catalog, rollup: Rollup, unit: Unit, period: Period) -> dict:
    """The JSON shape of a roll-up."""
    figures = rollup.figures
    keys = sorted(set(figures.values) | set(figures.distributions))
    return {
        "unit": {"id": unit.key, "name": unit.name, "level": unit.level},
        "period": {
            "code": period.code,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "predecessors": rollup.predecessors,
        "values": [
            {
                "indicator": key,
                "name": catalog.indicators[key].name if key in catalog.indicators else None,
                "value": figures.values.get(key),
                "rule": catalog.indicators[key].aggregate_rule,
                "reporters": figures.reporters.get(key, 0),
                "distribution": {str(c): n for c, n in sorted(figures.distributions[key].items())}
                if key in figures.distributions
                else None,
            }
            for key in keys
            if key in catalog.indicators
        ],
        "completeness": {
            "expected": len(rollup.children),
            "reported": len(rollup.children) - len(rollup.missing),
            "missing": [c.key for c in rollup.missing],
            "late": [c.key for c in rollup.late],
            "levels": {
                lvl: {"expected": e, "reported": r} for lvl, (e, r) in rollup.levels.items()
            },
        },
    }


def _print(catalog: Catalog, rollup: Rollup, title: str, period: Period) -> None:
    console.print(f"[bold]Tổng hợp {period.label} — {title}[/]")
    if rollup.predecessors:
        console.print(f"Tính từ các đơn vị tiền thân: {', '.join(rollup.predecessors)}")
    table = Table("Chỉ tiêu", "Số liệu", "Số đơn vị", "Cách tổng hợp")
    for key in sorted(set(rollup.figures.values) | set(rollup.figures.distributions)):
        indicator = catalog.indicators[key]
        value = rollup.figures.values.get(key)
        shown = format_number(round(value, 2)) if value is not None else "—"
        if key in rollup.figures.distributions:
            dist = rollup.figures.distributions[key]
            shown = "; ".join(
                f"{indicator.options.get(c, c)}: {n}"  # type: ignore[union-attr]
                for c, n in sorted(dist.items())
            )
        table.add_row(
            indicator.name,
            shown,
            str(rollup.figures.reporters.get(key, "")),
            indicator.aggregate_rule,
        )
    console.print(table)
    reported = len(rollup.children) - len(rollup.missing)
    console.print(
        f"Đã báo cáo: {reported}/{len(rollup.children)} đơn vị trực thuộc; "
        f"nộp muộn: {len(rollup.late)}."
    )
    if rollup.missing:
        names = ", ".join(c.name for c in rollup.missing[:10])
        more = f" và {len(rollup.missing) - 10} đơn vị khác" if len(rollup.missing) > 10 else ""
        console.print(f"Chưa báo cáo: {names}{more}.")
