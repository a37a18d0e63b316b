"""Aggregation semantics on a small catalog: add counts, recompute ratios and totals from
their parts, distributions for coded answers, own values win, level-only items stay put."""

import pytest

from cchc.aggregation import Figures, combine


def report(catalog, **values):
    return Figures.of_report(catalog, {"t." + k.replace("__", "."): v for k, v in values.items()})


def test_ratios_are_recomputed_from_summed_parts_never_averaged(mini_catalog):
    a = report(mini_catalog, dossiers=1000, dossiers_on_time=990, on_time_rate=99.0)
    b = report(mini_catalog, dossiers=10, dossiers_on_time=5, on_time_rate=50.0)
    total = combine(mini_catalog, None, [a, b])
    assert total.values["t.dossiers"] == 1010
    assert total.values["t.on_time_rate"] == pytest.approx(995 / 1010 * 100)
    assert total.values["t.on_time_rate"] != pytest.approx((99.0 + 50.0) / 2)
    assert total.reporters["t.dossiers"] == 2


def test_a_ratio_without_parts_is_not_carried_up(mini_catalog):
    a = report(mini_catalog, on_time_rate=99.0)
    assert "t.on_time_rate" not in combine(mini_catalog, None, [a]).values


def test_totals_are_recomputed_from_parts_and_level_only_items_are_not_summed(mini_catalog):
    district_a = report(mini_catalog, procedures__district=200, procedures__commune=100)
    district_b = report(
        mini_catalog, procedures__district=55, procedures__commune=55, procedures__province=999
    )
    province_own = report(mini_catalog, procedures__province=1486)
    total = combine(mini_catalog, province_own, [district_a, district_b])
    assert total.values["t.procedures.province"] == 1486  # only its own, not 1486 + 999
    assert total.values["t.procedures.district"] == 255
    assert total.values["t.procedures"] == 1486 + 255 + 155


def test_own_value_wins_over_the_sum_of_children(mini_catalog):
    communes = [report(mini_catalog, dossiers=10), report(mini_catalog, dossiers=20)]
    district = combine(mini_catalog, report(mini_catalog, dossiers=35), communes)
    assert district.values["t.dossiers"] == 35
    without_own = combine(mini_catalog, None, communes)
    assert without_own.values["t.dossiers"] == 30


def test_coded_answers_become_a_distribution(mini_catalog):
    children = [
        report(mini_catalog, dialogue=1),
        report(mini_catalog, dialogue=1),
        report(mini_catalog, dialogue=0),
    ]
    total = combine(mini_catalog, None, children)
    assert dict(total.distributions["t.dialogue"]) == {1: 2, 0: 1}
    assert "t.dialogue" not in total.values


def test_roll_up_is_the_same_whichever_way_the_tree_is_cut(mini_catalog):
    leaves = [
        report(mini_catalog, dossiers=n, dossiers_on_time=n - i)
        for i, n in enumerate([100, 40, 7, 12])
    ]
    flat = combine(mini_catalog, None, leaves)
    nested = combine(
        mini_catalog,
        None,
        [combine(mini_catalog, None, leaves[:2]), combine(mini_catalog, None, leaves[2:])],
    )
    assert flat.values == pytest.approx(nested.values)
