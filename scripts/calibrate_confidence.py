"""Write ``src/cchc/ingest/data/confidence.yaml``: what the reader's raw scores mean, measured
on the reading corpus's **tuning half** (clean text, DOCX and English-OCR'd text) and the
three samples. The held-out half is never read here: it measures how well this holds.

For each group of values — how they were read (basis), damaged text or not, doubted or not
(see ``cchc.ingest.confidence.Grounds``) — and each bin of raw score, the values are judged
against the gold files (``cchc.bench.extraction.judge_values``). The share right is made
non-decreasing in the score (pooled adjacent bins), taken at its lower bound (Wilson, one
standard error: few values claim little), never above a higher bin's, and put on the
confidence scale of the file's anchors (its `bands`, kept). A group with fewer than
``MIN_GROUP`` judged values is left out: its readings keep their raw score, never shown as
sure.

Run (after ``scripts/build_corpus.py --forms txt,docx,ocr``)::

    .venv/bin/python scripts/calibrate_confidence.py [--samples DIR]
"""

from __future__ import annotations

import argparse
import json
import math
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import yaml

from cchc.bench.extraction import (
    CORPUS,
    GOLD,
    SAMPLES,
    judge_values,
)
from cchc.catalog import default_catalog
from cchc.datafiles import load_yaml
from cchc.ingest.confidence import CONFIDENCE_FILE, from_right_share
from cchc.ingest.extract import extract
from cchc.ingest.formats import read_document
from cchc.units.index import default_unit_index

EDGES = [0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]  # bins of raw score: [edge, next edge)
MIN_GROUP = 15
FORMS = {"txt": ".txt", "docx": ".docx", "ocr": ".ocr.txt"}

HEADER = """\
# Confidence of read figures, calibrated — written by scripts/calibrate_confidence.py from
# the reading corpus's tuning half (txt, docx, OCR'd text) and the three samples; do not
# edit the groups by hand, rerun the script after changing the reader.
#
# bands: a value at or above `sure` is shown as sure (chắc chắn), below `doubtful` as
#   doubtful (đáng ngờ), between them as to be checked (cần xem lại). `anchors` put the
#   share of right values of a group on this scale: a group right in 98 % of cases gets
#   0.80 (sure), one right in 80 % of cases 0.50.
# groups: `basis/damaged/doubted` → bins of the reader's raw score (`edges`, each bin from
#   its edge to the next) with the confidence shown, and the judged and right counts it
#   rests on. basis: code+words (a table row whose printed code and words agree), code
#   (code only), words (words only), grid (a wide table), narrative (the text).
#   damaged: OCR'd or diacritics lost. doubted: another reading of the same indicator
#   gives another value, or the value fails a check of the forms.
"""


def observations(samples: Path) -> dict[str, list[tuple[float, bool]]]:
    """(raw score, right?) of every judged value, by calibration group."""
    catalog, units = default_catalog(), default_unit_index()
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    documents = [
        (CORPUS / "build" / rid / f"{rid}{suffix}", CORPUS / "gold" / f"{rid}.json")
        for rid in split["tuning"]
        for suffix in FORMS.values()
    ]
    for gold_path in sorted(GOLD.glob("*.json")):
        name = json.loads(gold_path.read_text(encoding="utf-8"))["sample"]
        documents.append((samples / name, gold_path))
    found: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for path, gold_path in documents:
        if not path.is_file():
            raise SystemExit(f"missing {path}: build the corpus first (scripts/build_corpus.py)")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        extraction = extract(read_document(path), catalog, units)
        for item, verdict in judge_values(extraction, gold):
            if verdict is not None and item.grounds is not None:
                found[item.grounds.group].append((item.grounds.score, verdict))
    return found


def _bins(scores: list[tuple[float, bool]]) -> list[list[int]]:
    """[right, judged] per bin of EDGES."""
    bins = [[0, 0] for _ in EDGES]
    for score, right in scores:
        index = max(0, bisect_right(EDGES, score) - 1)
        bins[index][0] += right
        bins[index][1] += 1
    return bins


def _pooled(bins: list[list[int]]) -> list[tuple[int, int]]:
    """Per bin, the (right, judged) of its block once adjacent bins whose share falls are
    pooled (pool adjacent violators); empty bins take their neighbour's block."""
    blocks: list[list[int]] = []  # [right, judged, first bin, last bin]
    for index, (right, judged) in enumerate(bins):
        if judged == 0:
            continue
        blocks.append([right, judged, index, index])
        while len(blocks) > 1 and blocks[-2][0] * blocks[-1][1] > blocks[-1][0] * blocks[-2][1]:
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2], last[3]]
    per_bin: list[tuple[int, int]] = []
    for index in range(len(bins)):
        block = next((b for b in blocks if b[2] <= index <= b[3]), None)
        if block is None:  # empty bin: the block below it, else the first one
            below = [b for b in blocks if b[3] < index]
            block = below[-1] if below else blocks[0]
        per_bin.append((block[0], block[1]))
    return per_bin


def _lower_bound(right: int, judged: int, z: float = 1.0) -> float:
    """Wilson score interval's lower end for ``right`` of ``judged``."""
    share = right / judged
    centre = share + z * z / (2 * judged)
    spread = z * math.sqrt(share * (1 - share) / judged + z * z / (4 * judged * judged))
    return (centre - spread) / (1 + z * z / judged)


def calibration(found: dict[str, list[tuple[float, bool]]]) -> dict[str, dict]:
    """The groups of the calibration table."""
    groups = {}
    for group in sorted(found):
        scores = found[group]
        if len(scores) < MIN_GROUP:
            continue
        bins = _bins(scores)
        bounds = [_lower_bound(r, n) for r, n in _pooled(bins)]
        # Pooled shares rise with the score, their lower bounds need not (a small bin claims
        # little): no bin claims more than any bin above it.
        bounds = [min(bounds[i:]) for i in range(len(bounds))]
        confidence = [from_right_share(bound) for bound in bounds]
        groups[group] = {
            "edges": EDGES,
            "confidence": confidence,
            "judged": [n for _, n in bins],
            "right": [r for r, _ in bins],
        }
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    args = parser.parse_args()
    groups = calibration(observations(args.samples))
    table = {"bands": load_yaml(CONFIDENCE_FILE)["bands"], "groups": groups}
    body = yaml.safe_dump(
        table, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
    )
    CONFIDENCE_FILE.write_text(HEADER + body, encoding="utf-8")
    for group, row in groups.items():
        print(f"{group:<34} n={sum(row['judged']):>4}  {row['confidence']}")


if __name__ == "__main__":
    main()
