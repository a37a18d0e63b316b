"""The one check of a stored report: cleared values are no values, earlier periods compared,
the same findings for the editor (web) as for `cchc status` and the signer's checklist."""

from cchc.storage import find_unit, open_report, save_values, transaction
from cchc.units import parse_period_code
from cchc.validation.stored import check_stored_report
from cchc.values import Value
from cchc.web.reports import locate, report_findings

H1, Q3 = parse_period_code("2023-H1"), parse_period_code("2023-Q3")


def _report(session, period):
    unit = find_unit(session, "tỉnh Bắc Giang", on=period.end)
    return open_report(session, unit=unit, period=period, template_key="province-581", actor="an")


def _messages(findings):
    return [f.message for f in findings]


def test_a_cleared_value_is_no_value(engine, catalog):
    with transaction(engine) as session:
        report = _report(session, Q3)
        save_values(session, report=report, actor="an",
                    values=[Value("procedures.in_force", 1902.0, 0, "1.902")])  # fmt: skip
    with transaction(engine) as session:
        report = _report(session, Q3)
        save_values(session, report=report, actor="an",
                    values=[Value("procedures.in_force", None, None, None)])  # fmt: skip
        findings = check_stored_report(session, catalog, report)
        assert not any("không phải là số" in m for m in _messages(findings))
        assert not any(f.rule == "type" for f in findings)


def test_web_and_cli_give_the_same_findings_with_the_earlier_period(engine, catalog):
    key = "direction.plan_tasks_done"  # cumulative within the year: may not fall after H1
    with transaction(engine) as session:
        save_values(session, report=_report(session, H1), actor="an",
                    values=[Value(key, 30.0, 0, "30")])  # fmt: skip
        save_values(session, report=_report(session, Q3), actor="an",
                    values=[Value(key, 12.0, 0, "12")])  # fmt: skip
    with transaction(engine) as session:
        report = _report(session, Q3)
        stored = check_stored_report(session, catalog, report)
        assert any(key in f.indicators and f.rule.startswith("cumulative") for f in stored), [
            (f.rule, f.message) for f in stored
        ]
        place = locate(session, catalog, report.unit.key, "2023-Q3", "province-581")
        assert _messages(report_findings(session, catalog, place)) == _messages(stored)
