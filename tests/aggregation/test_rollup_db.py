"""Roll-ups over the real unit tree, on SQLite and on PostgreSQL."""

from collections import Counter
from datetime import datetime

import pytest

from cchc.aggregation import roll_up
from cchc.errors import NotFoundError
from cchc.storage import (
    ReportStatus,
    change_status,
    children,
    find_unit,
    open_report,
    save_values,
    transaction,
)
from cchc.units import parse_period_code
from cchc.values import Value

H1 = parse_period_code("2023-H1")


def _submit(session, unit, template, values, *, period=H1, when=None):
    report = open_report(session, unit=unit, period=period, template_key=template, actor="t")
    save_values(
        session,
        report=report,
        actor="t",
        values=[Value(k, float(v), 0, str(v)) for k, v in values.items()],
    )
    change_status(session, report=report, to=ReportStatus.submitted, actor="t")
    report.submitted_at = when or datetime(2023, 6, 1)
    return report


@pytest.fixture
def tu_ky(engine):
    """Huyện Tứ Kỳ with three communes reporting and one district report."""
    with transaction(engine) as session:
        district = find_unit(session, "huyện Tứ Kỳ, Hải Dương")
        communes = children(session, district, on=H1.end)[:3]
        for i, commune in enumerate(communes):
            _submit(
                session,
                commune,
                "commune-581",
                {
                    "procedures.resolved.commune": 100 * (i + 1),
                    "procedures.resolved_on_time.commune": 100 * (i + 1) - i,
                    "procedures.on_time_rate.commune": 100,
                    "direction.citizen_dialogue": i % 2,
                    "direction.plan_tasks": 10,
                },
                when=datetime(2023, 6, 30) if i == 2 else None,
            )
        _submit(
            session,
            district,
            "district-581",
            {
                "procedures.resolved.district": 1642,
                "procedures.resolved_on_time.district": 1641,
            },
        )
        return district.key, [c.key for c in communes], len(children(session, district, on=H1.end))


def test_district_roll_up_adds_counts_recomputes_rates_and_counts_answers(engine, catalog, tu_ky):
    district_key, commune_keys, commune_count = tu_ky
    with transaction(engine) as session:
        rollup = roll_up(session, catalog, find_unit(session, district_key), H1)
    values = rollup.figures.values
    assert values["procedures.resolved.commune"] == 600
    assert values["procedures.resolved_on_time.commune"] == 597
    assert values["procedures.on_time_rate.commune"] == pytest.approx(597 / 600 * 100)
    assert values["procedures.on_time_rate.district"] == pytest.approx(1641 / 1642 * 100)
    assert rollup.figures.distributions["direction.citizen_dialogue"] == Counter({0: 2, 1: 1})
    assert rollup.figures.reporters["procedures.resolved.commune"] == 3
    assert len(rollup.children) == commune_count
    assert len(rollup.missing) == commune_count - 3
    assert [c.key for c in rollup.late] == [commune_keys[2]]  # after the commune deadline


def test_province_roll_up_prefers_the_district_figure_for_its_communes(engine, catalog, tu_ky):
    district_key, _, _ = tu_ky
    with transaction(engine) as session:
        district = find_unit(session, district_key)
        report = open_report(
            session, unit=district, period=H1, template_key="district-581", actor="t"
        )
        change_status(session, report=report, to=ReportStatus.returned, actor="t", reason="x")
        save_values(
            session,
            report=report,
            actor="t",
            values=[Value("procedures.resolved.commune", 5000.0, 0, "5.000")],
        )
        change_status(session, report=report, to=ReportStatus.submitted, actor="t")
        province = find_unit(session, "tỉnh Hải Dương")
        rollup = roll_up(session, catalog, province, H1)
    assert rollup.figures.values["procedures.resolved.commune"] == 5000
    assert rollup.figures.values["procedures.resolved.district"] == 1642
    assert rollup.levels["commune"][1] == 3
    assert rollup.levels["district"][1] == 1


def test_new_province_rolls_up_its_predecessors_for_old_periods(engine, catalog):
    with transaction(engine) as session:
        for name, resolved in (("tỉnh Bắc Giang", 1000), ("tỉnh Bắc Ninh", 500)):
            unit = find_unit(session, name, on=H1.end)
            _submit(
                session,
                unit,
                "province-581",
                {
                    "procedures.resolved.province": resolved,
                    "procedures.resolved_on_time.province": resolved - 10,
                },
            )
        new = find_unit(session, "tỉnh Bắc Ninh", on=parse_period_code("2025-Y").end)
        assert new.valid_from is not None
        rollup = roll_up(session, catalog, new, H1)
    assert sorted(rollup.predecessors) == ["p24", "p27"]
    assert rollup.figures.values["procedures.resolved.province"] == 1500
    assert rollup.figures.values["procedures.on_time_rate.province"] == pytest.approx(
        1480 / 1500 * 100
    )


def test_a_unit_that_ended_points_to_its_successor(engine, catalog):
    with transaction(engine) as session:
        old = find_unit(session, "p30")
        with pytest.raises(NotFoundError) as gone:
            roll_up(session, catalog, old, parse_period_code("2025-Y"))
    assert "Hải Phòng" in gone.value.message_vi
