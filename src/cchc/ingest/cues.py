"""The reader's words as data (data/cues.yaml): nouns and what follows a number of each
catalog unit, cue rules, function words, abbreviations — loaded once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.datafiles import load_yaml

CUES_FILE = Path(__file__).parent / "data" / "cues.yaml"


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The whole cue file, read once."""
    return dict(load_yaml(CUES_FILE))


def words(section: str) -> frozenset[str]:
    """A list of words of the cue file (``stop_words``, ``identifiers``…) as a set."""
    return frozenset(cues().get(section, ()))
