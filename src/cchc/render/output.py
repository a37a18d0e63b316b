"""Writing a report in the format asked for, with the signer's checklist beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cchc.errors import InputError
from cchc.render.checklist import checklist_path, write_checklist
from cchc.render.docx import write_docx
from cchc.render.model import ReportContent
from cchc.render.pdf import write_pdf
from cchc.render.xlsx import write_xlsx
from cchc.units.periods import Period

OUTPUT_DIR = Path("out")
WRITERS: dict[str, Callable[[ReportContent, Path], Path]] = {
    "docx": write_docx,
    "xlsx": write_xlsx,
    "pdf": write_pdf,
}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class Written:
    """The files written for one report."""

    report: Path
    checklist: Path


def check_format(fmt: str) -> str:
    """ "DOCX" → "docx"; a clear error for a format cchc does not write."""
    chosen = fmt.strip().lower().lstrip(".")
    if chosen not in WRITERS:
        raise InputError(
            f"Định dạng «{fmt}» không được hỗ trợ; hãy chọn docx, xlsx hoặc pdf.",
            f"unsupported format {fmt!r}; use docx, xlsx or pdf",
        )
    return chosen


def default_output(unit_key: str, period: Period, fmt: str) -> Path:
    """ "out/p24-2023-Q3.docx"."""
    return OUTPUT_DIR / f"{unit_key}-{period.code}.{fmt}"


def write_report(content: ReportContent, fmt: str, path: Path | None = None) -> Written:
    """Write ``content`` as ``fmt`` to ``path`` (default: out/<unit>-<period>.<fmt>) and the
    signer's checklist next to it."""
    chosen = check_format(fmt)
    target = _target(path, default_output(content.unit_key, content.period, chosen), chosen)
    written = WRITERS[chosen](content, target)
    checklist = write_checklist(content, written, checklist_path(written))
    return Written(written, checklist)


def _target(path: Path | None, default: Path, fmt: str) -> Path:
    """The path asked for: a directory gets the default name, a name without extension gets
    the format's; an extension of another format is refused rather than mislabelled."""
    if path is None:
        return default
    if path.is_dir():
        return path / default.name
    if not path.suffix:
        return path.with_suffix(f".{fmt}")
    if path.suffix.lower() != f".{fmt}":
        raise InputError(
            f"Tệp kết quả «{path}» có đuôi {path.suffix} nhưng định dạng là {fmt}; hãy dùng "
            f"đuôi .{fmt}.",
            f"output {path} does not end in .{fmt}",
        )
    return path
