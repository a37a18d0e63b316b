"""The migrations build exactly the tables the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from cchc.storage.models import Base


def test_migrations_match_the_models(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # server defaults are written differently by each backend; types and columns must agree
    assert [d for d in differences if not _is_default_only(d)] == []


def _is_default_only(difference) -> bool:
    if isinstance(difference, list):
        return all(_is_default_only(d) for d in difference)
    return difference[0] == "modify_default"
