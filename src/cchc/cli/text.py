"""`cchc text restore FILE`: Vietnamese diacritics restored, one output line per input line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc.errors import InputError

app = typer.Typer(help="Xử lý văn bản: khôi phục dấu tiếng Việt.", no_args_is_help=True)


def read_text_file(path: Path) -> str:
    """The file as UTF-8 text, or an InputError with a Vietnamese message."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"Không tìm thấy tệp: {path}", f"File not found: {path}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} là thư mục, không phải tệp.", f"{path} is a directory") from exc
    except OSError as exc:
        raise InputError(
            f"Không đọc được tệp {path}: {exc.strerror}.", f"Cannot read {path}: {exc}"
        ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Tệp {path} không phải văn bản UTF-8.", f"{path} is not UTF-8 text"
        ) from exc


@app.command("restore")
def restore(
    file: Annotated[Path, typer.Argument(help="Tệp văn bản (UTF-8), ví dụ kết quả OCR.")],
) -> None:
    """In văn bản đã khôi phục dấu tiếng Việt; giữ nguyên số, mã văn bản và từng dòng."""
    from cchc.ingest.restore import restore_text

    text = read_text_file(file)
    body = text[:-1] if text.endswith("\n") else text
    restored = restore_text(body.replace("\r\n", "\n").replace("\r", "\n"))
    sys.stdout.write(restored + ("\n" if body or text else ""))
