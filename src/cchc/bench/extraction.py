"""Extraction benchmark: recall, precision and wrong values against the hand-made gold files
(bench/gold/extraction/*.json), metadata accuracy, and seconds per report.

With ``--corpus``: the reading corpus (bench/corpus, built by scripts/build_corpus.py) in
each of its forms (clean text, DOCX, scanned PDF, English-OCR'd text), reported apart for
the tuning and the held-out half — the held-out numbers are the ones that count.

Run: ``python -m cchc.bench.extraction [--samples DIR] [--corpus] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from cchc.catalog import default_catalog
from cchc.errors import CchcError
from cchc.ingest.confidence import SURE, band
from cchc.ingest.extract import ExtractedValue, Extraction, extract
from cchc.ingest.formats import read_document
from cchc.text import fold
from cchc.units.index import default_unit_index

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "bench" / "gold" / "extraction"
CORPUS = ROOT / "bench" / "corpus"
CORPUS_FORMS = {"txt": ".txt", "docx": ".docx", "scan": ".scan.pdf", "ocr": ".ocr.txt"}
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


def run_corpus_benchmark(
    corpus: Path = CORPUS, forms: tuple[str, ...] = tuple(CORPUS_FORMS)
) -> dict:
    """Every corpus report in every built form; totals per half (tuning, held-out) × form."""
    catalog, units = default_catalog(), default_unit_index()
    split = json.loads((corpus / "split.json").read_text(encoding="utf-8"))
    result: dict = {"halves": {}}
    for half in ("tuning", "held_out"):
        per_form: dict = {}
        for form in forms:
            per_report, totals = {}, Counter()
            for report_id in split[half]:
                path = _built(corpus, report_id, form)
                if path is None:
                    continue
                gold = json.loads((corpus / "gold" / f"{report_id}.json").read_text("utf-8"))
                scores = _measure(path, gold, catalog, units)
                per_report[report_id] = scores
                totals.update({k: v for k, v in scores.items() if isinstance(v, int)})
            if per_report:
                per_form[form] = {"reports": per_report, **_summary(totals, per_report)}
        result["halves"][half] = per_form
    return result


def _built(corpus: Path, report_id: str, form: str) -> Path | None:
    """``build/<id>/<id><suffix>`` when the builder has made that form."""
    path = corpus / "build" / report_id / f"{report_id}{CORPUS_FORMS[form]}"
    return path if path.is_file() else None


def _measure(path: Path, gold: dict, catalog, units) -> dict:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    try:
        extraction = extract(read_document(path), catalog, units)
    except CchcError as exc:
        gold_count = len(gold["values"])
        return {"gold": gold_count, "extracted": 0, "matched": 0, "wrong": 0, "unexpected": 0,
                "counted": 0, "sure": 0, "sure_wrong": 0, "misses": [], "wrong_values": [],
                "failed": exc.message_vi,
                "metadata": {}, "seconds": round(time.perf_counter() - started, 3)}  # fmt: skip
    scores = _score_values(extraction, gold)
    scores["metadata"] = _score_metadata(extraction, gold["metadata"])
    scores["seconds"] = round(time.perf_counter() - started, 3)
    return scores


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
    sure = Counter(
        (v.indicator, round(v.value, 6)) for v in extraction.values if v.confidence >= SURE
    )
    sure_wrong = sum(
        n
        for (key, value), n in (sure - expected).items()
        if key in gold_indicators and (key, value) not in doubtful
    )
    return {
        "bands": _reliability(judge_values(extraction, gold)),
        "sure": sum(sure.values()),
        "sure_wrong": sure_wrong,
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


def judge_values(extraction: Extraction, gold: dict) -> list[tuple[ExtractedValue, bool | None]]:
    """Each value beside its verdict: right (the gold has it, each gold figure taken once,
    the most confident reading first), wrong (the gold gives its indicator another value),
    or neither (a doubtful gold figure, or an indicator the gold has no figure for)."""
    expected = Counter(_gold_value(v) for v in gold["values"])
    doubtful = {_gold_value(v) for v in gold.get("doubtful", [])}
    gold_indicators = {v["indicator"] for v in gold["values"]}
    judged: list[tuple[ExtractedValue, bool | None]] = []
    for item in sorted(extraction.values, key=lambda v: -v.confidence):
        key = (item.indicator, round(item.value, 6))
        if expected[key] > 0:
            expected[key] -= 1
            judged.append((item, True))
        else:
            unknown = key in doubtful or item.indicator not in gold_indicators
            judged.append((item, None if unknown else False))
    return judged


def _reliability(judged: list[tuple[ExtractedValue, bool | None]]) -> dict[str, dict]:
    """Per confidence band, how many values were judged and how many of them were right."""
    bands: dict[str, Counter] = {}
    for item, verdict in judged:
        if verdict is not None:
            counts = bands.setdefault(band(item.confidence), Counter())
            counts["judged"] += 1
            counts["right"] += verdict
    return {name: dict(counts) for name, counts in sorted(bands.items())}


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
        "sure_wrong_rate": round(totals["sure_wrong"] / max(1, totals["sure"]), 4),
        "sure": totals["sure"],
        "metadata_accuracy": round(sum(meta) / max(1, len(meta)), 4),
        "bands": _bands_total(per_sample.values()),
        "seconds_per_report": round(
            sum(s["seconds"] for s in per_sample.values()) / max(1, len(per_sample)), 3
        ),
    }


def _bands_total(scores: Iterable[dict]) -> dict[str, dict]:
    """Judged and right values per confidence band, summed, with the share right."""
    total: dict[str, Counter] = {}
    for one in scores:
        for name, counts in one.get("bands", {}).items():
            total.setdefault(name, Counter()).update(counts)
    return {
        name: {**counts, "right_share": round(counts["right"] / max(1, counts["judged"]), 4)}
        for name, counts in sorted(total.items())
    }


def main() -> None:
    """Print the numbers and write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--corpus", action="store_true", help="the reading corpus instead")
    parser.add_argument("--forms", default=",".join(CORPUS_FORMS))
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    if args.corpus:
        _corpus_main(args.output or ROOT / "bench/results/extraction-corpus.json", args.forms)
        return
    args.output = args.output or ROOT / "bench/results/extraction.json"
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
        f"{result['wrong_rate']:.1%} (at ≥ {SURE}: {result['sure_wrong_rate']:.1%} of "
        f"{result['sure']})  metadata {result['metadata_accuracy']:.1%}  "
        f"{result['seconds_per_report']} s/report"
    )


def _corpus_main(output: Path, forms: str) -> None:
    result = run_corpus_benchmark(forms=tuple(f for f in forms.split(",") if f))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for half, per_form in result["halves"].items():
        for form, numbers in per_form.items():
            failed = sum("failed" in r for r in numbers["reports"].values())
            print(
                f"{half:<9} {form:<5} {len(numbers['reports']):>2} reports: recall "
                f"{numbers['recall']:.1%}  precision {numbers['precision']:.1%}  wrong "
                f"{numbers['wrong_rate']:.1%} (at ≥ {SURE}: {numbers['sure_wrong_rate']:.1%} of "
                f"{numbers['sure']})  metadata {numbers['metadata_accuracy']:.1%}  "
                f"{numbers['seconds_per_report']} s/report, {failed} failed"
            )


if __name__ == "__main__":
    main()
