"""Calibrated confidence: the table's groups and bands, doubt from disagreeing readings and
failed checks, and the calibration script's pooling and lower bounds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from cchc.ingest.confidence import (
    DOUBTFUL,
    SURE,
    Grounds,
    _table,
    band,
    calibrated,
    from_right_share,
)
from cchc.ingest.document import Document
from cchc.ingest.extract import Evidence, ExtractedValue, Extraction, _calibrate
from cchc.ingest.metadata import Metadata
from cchc.validation import Finding

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "calibrate_confidence", ROOT / "scripts/calibrate_confidence.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bands_mean_what_the_anchors_say():
    assert from_right_share(0.98) == SURE
    assert from_right_share(0.8) == DOUBTFUL
    assert from_right_share(0.9) < SURE
    assert band(SURE) == "sure" and band(SURE - 0.01) == "review"
    assert band(DOUBTFUL - 0.01) == "doubtful"


def test_a_group_of_the_table_gives_its_bins_confidence():
    group, row = next(iter(_table()["groups"].items()))
    basis, damage, doubt = group.split("/")
    grounds = Grounds(basis, row["edges"][-1] + 0.01, damage == "damaged", doubt == "doubted")
    assert calibrated(grounds) == row["confidence"][-1]
    lowest = Grounds(basis, 0.0, damage == "damaged", doubt == "doubted")
    assert calibrated(lowest) == row["confidence"][0]


def test_confidence_never_falls_as_the_score_rises():
    for row in _table()["groups"].values():
        assert row["confidence"] == sorted(row["confidence"])


def test_an_uncalibrated_reading_is_never_sure():
    assert calibrated(Grounds("unknown-basis", 0.99)) < SURE
    assert calibrated(Grounds("unknown-basis", 0.4)) == 0.4


def _value(indicator: str, value: float, line: int, score: float) -> ExtractedValue:
    evidence = Evidence(line, f"{value:g} hồ sơ", "narrative")
    return ExtractedValue(indicator, value, 0, evidence, score, Grounds("narrative", score))


def _calibrated_values(values: list[ExtractedValue], findings=()) -> list[ExtractedValue]:
    extraction = Extraction(Document(Path("r.txt"), "txt", ""), Metadata(), [], None)
    extraction.values = list(values)
    extraction.findings = list(findings)
    _calibrate(extraction, damaged=False)
    return extraction.values


def test_a_disagreeing_reading_makes_both_doubted():
    key = "procedures.dossiers_received.district"
    alone = _calibrated_values([_value(key, 1250, 5, 0.9)])
    both = _calibrated_values([_value(key, 1250, 5, 0.9), _value(key, 1320, 9, 0.9)])
    assert not alone[0].grounds.doubted
    assert all(v.grounds.doubted for v in both)
    assert both[0].confidence < alone[0].confidence


def test_a_restatement_is_not_doubt_but_a_failed_check_is():
    key = "procedures.dossiers_received.district"
    again = _calibrated_values([_value(key, 1250, 5, 0.9), _value(key, 1250, 9, 0.9)])
    assert not any(v.grounds.doubted for v in again)
    failed = Finding("sum", "error", "…", "…", [key])
    checked = _calibrated_values([_value(key, 1250, 5, 0.9)], [failed])
    assert checked[0].grounds.doubted


def test_pooling_makes_the_share_rise_with_the_score():
    script = _script()
    pooled = script._pooled([[0, 0], [9, 10], [5, 10], [20, 20]])
    shares = [right / judged for right, judged in pooled]
    assert shares == sorted(shares)
    assert pooled[1] == pooled[2] == (14, 20)
    assert pooled[0] == pooled[1]  # an empty bin takes its neighbour's block


def test_few_values_claim_little():
    script = _script()
    assert script._lower_bound(5, 5) < script._lower_bound(200, 200) < 1.0
    assert script._lower_bound(0, 10) == 0.0
