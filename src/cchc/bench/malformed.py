"""Malformed-input probe: every file of :mod:`cchc.bench.malformed_inputs` through the import
paths a user has — documents as `cchc import` stores them, spreadsheets as `cchc data import`
— on a fresh SQLite database. Counted per input: stored, refused (a CchcError with a
Vietnamese message), crash (anything else), hang (past the per-document cap), traceback or
raw exception name in what the user sees, and partial writes (a refused input that changed
any table).

Run: ``python -m cchc.bench.malformed [--count 1000] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from cchc.bench.malformed_inputs import generate
from cchc.catalog import Catalog, default_catalog
from cchc.dataio.importer import plan_import, store_plan
from cchc.errors import CchcError
from cchc.ingest.importer import import_file
from cchc.ingest.limits import LIMITS
from cchc.storage import init_database, make_engine, transaction
from cchc.storage.models import DocumentRow, Report, ReportValue, ValueChange
from cchc.units import load_unit_records

ROOT = Path(__file__).resolve().parents[3]
_RAW_NAME = re.compile(r"\(\w*(Error|Exception|EOF)\)|Traceback")
_TABLES = (Report, ReportValue, ValueChange, DocumentRow)


@dataclass
class Outcome:
    """What became of one input."""

    name: str
    verdict: str  # stored | refused | crash | hang
    seconds: float
    message: str = ""
    partial_write: bool = False
    traceback_shown: bool = False


def probe(count: int, folder: Path) -> dict:
    """Generate ``count`` inputs into ``folder`` and run each; the counts and the failures."""
    engine = make_engine(f"sqlite:///{folder / 'probe.db'}")
    catalog = default_catalog()
    init_database(engine, catalog, load_unit_records())
    outcomes = [_run(engine, catalog, path, kind) for path, kind in generate(folder / "in", count)]
    engine.dispose()
    return _summary(outcomes)


def _counts(engine: Engine) -> tuple[int, ...]:
    with transaction(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) or 0 for t in _TABLES)


def _run(engine: Engine, catalog: Catalog, path: Path, kind: str) -> Outcome:
    before = _counts(engine)
    shown = io.StringIO()
    started = time.perf_counter()
    verdict, message = "stored", ""
    with contextlib.redirect_stderr(shown):
        try:
            _import(engine, catalog, path, kind)
        except CchcError as exc:
            verdict, message = "refused", exc.message_vi
        except Exception as exc:  # what the probe is looking for
            verdict, message = "crash", repr(exc)
    seconds = time.perf_counter() - started
    if seconds > LIMITS.seconds + 10:
        verdict = "hang"
    return Outcome(
        path.name, verdict, round(seconds, 3), message[:300],
        partial_write=verdict != "stored" and _counts(engine) != before,
        traceback_shown=_shows_internals(shown.getvalue(), message, verdict),
    )  # fmt: skip


def _shows_internals(stderr: str, message: str, verdict: str) -> bool:
    """A traceback or a raw exception name reached the user, or a refusal said nothing."""
    return bool(_RAW_NAME.search(stderr + message)) or (verdict == "refused" and not message)


def _import(engine: Engine, catalog: Catalog, path: Path, kind: str) -> None:
    if kind == "document":
        import_file(engine, catalog, path, actor="probe")
        return
    with transaction(engine) as session:
        plan = plan_import(session, catalog, path)
        store_plan(session, catalog, plan, actor="probe")


def _summary(outcomes: list[Outcome]) -> dict:
    verdicts = Counter(o.verdict for o in outcomes)
    bad = [o for o in outcomes if o.verdict in ("crash", "hang") or o.partial_write
           or o.traceback_shown]  # fmt: skip
    slowest = sorted(outcomes, key=lambda o: -o.seconds)[:5]
    return {
        "inputs": len(outcomes),
        "verdicts": dict(verdicts),
        "crashes": verdicts["crash"],
        "hangs": verdicts["hang"],
        "partial_writes": sum(o.partial_write for o in outcomes),
        "tracebacks_or_raw_names": sum(o.traceback_shown for o in outcomes),
        "slowest": [{"name": o.name, "seconds": o.seconds} for o in slowest],
        "seconds_total": round(sum(o.seconds for o in outcomes), 1),
        "targets": {"crashes": 0, "hangs": 0, "partial_writes": 0, "tracebacks_or_raw_names": 0},
        "failures": [o.__dict__ for o in bad[:50]],
    }


def main() -> None:
    """Run the probe, print the counts, write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/malformed.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-malformed-") as folder:
        result = probe(args.count, Path(folder))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"malformed inputs: {result['inputs']} ({result['verdicts']}); crashes "
        f"{result['crashes']}, hangs {result['hangs']}, partial writes "
        f"{result['partial_writes']}, tracebacks/raw names {result['tracebacks_or_raw_names']}; "
        f"slowest {result['slowest'][0]['seconds']} s ({result['slowest'][0]['name']})"
    )
    for failure in result["failures"][:10]:
        print(f"  {failure['verdict']}: {failure['name']}: {failure['message'][:150]}")


if __name__ == "__main__":
    main()
