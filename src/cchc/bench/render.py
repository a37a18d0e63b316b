"""Render benchmark: seconds to produce tỉnh Bắc Giang's Quý III 2023 report with all annexes
(the seven forms and the comparison of its 29 departments and districts) as DOCX and XLSX, and
once as PDF, on a fresh SQLite database holding the Bắc Giang data.

The data: the sample report imported as `make run` does it (narrative included), or, without
the samples, the forms of ``examples/bac-giang-q3-2023-forms.csv``. Target: DOCX ≤ 1 s.

Run: ``python -m cchc.bench.render [--runs N] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from cchc.catalog import default_catalog
from cchc.dataio.forms import read_form_csv, values_from_rows
from cchc.ingest.importer import import_file
from cchc.ingest.readers.doc import find_soffice
from cchc.render import build_content, write_report
from cchc.render.model import ReportContent
from cchc.storage import find_unit, init_database, make_engine, open_report, save_values
from cchc.storage import transaction as db_transaction
from cchc.units import load_unit_records, parse_period_code

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT.parent / "shared" / "samples" / "bac-giang-province-q3-2023.txt"
FORMS = ROOT / "examples" / "bac-giang-q3-2023-forms.csv"
UNIT, PERIOD = "p24", "2023-Q3"
TARGET_DOCX_SECONDS = 1.0


def run_render_benchmark(runs: int = 5, *, pdf: bool = True) -> dict:
    """Time content, DOCX and XLSX ``runs`` times (PDF once); returns the numbers."""
    with tempfile.TemporaryDirectory(prefix="cchc-bench-render-") as tmp:
        workdir = Path(tmp)
        engine = make_engine(f"sqlite:///{workdir / 'cchc.db'}")
        source = _load_bac_giang(engine)
        period = parse_period_code(PERIOD)
        content_seconds: list[float] = []
        content = None
        for _ in range(runs):
            started = time.perf_counter()
            content = _content(engine, period)
            content_seconds.append(time.perf_counter() - started)
        assert content is not None
        seconds = {"content": _spread(content_seconds)}
        for fmt in ("docx", "xlsx"):
            seconds[fmt] = _spread(_timed(content, fmt, workdir, runs))
        if pdf and find_soffice():
            seconds["pdf"] = _spread(_timed(content, "pdf", workdir, 1))
        engine.dispose()
    content_median = seconds["content"]["median"]
    report = {name: spread["median"] + content_median for name, spread in seconds.items()}
    return {
        "unit": UNIT,
        "period": PERIOD,
        "data": source,
        "runs": runs,
        "annexes": {"forms": len(content.forms), "comparison_units": _units(content)},
        "seconds": seconds,
        "report_seconds": {k: round(v, 3) for k, v in report.items() if k != "content"},
        "target": {
            "docx_seconds": TARGET_DOCX_SECONDS,
            "measured": round(report["docx"], 3),
            "met": report["docx"] <= TARGET_DOCX_SECONDS,
        },
        "machine": {"python": platform.python_version(), "processor": platform.machine()},
    }


def _load_bac_giang(engine: Engine) -> str:
    catalog = default_catalog()
    init_database(engine, catalog, load_unit_records())
    if SAMPLE.is_file():
        import_file(engine, catalog, SAMPLE, actor="bench")
        return f"sample {SAMPLE.name} (imported)"
    template = catalog.template("province-581")
    values, _ = values_from_rows(catalog, template, read_form_csv(FORMS))
    with db_transaction(engine) as session:
        unit = find_unit(session, UNIT)
        report = open_report(
            session, unit=unit, period=parse_period_code(PERIOD), template_key=template.id,
            actor="bench",
        )  # fmt: skip
        save_values(session, report=report, values=values.values(), actor="bench")
    return f"forms {FORMS.name}"


def _content(engine: Engine, period) -> ReportContent:
    with db_transaction(engine) as session:
        unit = find_unit(session, UNIT, on=period.end)
        return build_content(session, default_catalog(), unit, period, date.today())


def _timed(content: ReportContent, fmt: str, workdir: Path, runs: int) -> list[float]:
    times = []
    for run in range(runs):
        started = time.perf_counter()
        written = write_report(content, fmt, workdir / f"report-{run}.{fmt}")
        times.append(time.perf_counter() - started)
        _remove(written.report, written.checklist)
    return times


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _spread(times: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(times), 3),
        "min": round(min(times), 3),
        "max": round(max(times), 3),
    }


def _units(content: ReportContent) -> int:
    comparison = content.comparison
    return sum(len(g.rows) for g in comparison.groups) if comparison else 0


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    """Print the numbers and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/render.json")
    args = parser.parse_args(argv)
    result = run_render_benchmark(args.runs, pdf=not args.no_pdf)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    out(f"render {result['unit']} {result['period']} ({result['data']}), {result['runs']} runs:")
    for name, spread in result["seconds"].items():
        out(f"  {name:<8} median {spread['median']} s (min {spread['min']}, max {spread['max']})")
    target = result["target"]
    verdict = "met" if target["met"] else "MISSED"
    out(f"  DOCX report (content + file) {target['measured']} s <= {target['docx_seconds']} s: "
        f"{verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
