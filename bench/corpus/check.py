"""Check the reading corpus: every source parses, every gold file has the documented shape,
every indicator id is in the catalog and every `text` is a substring of one source line.

Run: ``.venv/bin/python bench/corpus/check.py [ID ...]`` (all reports when no id is given).
Prints one line per problem; exits 1 when there is any.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import yaml

from cchc.catalog import default_catalog

HERE = Path(__file__).resolve().parent
META_KEYS = {
    "issuer", "parent_body", "unit_level", "unit_name", "document_number", "issued_on",
    "place", "document_type", "subject", "period", "recipients", "signer",
}  # fmt: skip
LEVELS = {"province", "department", "district", "commune", "ministry"}


def _front_matter(text: str) -> dict:
    if not text.startswith("---\n"):
        raise ValueError("the source does not start with a '---' front matter")
    head, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(head)


def _source_lines(text: str) -> list[str]:
    """The source's lines, with table rows and two-column lines also split into cells."""
    lines = []
    for line in text.splitlines():
        lines.append(line)
        lines.extend(part.strip() for part in line.split("||"))
    return lines


def check(report_id: str, indicators: set[str]) -> list[str]:
    """Problems of one report (empty when it is fine)."""
    problems: list[str] = []
    source = (HERE / "sources" / f"{report_id}.txt").read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", source) != source:
        problems.append("source is not NFC")
    front = _front_matter(source)
    if front.get("id") != report_id:
        problems.append(f"front matter id {front.get('id')!r} is not the file stem")
    if front.get("level") not in LEVELS:
        problems.append(f"level {front.get('level')!r} is not one of {sorted(LEVELS)}")
    gold_path = HERE / "gold" / f"{report_id}.json"
    if not gold_path.exists():
        return [*problems, "no gold file"]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    missing = META_KEYS - set(gold.get("metadata", {}))
    if missing:
        problems.append(f"metadata lacks {sorted(missing)}")
    lines = _source_lines(source)
    for kind in ("values", "doubtful"):
        for n, entry in enumerate(gold.get(kind, [])):
            where = f"{kind}[{n}]"
            ind = entry.get("indicator")
            if (ind is not None or kind == "values") and ind not in indicators:
                problems.append(f"{where}: indicator {ind!r} is not in the catalog")
            if not isinstance(entry.get("value"), (int, float)):
                problems.append(f"{where}: value {entry.get('value')!r} is not a number")
            text = entry.get("text", "")
            if not text or not any(text in line for line in lines):
                problems.append(f"{where}: text {text!r} is not a substring of a source line")
            if kind == "values" and entry.get("source") not in ("table", "narrative"):
                problems.append(f"{where}: source must be 'table' or 'narrative'")
    return problems


def main() -> int:
    """Check the reports named (or all) and print the problems."""
    indicators = set(default_catalog().indicators)
    ids = sys.argv[1:] or sorted(p.stem for p in (HERE / "sources").glob("*.txt"))
    bad = 0
    for report_id in ids:
        for problem in check(report_id, indicators):
            print(f"{report_id}: {problem}")
            bad += 1
    print(f"{len(ids)} reports checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
