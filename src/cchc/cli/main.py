"""Entry point of the `cchc` command: builds the app and turns errors into clean exits."""

from __future__ import annotations

import sys

import typer
from sqlalchemy.exc import OperationalError, ProgrammingError

from cchc.cli import bench, check, data, database, ingest, render, rollup, serve, text
from cchc.cli.common import err_console
from cchc.errors import CchcError

app = typer.Typer(
    name="cchc",
    help="cchc — báo cáo cải cách hành chính: danh mục, số liệu, kiểm tra, tổng hợp.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
database.register(app)
check.register(app)
rollup.register(app)
ingest.register(app)
render.register(app)
serve.register(app)
app.add_typer(data.app, name="data")
app.add_typer(bench.app, name="bench")
app.add_typer(text.app, name="text")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a CchcError prints its Vietnamese message and exits with its code.

    Typer (standalone mode) handles usage errors and ``typer.Exit`` by itself.
    """
    try:
        app(args=argv, prog_name="cchc")
    except CchcError as exc:
        err_console.print(f"[bold red]Lỗi:[/] {exc.message_vi}", highlight=False)
        return exc.exit_code
    except (OperationalError, ProgrammingError) as exc:
        err_console.print(
            "[bold red]Lỗi:[/] Cơ sở dữ liệu chưa sẵn sàng hoặc không kết nối được "
            f"({type(exc.orig).__name__}). Hãy chạy `cchc init` và kiểm tra CCHC_DATABASE_URL.",
            highlight=False,
        )
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
