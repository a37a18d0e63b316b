"""Reading time against document size: a report of N lines (1,000 – 20,000) read and
extracted in full, and one very long line (refused at the line limit). Reading must grow
linearly with the text: the target is a 10,000-line report in a few seconds.

The text repeats the body of a corpus report (headers, narrative figures, annex rows), so
every step of extraction has work on every line.

Run: ``python -m cchc.bench.scaling [--output FILE]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from cchc.catalog import default_catalog
from cchc.errors import CchcError
from cchc.ingest.importer import read_report

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT / "bench" / "corpus" / "sources"
SIZES = (1_000, 2_500, 5_000, 10_000, 20_000)
TARGET_10K_SECONDS = 10.0


def _text(lines: int) -> str:
    """A report of ``lines`` lines: one corpus report's header, then its body repeated."""
    first = sorted(SOURCE.glob("*.txt"))[0].read_text(encoding="utf-8").splitlines()
    head, body = first[:12], first[12:]
    out = list(head)
    while len(out) < lines:
        out.extend(body)
    return "\n".join(out[:lines]) + "\n"


def _seconds(path: Path) -> tuple[float, str]:
    catalog = default_catalog()
    started = time.perf_counter()
    try:
        read_report(path, catalog)
        verdict = "read"
    except CchcError as exc:
        verdict = f"refused: {exc.message_vi[:120]}"
    return round(time.perf_counter() - started, 2), verdict


def measure(folder: Path) -> dict:
    """Seconds per size, the per-line cost at each size, and the long-line refusal."""
    rows = []
    for lines in SIZES:
        path = folder / f"report-{lines}.txt"
        path.write_text(_text(lines), encoding="utf-8")
        seconds, verdict = _seconds(path)
        rows.append({"lines": lines, "seconds": seconds, "ms_per_line": round(
            1000 * seconds / lines, 2), "verdict": verdict})  # fmt: skip
    long_line = folder / "long-line.txt"
    long_line.write_text("Báo cáo " + "12 hồ sơ, " * 80_000 + "\n", encoding="utf-8")
    long_seconds, long_verdict = _seconds(long_line)
    ten_k = next(r["seconds"] for r in rows if r["lines"] == 10_000)
    growth = rows[-1]["ms_per_line"] / max(rows[0]["ms_per_line"], 0.01)
    return {
        "sizes": rows,
        "long_line": {
            "bytes": long_line.stat().st_size,
            "seconds": long_seconds,
            "verdict": long_verdict,
        },
        "per_line_growth_1k_to_20k": round(growth, 2),
        "target": {
            "lines": 10_000,
            "seconds": TARGET_10K_SECONDS,
            "measured": ten_k,
            "met": ten_k <= TARGET_10K_SECONDS,
        },
    }


def main() -> None:
    """Measure, print, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/scaling.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-scaling-") as folder:
        result = measure(Path(folder))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for row in result["sizes"]:
        print(f"reading {row['lines']:>6} lines: {row['seconds']:>7.2f} s "
              f"({row['ms_per_line']} ms/line) {row['verdict'][:40]}")  # fmt: skip
    line = result["long_line"]
    print(f"one {line['bytes']:,}-byte line: {line['seconds']} s, {line['verdict'][:80]}")
    target = result["target"]
    print(f"target 10,000 lines <= {target['seconds']} s: {target['measured']} s "
          f"({'met' if target['met'] else 'MISSED'}); per-line growth 1k→20k "
          f"×{result['per_line_growth_1k_to_20k']}")  # fmt: skip


if __name__ == "__main__":
    main()
