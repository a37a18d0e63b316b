"""The corpus mode of the extraction benchmark on a one-report corpus built for the test:
each built form is scored against the gold, reported per half and per form."""

from __future__ import annotations

import json

from tests.bench.test_build_corpus import _build

from cchc.bench.extraction import run_corpus_benchmark

GOLD = {
    "source": "tiny.txt",
    "metadata": {"unit_level": "commune", "document_number": "15/BC-UBND",
                 "period": {"code": "2024-Q1"}, "signer": {"name": "Nguyễn Văn Bình"}},
    "values": [
        {"indicator": "direction.directive_documents", "value": 4, "source": "narrative"},
        {"indicator": "direction.directive_documents", "value": 4, "source": "table"},
        {"indicator": "procedures.dossiers_received.commune", "value": 1234,
         "source": "narrative"},
    ],
    "doubtful": [],
}  # fmt: skip


def test_each_built_form_is_scored_per_half(tmp_path):
    assert _build(tmp_path / "build", "txt,docx") == 0
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "tiny.json").write_text(json.dumps(GOLD), encoding="utf-8")
    split = {"tuning": ["tiny"], "held_out": []}
    (tmp_path / "split.json").write_text(json.dumps(split), encoding="utf-8")
    result = run_corpus_benchmark(tmp_path, ("txt", "docx", "scan"))
    tuning = result["halves"]["tuning"]
    assert set(tuning) == {"txt", "docx"}  # no scan was built: not scored as a failure
    assert result["halves"]["held_out"] == {}
    for numbers in tuning.values():
        report = numbers["reports"]["tiny"]
        assert report["gold"] == 3 and "failed" not in report
        assert 0 < numbers["recall"] <= 1 and report["metadata"]["document_number"]
