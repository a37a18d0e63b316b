"""The malformed-input probe, at a small size: every damaged document and spreadsheet is
stored or refused with a Vietnamese message — no crash, no hang, no half-written record, no
traceback shown. (`make bench` runs it at 1,000 inputs.)"""

from __future__ import annotations

from cchc.bench.malformed import probe


def test_malformed_inputs_are_refused_cleanly(tmp_path):
    result = probe(70, tmp_path)
    assert result["inputs"] >= 60
    assert result["verdicts"].get("refused", 0) > result["inputs"] // 2
    failures = [(f["verdict"], f["name"], f["message"]) for f in result["failures"]]
    assert failures == []
    assert result["crashes"] == result["hangs"] == result["partial_writes"] == 0
    assert result["tracebacks_or_raw_names"] == 0
