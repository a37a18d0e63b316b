"""`cchc extract` and `cchc import` on the sample reports, as a user runs them."""

from sqlalchemy import func, select
from tests.conftest import SAMPLES

from cchc.storage import make_engine, transaction
from cchc.storage.models import DocumentRow, Report, ReportValue

BAC_GIANG = SAMPLES / "bac-giang-province-q3-2023.txt"
TU_KY = SAMPLES / "tu-ky-district-h1-2023.txt"
TUYEN_QUANG = SAMPLES / "tuyen-quang-dept-ict-2022.txt"


def test_extract_prints_the_contract_json(cchc):
    result = cchc("extract", str(BAC_GIANG), "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["metadata"]["period"]["code"] == "2023-Q3"
    assert any(f["rule"] == "sum" for f in data["findings"])
    assert len(data["values"]) > 120


def test_extract_refuses_what_is_not_a_report(cchc, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("danh sách đi chợ: rau, cá\n", encoding="utf-8")
    result = cchc("extract", str(junk))
    assert result.code == 2 and "không nhận ra" in result.err and "Traceback" not in result.err


def test_import_stores_each_report_for_review(cchc_db, database_url):
    result = cchc_db("import", str(BAC_GIANG), str(TU_KY))
    assert result.code == 0, result.err
    assert "p24" in result.out and "d298" in result.out
    engine = make_engine(database_url)
    with transaction(engine) as session:
        reports = session.scalars(select(Report)).all()
        assert sorted((r.unit.key, r.period_code, r.status.value) for r in reports) == [
            ("d298", "2023-H1", "imported"),
            ("p24", "2023-Q3", "imported"),
        ]
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 2
        values = session.scalars(select(ReportValue)).all()
        assert len(values) > 120 and all(v.evidence and v.evidence["line"] for v in values)
    engine.dispose()


def test_a_failing_file_does_not_stop_the_others_and_leaves_nothing(
    cchc_db, database_url, tmp_path
):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cchc_db("import", str(empty), str(TUYEN_QUANG), "--period", "2022-H1")
    assert result.code == 1
    assert "empty.txt" in result.err and "Traceback" not in result.err
    engine = make_engine(database_url)
    with transaction(engine) as session:
        documents = session.scalars(select(DocumentRow.file_name)).all()
        assert documents == ["tuyen-quang-dept-ict-2022.txt"]
    engine.dispose()
