"""`cchc init` and `cchc status` on a new database, and on one that does not exist yet."""

from sqlalchemy import func, select

from cchc.storage import make_engine, transaction
from cchc.storage.models import IndicatorRow, TemplateRow, Unit


def test_init_creates_the_database_with_catalog_and_units(cchc, monkeypatch, tmp_path, catalog):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("CCHC_DATABASE_URL", url)
    first = cchc("init")
    assert first.code == 0, first.err
    assert "sẵn sàng" in first.out and "tỉnh, thành phố: 97" in first.out
    assert cchc("init").code == 0  # upgrading an up-to-date database changes nothing
    engine = make_engine(url)
    with transaction(engine) as session:
        count = lambda model: session.scalar(select(func.count()).select_from(model))  # noqa: E731
        assert count(IndicatorRow) == len(catalog.indicators)
        assert count(TemplateRow) == len(catalog.templates)
        assert count(Unit) > 15000


def test_status_before_init_says_what_to_do(cchc):
    result = cchc("status")
    assert result.code == 3
    assert "cchc init" in result.err and "Traceback" not in result.err


def test_help_is_vietnamese(cchc):
    result = cchc("--help")
    assert result.code == 0
    assert "kiểm tra" in result.out.lower() and "tổng hợp" in result.out.lower()
