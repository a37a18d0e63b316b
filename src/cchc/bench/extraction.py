"""Extraction benchmark: recall, precision and wrong values against the hand-made gold files
(bench/gold/extraction/*.json), metadata accuracy, and seconds per report.

Run: ``python -m cchc.bench.extraction [--samples DIR] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from cchc.catalog import default_catalog
from cchc.ingest.extract import Extraction, extract
from cchc.ingest.formats import read_document
from cchc.text import fold
from cchc.units.index import default_unit_index

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "bench" / "gold" / "extraction"
SAMPLES = ROOT.parent / "shared" / "samples"
META_FIELDS = (
    "issuer",
    "unit_level",
    "document_number",
    "issued_on",
    "place",
    "period",
    "signer_name",
    "subject",
)


def run_extraction_benchmark(samples: Path = SAMPLES, gold_dir: Path = GOLD) -> dict:
    """Measure every sample that has a gold file; returns the numbers (also per sample)."""
    catalog, units = default_catalog(), default_unit_index()
    per_sample, totals = {}, Counter()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        extraction = extract(read_document(samples / gold["sample"]), catalog, units)
        seconds = time.perf_counter() - started
        scores = _score_values(extraction, gold)
        scores["metadata"] = _score_metadata(extraction, gold["metadata"])
        scores["seconds"] = round(seconds, 3)
        per_sample[gold["sample"]] = scores
        totals.update({k: v for k, v in scores.items() if isinstance(v, int)})
    return {"samples": per_sample, **_summary(totals, per_sample)}


_SCALES = {"tỷ đồng": 1000.0}  # gold keeps money as printed; the catalog keeps triệu đồng


def _gold_value(entry: dict) -> tuple[str, float]:
    return entry["indicator"], round(float(entry["value"]) * _SCALES.get(entry.get("unit"), 1), 6)


def _score_values(extraction: Extraction, gold: dict) -> dict:
    expected = Counter(_gold_value(v) for v in gold["values"])
    doubtful = {_gold_value(v) for v in gold.get("doubtful", [])}
    gold_indicators = {v["indicator"] for v in gold["values"]}
    found = Counter((v.indicator, round(v.value, 6)) for v in extraction.values)
    matched = sum((expected & found).values())
    extra = found - expected
    wrong = sum(
        n
        for (key, value), n in extra.items()
        if key in gold_indicators and (key, value) not in doubtful
    )
    neutral = sum(n for item, n in extra.items() if item in doubtful)
    counted = sum(found.values()) - neutral
    misses = sorted(f"{k}={v:g}" for (k, v) in (expected - found).elements())
    return {
        "gold": sum(expected.values()),
        "extracted": sum(found.values()),
        "matched": matched,
        "wrong": wrong,
        "unexpected": sum(extra.values()) - wrong - neutral,
        "counted": counted,
        "misses": misses,
        "wrong_values": sorted(
            f"{k}={v:g}" for (k, v) in extra if k in gold_indicators and (k, v) not in doubtful
        ),
    }


def _score_metadata(extraction: Extraction, gold: dict) -> dict[str, bool]:
    meta = extraction.metadata
    ours = {
        "issuer": meta.issuer,
        "unit_level": meta.unit_level,
        "document_number": meta.document_number,
        "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
        "place": meta.place,
        "period": meta.period.code if meta.period else None,
        "signer_name": meta.signer_name,
        "subject": meta.subject,
    }
    theirs = dict(
        gold,
        period=(gold.get("period") or {}).get("code"),
        signer_name=(gold.get("signer") or {}).get("name"),
    )
    return {name: _same(ours[name], theirs.get(name)) for name in META_FIELDS}


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return fold(str(a)).replace(" ", "") == fold(str(b)).replace(" ", "")


def _summary(totals: Counter, per_sample: dict) -> dict:
    meta = [ok for sample in per_sample.values() for ok in sample["metadata"].values()]
    return {
        "recall": round(totals["matched"] / max(1, totals["gold"]), 4),
        "precision": round(totals["matched"] / max(1, totals["counted"]), 4),
        "wrong_rate": round(totals["wrong"] / max(1, totals["counted"]), 4),
        "wrong": totals["wrong"],
        "metadata_accuracy": round(sum(meta) / max(1, len(meta)), 4),
        "seconds_per_report": round(
            sum(s["seconds"] for s in per_sample.values()) / max(1, len(per_sample)), 3
        ),
    }


def main() -> None:
    """Print the numbers and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/extraction.json")
    args = parser.parse_args()
    result = run_extraction_benchmark(args.samples)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, sample in result["samples"].items():
        print(
            f"{name}: gold {sample['gold']}, matched {sample['matched']}, wrong "
            f"{sample['wrong']}, unexpected {sample['unexpected']}, {sample['seconds']} s, "
            f"metadata {sum(sample['metadata'].values())}/{len(sample['metadata'])}"
        )
    print(
        f"recall {result['recall']:.1%}  precision {result['precision']:.1%}  wrong "
        f"{result['wrong_rate']:.1%}  metadata {result['metadata_accuracy']:.1%}  "
        f"{result['seconds_per_report']} s/report"
    )


if __name__ == "__main__":
    main()
