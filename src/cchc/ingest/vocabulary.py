"""The vocabulary of official documents (data/vocabulary.yaml), loaded once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, str]]:
    """Sections of the vocabulary: folded wording → written form."""
    return yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
