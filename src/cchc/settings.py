"""Settings read from the environment, in one place, each with its default and help."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SETTINGS_HELP: dict[str, tuple[str, str]] = {
    "CCHC_DATABASE_URL": (
        "sqlite:///cchc.db",
        "SQLAlchemy URL of the database; an SQLite file in the working directory by default.",
    ),
    "CCHC_SECRET_KEY": (
        "",
        "Key that signs the web app's session cookies; when empty, a random key per process "
        "(sessions end when the server restarts).",
    ),
    "CCHC_HTTPS": (
        "",
        "Set to 1 when the web app is served over TLS (directly or behind a proxy): session "
        "cookies get the Secure flag and replies carry Strict-Transport-Security.",
    ),
    "CCHC_CATALOG_DIR": (
        "site-catalog",
        "The site's own catalog files (indicators/*.yaml, templates/*.yaml), layered on the "
        "shipped catalog, e.g. a province's variant of a template; a relative path is taken "
        "from the working directory. Admins edit it on /admin/catalog.",
    ),
}


@dataclass(frozen=True)
class Settings:
    """Resolved settings; build with :func:`load_settings`, never at import time.
    ``catalog_dir`` None: no site catalog, the shipped one alone."""

    database_url: str
    secret_key: str = ""
    catalog_dir: Path | None = None
    https: bool = False


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    url = env.get("CCHC_DATABASE_URL") or SETTINGS_HELP["CCHC_DATABASE_URL"][0]
    catalog_dir = env.get("CCHC_CATALOG_DIR") or SETTINGS_HELP["CCHC_CATALOG_DIR"][0]
    return Settings(
        database_url=_absolute_sqlite(url),
        secret_key=env.get("CCHC_SECRET_KEY", ""),
        catalog_dir=Path.cwd() / Path(catalog_dir).expanduser(),
        https=env.get("CCHC_HTTPS", "").strip().lower() in ("1", "true", "yes"),
    )


def _absolute_sqlite(url: str) -> str:
    """Pin a relative SQLite path to the current working directory."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix:
        return prefix + str(Path.cwd() / url[len(prefix) :])
    return url
