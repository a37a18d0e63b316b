"""`cchc serve`: the web app on a host and port (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Địa chỉ lắng nghe.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Cổng.")] = 8000,
) -> None:
    """Chạy ứng dụng web (giao diện tiếng Việt và API JSON dưới /api/)."""
    from cchc.web.server import serve as run

    typer.echo(f"cchc: http://{host}:{port}/ (Ctrl+C để dừng)")
    run(host, port)
