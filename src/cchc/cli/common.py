"""What every command needs: the database engine from settings, and a console."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy import Engine

from cchc.settings import load_settings
from cchc.storage import make_engine

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def engine_from_settings() -> Engine:
    """The engine for CCHC_DATABASE_URL (or the default SQLite file)."""
    return make_engine(load_settings().database_url)


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, not escaped, for scripts."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def progress_bar(*, on_stderr: bool = False) -> Progress:
    """The progress bar of long commands (counts done of total)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console if on_stderr else console,
        transient=True,
    )
