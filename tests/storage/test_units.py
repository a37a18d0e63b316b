"""The unit tree in the database: look-ups by key, code and name; the 2025 mapping."""

import pytest
from sqlalchemy import func, select

from cchc.errors import NotFoundError
from cchc.storage import ancestors, children, find_unit, init_database, transaction
from cchc.storage.models import Unit, UnitSuccessor
from cchc.units import parse_period_code


def test_units_are_found_by_key_code_and_name(engine):
    with transaction(engine) as session:
        by_key = find_unit(session, "p24")
        assert by_key.name == "Tỉnh Bắc Giang"
        assert find_unit(session, "tỉnh Bắc Giang").id == by_key.id
        assert find_unit(session, "Bac Giang").id == by_key.id
        tu_ky = find_unit(session, "huyện Tứ Kỳ, Hải Dương")
        assert [a.short_name for a in ancestors(session, tu_ky)][:1] == ["Hải Dương"]
        assert find_unit(session, "Tứ Kỳ").level == "district"


def test_ambiguous_and_unknown_names_say_what_to_do(engine):
    with transaction(engine) as session:
        with pytest.raises(NotFoundError) as ambiguous:
            find_unit(session, "xã Tân Tiến")
        assert "ứng với" in ambiguous.value.message_vi and "c" in ambiguous.value.message_vi
        with pytest.raises(NotFoundError) as unknown:
            find_unit(session, "tỉnh Không Có")
        assert "Không tìm thấy" in unknown.value.message_vi


def test_the_date_chooses_between_old_and_new_units(engine):
    with transaction(engine) as session:
        old = find_unit(session, "Tuyên Quang", on=parse_period_code("2023-Q3").end)
        new = find_unit(session, "Tuyên Quang", on=parse_period_code("2025-Y").end)
        assert old.valid_to is not None and new.valid_from is not None
        successors = session.scalars(
            select(UnitSuccessor.successor_id).where(UnitSuccessor.unit_id == old.id)
        ).all()
        assert successors == [new.id]
        assert {u.level for u in children(session, new, on=new.valid_from)} >= {"commune"}


def test_loading_twice_keeps_ids_and_counts(engine, catalog, unit_records):
    with transaction(engine) as session:
        before = dict(session.execute(select(Unit.key, Unit.id)).all())
    init_database(engine, catalog, unit_records)
    with transaction(engine) as session:
        after = dict(session.execute(select(Unit.key, Unit.id)).all())
        assert after == before
        provinces = session.scalar(
            select(func.count()).select_from(Unit).where(Unit.level == "province")
        )
        assert provinces == 63 + 34
