"""Shared fixtures: catalogs, and databases on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.catalog import load_catalog

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


@pytest.fixture(scope="session")
def mini_catalog():
    """A small catalog whose relations the tests know by heart."""
    return load_catalog([DATA / "mini-catalog"])
