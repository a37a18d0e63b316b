"""Consistency check of the hand-made gold files (not a scorer, not a generator).

Run from the project root: ``.venv/bin/python bench/gold/check_gold.py``. It checks that
- restore-ocr-lines.tsv has the header and four columns, that every ``ocr`` cell is the sample
  line byte for byte (tabs as one space), and lists the lines whose standalone numbers differ
  between ``ocr`` and ``gold`` (expected only where OCR turned a letter into a digit: "16" for
  "lệ", "13" for "là", "86" for "Số" …);
- every extraction/*.json loads, names a sample, uses catalog indicator ids, and that every
  ``line``/``text`` pair of ``values`` and ``doubtful`` is a substring of that sample line.
Exit status 1 on any error.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from cchc.catalog import default_catalog

HERE = Path(__file__).resolve().parent
SAMPLES = Path(os.environ.get("CCHC_SAMPLES", "/work/shared/samples"))
NUMBER = re.compile(r"(?<!\w)\d+(?:[.,/]\d+)*(?!\w)")


def sample_lines(name: str) -> list[str]:
    return (SAMPLES / name).read_text(encoding="utf-8").split("\n")


def check_tsv(errors: list[str]) -> None:
    rows = (HERE / "restore-ocr-lines.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    if rows[0] != "sample\tline\tocr\tgold":
        errors.append("tsv: bad header")
    counts: dict[str, int] = {}
    for row in rows[1:]:
        sample, line, ocr, gold = row.split("\t")
        counts[sample] = counts.get(sample, 0) + 1
        if sample_lines(sample)[int(line) - 1].replace("\t", " ") != ocr:
            errors.append(f"tsv: {sample}:{line} ocr cell differs from the sample")
        before, after = NUMBER.findall(ocr), NUMBER.findall(gold)
        if before != after:
            print(f"  numbers differ {sample}:{line}: {before} -> {after}")
    print("tsv lines per sample:", counts)


def check_json(errors: list[str]) -> None:
    indicators = default_catalog().indicators
    for path in sorted((HERE / "extraction").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        lines = sample_lines(doc["sample"])
        for key in ("values", "doubtful"):
            for v in doc[key]:
                if v["indicator"] is not None and v["indicator"] not in indicators:
                    errors.append(f"{path.name}: unknown indicator {v['indicator']}")
                if v["text"] not in lines[v["line"] - 1]:
                    errors.append(f"{path.name}: line {v['line']} lacks {v['text']!r}")
        by_source: dict[str, int] = {}
        for v in doc["values"]:
            by_source[v["source"]] = by_source.get(v["source"], 0) + 1
        print(
            f"{path.name}: {len(doc['values'])} values {by_source}, "
            f"{len(doc['doubtful'])} doubtful, {len(doc['sections'])} sections"
        )


def main() -> int:
    errors: list[str] = []
    check_tsv(errors)
    check_json(errors)
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
