"""`cchc text restore FILE`: Vietnamese diacritics restored, one output line per input line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc.errors import InputError
from cchc.ingest.formats import read_document
from cchc.ingest.legacy import decode_bytes
from cchc.ingest.restore import restore_text

app = typer.Typer(help="Xử lý văn bản: khôi phục dấu tiếng Việt.", no_args_is_help=True)


def read_text_file(path: Path) -> str:
    """A text file in UTF-8 or a legacy Vietnamese encoding (TCVN3, VNI) as it is, line for
    line; other formats through the document readers."""
    if path.suffix.lower() not in (".txt", "") or not path.is_file():
        return read_document(path).text
    try:
        return decode_bytes(path.read_bytes()).text
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp {path}: {exc.strerror}.", f"Cannot read {path}: {exc}"
        ) from exc


@app.command("restore")
def restore(
    file: Annotated[Path, typer.Argument(help="Tệp văn bản (kết quả OCR…), DOCX, PDF hay ảnh.")],
) -> None:
    """In văn bản đã khôi phục dấu tiếng Việt; giữ nguyên số, mã văn bản và từng dòng."""
    text = read_text_file(file)
    body = text[:-1] if text.endswith("\n") else text
    restored = restore_text(body.replace("\r\n", "\n").replace("\r", "\n"))
    sys.stdout.write(restored + ("\n" if body or text else ""))
