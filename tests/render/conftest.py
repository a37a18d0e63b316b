"""Reports to render: tỉnh Bắc Giang's Q3/2023 forms (examples/), and huyện Tứ Kỳ with some of
its communes having reported — on SQLite and on PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from tests.conftest import EXAMPLES

from cchc.catalog import default_catalog
from cchc.dataio.forms import read_form_csv, values_from_rows
from cchc.render import build_content
from cchc.storage import (
    ReportStatus,
    change_status,
    children,
    find_unit,
    open_report,
    save_section,
    save_values,
    transaction,
)
from cchc.units import parse_period_code
from cchc.values import Value

Q3 = parse_period_code("2023-Q3")
H1 = parse_period_code("2023-H1")
SIGNED_ON = date(2023, 9, 18)  # inside the period, so that the unit tree reads as in 2023
DIRECTION_TEXT = (
    "Ngay từ đầu năm, UBND tỉnh đã ban hành Kế hoạch CCHC năm 2023.\n"
    "- Tổ chức Hội nghị đối thoại với doanh nghiệp ngày 09/6/2023."
)


def bac_giang_values() -> dict[str, Value]:
    """The values of examples/bac-giang-q3-2023-forms.csv on the province template."""
    catalog = default_catalog()
    rows = read_form_csv(EXAMPLES / "bac-giang-q3-2023-forms.csv")
    values, _ = values_from_rows(catalog, catalog.template("province-581"), rows)
    return values


def store(session, unit, template: str, values, *, period=Q3, status=None, when=None):
    """A report with ``values`` (a dict of numbers or Values), optionally moved to ``status``."""
    report = open_report(session, unit=unit, period=period, template_key=template, actor="t")
    save_values(
        session,
        report=report,
        actor="t",
        values=[
            v if isinstance(v, Value) else Value(k, float(v), 0, str(v)) for k, v in values.items()
        ],
    )
    if status is not None:
        change_status(session, report=report, to=status, actor="t")
        report.submitted_at = when or datetime(period.deadline.year, period.deadline.month, 1)
    return report


@pytest.fixture
def bac_giang(engine):
    """tỉnh Bắc Giang's own Q3/2023 report (a draft) with the narrative of section I."""
    with transaction(engine) as session:
        unit = find_unit(session, "p24")
        report = store(session, unit, "province-581", bac_giang_values())
        save_section(session, report=report, section="direction", text=DIRECTION_TEXT, actor="t")
    return engine


@pytest.fixture
def tu_ky(engine):
    """huyện Tứ Kỳ, H1/2023: its own draft, four communes submitted (one late), the rest not."""
    with transaction(engine) as session:
        district = find_unit(session, "d298")
        store(session, district, "district-581", {"direction.plan_tasks": 78}, period=H1)
        communes = children(session, district, on=H1.end)
        resolved = [(400, 396), (250, 250), (1000, 950), (80, 79)]
        for index, (commune, (done, on_time)) in enumerate(zip(communes, resolved, strict=False)):
            store(
                session,
                commune,
                "commune-581",
                {
                    "procedures.resolved.commune": done,
                    "procedures.resolved_on_time.commune": on_time,
                    "direction.plan_tasks": 10,
                    "direction.plan_tasks_done": 4 + index,
                },
                period=H1,
                status=ReportStatus.submitted,
                when=datetime(2023, 6, 19) if index == 3 else datetime(2023, 6, 5),
            )
    return engine


def content_of(engine, query: str, period=Q3, day: date = SIGNED_ON):
    """The report content of unit ``query`` for ``period``."""
    with transaction(engine) as session:
        unit = find_unit(session, query, on=period.end)
        return build_content(session, default_catalog(), unit, period, day)


@pytest.fixture
def cchc(capsys, monkeypatch, tmp_path, engine):
    """Run `cchc ARGS…` in-process in ``tmp_path``, against the test database; returns
    (exit code, stdout, stderr)."""
    from cchc.cli.main import main

    monkeypatch.setenv("CCHC_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
