"""Reading the YAML data files cchc ships (catalog, cues, periods, sentences, vocabulary)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's C loader when PyYAML was built with it: ten times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """The parsed content of a UTF-8 YAML file (safe loading: plain data only)."""
    return parse_yaml(path.read_text(encoding="utf-8"))


def parse_yaml(text: str) -> Any:
    """Parse YAML text safely."""
    return yaml.load(text, Loader=_LOADER)
