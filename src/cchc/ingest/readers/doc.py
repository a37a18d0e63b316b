"""Old Word documents (.doc, and RTF or DOCX saved under that name): LibreOffice converts them
to DOCX in a temporary directory, then the DOCX reader reads the result."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from cchc.errors import InputError
from cchc.ingest.document import Document
from cchc.ingest.readers.base import Reader, ReadOptions
from cchc.ingest.readers.docx import read_docx_file

_SOFFICE_NAMES = ("soffice", "libreoffice")
# import filter by first bytes: with it a damaged file fails instead of being opened as text
_FILTERS = (
    (b"\xd0\xcf\x11\xe0", "MS Word 97"),
    (b"{\\rtf", "Rich Text Format"),
    (b"PK\x03\x04", "MS Word 2007 XML"),
)


class DocReader(Reader):
    """A ``.doc`` file, through ``soffice --headless --convert-to docx``."""

    format = "doc"

    def read(self, path: Path, options: ReadOptions) -> Document:
        with tempfile.TemporaryDirectory(prefix="cchc-doc-") as tmp:
            converted = convert_with_libreoffice(
                path, "docx", Path(tmp), timeout=options.soffice_timeout, infilter=_filter(path)
            )
            return read_docx_file(converted, self.format)


def _filter(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(8)
    return next((name for magic, name in _FILTERS if head.startswith(magic)), None)


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice``, if installed."""
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_with_libreoffice(
    source: Path, target: str, workdir: Path, *, timeout: float, infilter: str | None = None
) -> Path:
    """Convert ``source`` to format ``target`` ("docx", "pdf") inside ``workdir``.

    LibreOffice runs with its own profile in ``workdir`` so that conversions running at the same
    time (or a desktop LibreOffice) do not block each other; it is killed after ``timeout``.
    """
    soffice = find_soffice()
    if soffice is None:
        raise InputError(
            f"Không đọc được tệp {source.name}: cần cài LibreOffice (soffice) để đọc tệp .doc.",
            f"Cannot read {source.name}: LibreOffice (soffice) is needed for .doc files.",
        )
    # a plain ASCII name: LibreOffice names its output after the input
    staged = workdir / f"input{source.suffix.lower()}"
    shutil.copyfile(source, staged)
    outdir = workdir / "out"
    command = [
        soffice,
        f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(staged),
    ]
    _run(command, source, timeout, home=workdir)
    produced = outdir / f"{staged.stem}.{target}"
    if not produced.is_file() or produced.stat().st_size == 0:
        raise InputError(
            f"LibreOffice không chuyển được tệp {source.name} (tệp hỏng, có mật khẩu "
            "hoặc không phải tài liệu Word).",
            f"LibreOffice could not convert {source.name} (corrupt, password-protected "
            "or not a Word document).",
        )
    return produced


def _run(command: list[str], source: Path, timeout: float, *, home: Path) -> None:
    env = dict(os.environ, HOME=str(home))
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    ) as process:
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(
                f"LibreOffice không chuyển xong tệp {source.name} sau {timeout:g} giây.",
                f"LibreOffice did not finish converting {source.name} within {timeout:g} s.",
            ) from exc
