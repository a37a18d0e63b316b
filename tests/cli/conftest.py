"""Running the `cchc` command in-process, as a user would from the shell."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from cchc.cli.main import main


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cchc_db(cchc, monkeypatch, database_url):
    """Run `cchc ARGS…` against the test database (SQLite copy, then PostgreSQL)."""
    monkeypatch.setenv("CCHC_DATABASE_URL", database_url)
    return cchc


@pytest.fixture
def cchc(capsys, monkeypatch, tmp_path):
    """Run `cchc ARGS…` in-process; the database URL points at an empty scratch file."""
    monkeypatch.setenv("CCHC_DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run
