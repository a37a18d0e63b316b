"""What every reader produces: the document's text, one line per printed line.

Table rows are tab-separated lines inside the text (as a DOCX converted to text prints them),
so that every later step works on one kind of input whatever the format. Evidence points at
line numbers of :attr:`Document.text` (1-based).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ReadProblem:
    """Something a reader could not do fully (a page not OCR'd, a footnote lost…)."""

    component: str
    message: str
    page: int | None = None


@dataclass
class Document:
    """A report as read from a file, before any extraction."""

    path: Path
    format: str
    text: str
    pages: int | None = None
    ocr: bool = False
    footnotes: list[str] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """The text's lines; line n of the report is ``lines[n - 1]``."""
        return self.text.split("\n")
