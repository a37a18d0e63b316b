"""A dict that fills itself: values computed once, on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict):
    """A dict whose missing keys get the value `make(key)` (computed once, then kept)."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value
