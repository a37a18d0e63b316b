"""What every command needs: the database engine from settings, and a console."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
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
