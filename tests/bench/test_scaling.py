"""The reading-time benchmark runs to the end (its numbers live in `make bench`); checked
here: every size is read in full and the over-long line is refused at the line limit."""

from __future__ import annotations

from cchc.bench import scaling


def test_scaling_benchmark_reads_every_size_and_refuses_the_long_line(tmp_path, monkeypatch):
    monkeypatch.setattr(scaling, "SIZES", (300, 1_000, 10_000))
    result = scaling.measure(tmp_path)
    assert [row["verdict"] for row in result["sizes"]] == ["read"] * 3
    assert (
        result["long_line"]["verdict"].startswith("refused")
        and "dòng 1" in (result["long_line"]["verdict"])
    )
    assert isinstance(result["target"]["met"], bool)
