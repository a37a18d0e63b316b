"""Plain-text files, in Unicode or the legacy TCVN3 / VNI encodings."""

from __future__ import annotations

from pathlib import Path

from cchc.ingest.document import Document, ReadProblem
from cchc.ingest.legacy import decode_bytes
from cchc.ingest.readers.base import Reader, ReadOptions, make_document, no_text
from cchc.ingest.repair import repair_text

_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows", "cp1258": "Windows-1258"}


class TextReader(Reader):
    """A ``.txt`` file: decoded, repaired line by line, every line kept where it was."""

    format = "txt"

    def read(self, path: Path, options: ReadOptions) -> Document:
        decoded = decode_bytes(path.read_bytes())
        text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        repaired = repair_text(text)
        if not repaired.text.strip():
            raise no_text(path, "tệp chỉ có khoảng trắng", "the file holds only white space")
        problems = []
        if decoded.encoding in _LEGACY_NAMES:
            name = _LEGACY_NAMES[decoded.encoding]
            problems.append(
                ReadProblem(
                    "encoding",
                    f"Bảng mã {name} được nhận dạng tự động và đã chuyển sang Unicode.",
                )
            )
        return make_document(path, self.format, repaired, problems=problems)
