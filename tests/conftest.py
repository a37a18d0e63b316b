"""Shared fixtures: catalogs, and databases on SQLite and on the real PostgreSQL server.

PostgreSQL comes from CCHC_TEST_POSTGRES_URL, set by scripts/run-tests.sh (`make test`), which
starts a server on 127.0.0.1. Run pytest directly without it and the PostgreSQL cases skip —
unless CCHC_REQUIRE_POSTGRES=1, as in `make test`, where they fail instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from cchc.catalog import default_catalog, load_catalog
from cchc.storage import init_database, make_engine
from cchc.storage.models import Base
from cchc.units import load_unit_records

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
_REPORT_TABLES = ("documents", "value_changes", "report_events", "report_values", "reports")


def pytest_configure(config) -> None:
    """Tests see the shipped catalog alone, whatever site catalog the working directory has
    (a test that wants one sets CCHC_CATALOG_DIR itself)."""
    os.environ["CCHC_CATALOG_DIR"] = str(config.rootpath / "tests" / "data" / "empty-site-catalog")


@pytest.fixture(scope="session")
def mini_catalog():
    """A small catalog whose relations the tests know by heart."""
    return load_catalog([DATA / "mini-catalog"])


@pytest.fixture(scope="session")
def catalog():
    """The catalog cchc ships."""
    return default_catalog()


@pytest.fixture(scope="session")
def unit_records():
    """The shipped unit tree."""
    return load_unit_records()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory, catalog, unit_records) -> Path:
    """An SQLite file initialised once (schema, catalog, units); tests work on copies."""
    path = tmp_path_factory.mktemp("db") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    init_database(engine, catalog, unit_records)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path) -> str:
    """URL of a fresh copy of the initialised SQLite database."""
    path = tmp_path / "cchc.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def postgres_url(catalog, unit_records) -> str:
    """URL of the test PostgreSQL database, initialised once per run."""
    url = os.environ.get("CCHC_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CCHC_REQUIRE_POSTGRES"):
            pytest.fail("CCHC_TEST_POSTGRES_URL is not set (run `make test`)")
        pytest.skip("no PostgreSQL server (run `make test` to start one)")
    engine = make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    init_database(engine, catalog, unit_records)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request) -> str:
    """Each test using it runs twice: on SQLite and on the real PostgreSQL server."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    url = request.getfixturevalue("postgres_url")
    request.addfinalizer(lambda: _empty_reports(url))
    return url


@pytest.fixture
def engine(database_url) -> Engine:
    """An engine on a database with catalog and units and no reports."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def _empty_reports(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        for table in _REPORT_TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    engine.dispose()
