"""Validation of one report on a small catalog whose relations are known."""

import pytest

from cchc.validation import ratio_matches, validate_report
from cchc.values import value_from_text


def values(catalog, **raw):
    """Values from text as a clerk types them; keys use _ for the dots of ids."""
    out = {}
    for key, text in raw.items():
        indicator = catalog.indicator("t." + key.replace("__", "."))
        out[indicator.id] = value_from_text(indicator, text)
    return out


def rules(findings):
    return sorted(f.rule for f in findings)


def test_total_that_differs_from_its_parts_is_reported_with_the_numbers(mini_catalog):
    template = mini_catalog.template("mini")
    found = validate_report(
        mini_catalog,
        values(
            mini_catalog,
            procedures="1.902",
            procedures__province="1.486",
            procedures__district="255",
            procedures__commune="155",
        ),
        template=template,
    )
    assert rules(found) == ["sum"]
    finding = found[0]
    assert finding.severity == "error"
    assert finding.indicators == [
        "t.procedures",
        "t.procedures.province",
        "t.procedures.district",
        "t.procedures.commune",
    ]
    assert finding.values[0] == 1902 and finding.values[-1] == 1896
    assert finding.message.startswith("Biểu 1, mục 1") and "1.896" in finding.message
    assert "1.1 + 1.2 + 1.3" in finding.message


def test_consistent_total_passes(mini_catalog):
    found = validate_report(
        mini_catalog,
        values(
            mini_catalog,
            procedures="1.896",
            procedures__province="1.486",
            procedures__district="255",
            procedures__commune="155",
        ),
    )
    assert found == []


@pytest.mark.parametrize(
    ("rate", "on_time", "resolved", "ok"),
    [
        ("99,3", "53.726", "54.106", True),
        ("99,6", "1.990", "2.000", False),
        ("99,27", "24.397", "24.577", True),
        ("99,28", "24.397", "24.577", False),
        ("100", "7", "7", True),
        ("98,8", "77.049", "77.985", True),
    ],
)
def test_printed_ratio_is_checked_with_its_rounding(mini_catalog, rate, on_time, resolved, ok):
    found = validate_report(
        mini_catalog,
        values(mini_catalog, on_time_rate=rate, dossiers_on_time=on_time, dossiers=resolved),
    )
    assert (rules(found) == []) is ok
    if not ok:
        assert rules(found) == ["ratio"]


def test_ratio_tolerance_follows_printed_decimals():
    assert ratio_matches(99.3, 99.2977, 1)
    assert not ratio_matches(99.6, 99.5, 1)
    assert ratio_matches(99.5, 99.5049, 1)
    assert ratio_matches(66.6, 66.666, 1)  # truncated rather than rounded
    assert not ratio_matches(66.66, 66.68, 2)


def test_part_larger_than_whole(mini_catalog):
    found = validate_report(
        mini_catalog, values(mini_catalog, dossiers_on_time="120", dossiers="100")
    )
    assert "at_most" in rules(found)


def test_at_least_relation(mini_catalog):
    ok = validate_report(
        mini_catalog, values(mini_catalog, tasks="149", tasks_on_time="64", tasks_late="0")
    )
    bad = validate_report(
        mini_catalog, values(mini_catalog, tasks="10", tasks_on_time="8", tasks_late="5")
    )
    assert ok == [] and rules(bad) == ["sum"]
    assert "nhỏ hơn tổng" in bad[0].message


def test_amounts_with_decimals_add_up_within_rounding(mini_catalog):
    ok = validate_report(
        mini_catalog,
        values(mini_catalog, budget="10,3", budget_parts_a="5,15", budget_parts_b="5,14"),
    )
    bad = validate_report(
        mini_catalog,
        values(mini_catalog, budget="10,5", budget_parts_a="5,15", budget_parts_b="5,14"),
    )
    assert ok == [] and rules(bad) == ["sum"]


@pytest.mark.parametrize(
    ("field", "raw", "rule"),
    [
        ("dossiers", "12,5", "integer"),
        ("dossiers", "mười hai", "type"),
        ("dossiers", "-4", "range"),
        ("on_time_rate", "104", "range"),
        ("dialogue", "2", "option"),
    ],
)
def test_value_checks_explain_in_vietnamese(mini_catalog, field, raw, rule):
    found = validate_report(mini_catalog, values(mini_catalog, **{field: raw}))
    assert rules(found) == [rule]
    assert found[0].message and found[0].message_en
    assert found[0].message != found[0].message_en


def test_coded_answers_accept_their_labels(mini_catalog):
    answer = values(mini_catalog, dialogue="Có")["t.dialogue"]
    assert answer.num == 1
    assert validate_report(mini_catalog, {"t.dialogue": answer}) == []


def test_missing_required_item_is_a_warning(mini_catalog):
    found = validate_report(
        mini_catalog, values(mini_catalog, dossiers="3"), template=mini_catalog.template("mini")
    )
    assert [(f.rule, f.severity) for f in found] == [("required", "warning")]


def test_cumulative_values_must_not_fall_within_a_year(mini_catalog):
    now = values(mini_catalog, plan_done="30")
    before = values(mini_catalog, plan_done="40")
    found = validate_report(mini_catalog, now, previous=before)
    assert rules(found) == ["cumulative_decrease"]
    assert validate_report(mini_catalog, now, previous=before, previous_same_year=False) == []
    assert validate_report(mini_catalog, before, previous=now) == []


def test_large_jumps_against_last_year_are_warnings(mini_catalog):
    now = values(mini_catalog, dossiers="5.000")
    found = validate_report(
        mini_catalog, now, same_period_last_year=values(mini_catalog, dossiers="1.200")
    )
    assert [(f.rule, f.severity) for f in found] == [("jump", "warning")]
    small = validate_report(
        mini_catalog,
        values(mini_catalog, dossiers="9"),
        same_period_last_year=values(mini_catalog, dossiers="2"),
    )
    assert small == []


def test_errors_come_before_warnings(mini_catalog):
    found = validate_report(
        mini_catalog,
        values(mini_catalog, dossiers_on_time="120", dossiers="100"),
        template=mini_catalog.template("mini"),
    )
    assert [f.severity for f in found] == sorted(
        (f.severity for f in found), key=["error", "warning", "info"].index
    )
