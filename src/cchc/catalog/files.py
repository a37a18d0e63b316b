"""Adding, replacing and removing the site's catalog files, never leaving a broken catalog.

A change is planned first: the new file is read (UTF-8 YAML, at most 1 MB, its kind inferred
from its keys) and the whole catalog — shipped files, site files, the change — is loaded from a
temporary copy. Only a change that loads is written, atomically (temporary file, then
``os.replace``), and it can be undone while the caller's transaction is still open.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from cchc.catalog.loader import DATA_DIR, load_catalog
from cchc.catalog.registry import Catalog
from cchc.catalog.site import KINDS
from cchc.datafiles import parse_yaml
from cchc.errors import CatalogError, NotFoundError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one server process, no lock needed
    fcntl = None  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
FILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.yaml")
KIND_LABELS = {"indicators": "Chỉ tiêu", "templates": "Bộ biểu mẫu"}


class CatalogFileError(CatalogError):
    """A catalog file that cannot be taken: bad name, not UTF-8 YAML, or a broken catalog."""

    http_status = 422


class CatalogFileTooLarge(CatalogFileError):
    """A catalog file over :data:`MAX_BYTES`."""

    http_status = 413


@dataclass(frozen=True)
class CatalogFile:
    """One catalog file as the admin page lists it."""

    kind: str
    name: str
    size: int
    modified: datetime
    templates: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    shipped: bool = False

    @property
    def kind_label(self) -> str:
        """ "Bộ biểu mẫu" or "Chỉ tiêu"."""
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Upload:
    """A file read from an upload: its name, kind, bytes and the ids it defines."""

    name: str
    kind: str
    content: bytes
    templates: tuple[str, ...]
    indicators: tuple[str, ...]


@dataclass
class Change:
    """A planned change of the site directory and the catalog it leaves."""

    site: Path
    name: str
    upload: Upload | None  # None: the file is removed
    catalog: Catalog
    replaced: list[tuple[Path, bytes]] = field(default_factory=list)
    removed_templates: tuple[str, ...] = ()
    removed_indicators: tuple[str, ...] = ()

    @property
    def target(self) -> Path | None:
        """Where the new file goes (None for a removal)."""
        return self.site / self.upload.kind / self.name if self.upload else None


# --- names, kinds, listing ---


def check_name(name: str) -> str:
    """The name itself when it is a plain catalog file name, else a CatalogFileError."""
    if not FILE_NAME.fullmatch(name or ""):
        raise CatalogFileError(
            f"Tên tệp «{name}» không hợp lệ: tên tệp chỉ gồm chữ thường không dấu, chữ số, "
            "dấu chấm, gạch ngang, gạch dưới, bắt đầu bằng chữ hoặc số và kết thúc bằng .yaml "
            "(ví dụ province-581-bac-giang.yaml).",
            f"invalid catalog file name {name!r}",
        )
    return name


def kind_of(data: Any, name: str) -> str:
    """ "templates" for a template (a ``forms`` key), "indicators" for an indicator file."""
    is_template = isinstance(data, dict) and "forms" in data
    is_indicators = isinstance(data, dict) and bool({"indicators", "relations"} & set(data))
    if is_template != is_indicators:
        return "templates" if is_template else "indicators"
    raise CatalogFileError(
        f"Tệp {name}: không nhận ra loại tệp. Tệp bộ biểu mẫu có khóa «forms» (cùng id, version, "
        "name, unit_levels); tệp chỉ tiêu có khóa «indicators» và/hoặc «relations».",
        f"{name}: neither a template (forms) nor an indicator file (indicators, relations)",
    )


def defined_ids(data: Any, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(template ids, indicator ids) a parsed file defines."""
    if not isinstance(data, dict):
        return (), ()
    if kind == "templates":
        return ((str(data["id"]),) if data.get("id") else ()), ()
    entries = data.get("indicators") if isinstance(data.get("indicators"), list) else []
    return (), tuple(str(e["id"]) for e in entries if isinstance(e, dict) and e.get("id"))


def describe(path: Path, kind: str, shipped: bool = False) -> CatalogFile:
    """A file's kind, name, size, time and the ids it defines."""
    stat = path.stat()
    try:
        templates, indicators = defined_ids(parse_yaml(path.read_text(encoding="utf-8")), kind)
    except (yaml.YAMLError, UnicodeDecodeError):
        templates, indicators = (), ()
    modified = datetime.fromtimestamp(stat.st_mtime)
    return CatalogFile(kind, path.name, stat.st_size, modified, templates, indicators, shipped)


def list_files(directory: Path | None, shipped: bool = False) -> list[CatalogFile]:
    """The catalog files of a directory, templates first, by name."""
    if directory is None:
        return []
    return [
        describe(path, kind, shipped)
        for kind in reversed(KINDS)
        for path in sorted((directory / kind).glob("*.yaml"))
    ]


@lru_cache(maxsize=1)
def shipped_files() -> tuple[CatalogFile, ...]:
    """The files cchc ships (they never change while it runs)."""
    return tuple(list_files(DATA_DIR, shipped=True))


def find_file(directory: Path | None, name: str, what: str = "thư mục danh mục riêng") -> Path:
    """The path of catalog file ``name`` in ``directory`` (NotFoundError otherwise)."""
    check_name(name)
    for kind in KINDS:
        path = directory / kind / name if directory is not None else None
        if path is not None and path.is_file():
            return path
    raise NotFoundError(f"Không có tệp «{name}» trong {what}.", f"no catalog file {name!r}")


# --- planning a change ---


def read_upload(name: str, content: bytes) -> Upload:
    """An uploaded file checked on its own: name, size, UTF-8, YAML mapping, kind."""
    check_name(name)
    if len(content) > MAX_BYTES:
        raise CatalogFileTooLarge(
            f"Tệp {name} quá lớn ({len(content) / 1_048_576:.1f} MB); tối đa 1 MB.",
            f"{name}: {len(content)} bytes, more than {MAX_BYTES}",
        )
    try:
        data = parse_yaml(content.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogFileError(
            f"Tệp {name} không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8.",
            f"{name}: not UTF-8",
        ) from exc
    except yaml.YAMLError as exc:
        raise CatalogFileError(f"Tệp {name} không phải YAML hợp lệ ({_where(exc)}).",
                               f"{name}: invalid YAML: {exc}") from exc  # fmt: skip
    kind = kind_of(data, name)
    templates, indicators = defined_ids(data, kind)
    return Upload(name, kind, content, templates, indicators)


def _where(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return problem
    return f"dòng {mark.line + 1}, cột {mark.column + 1}: {problem}"


def plan_upload(site: Path, name: str, content: bytes) -> Change:
    """Adding (or replacing) site file ``name``: checked whole, nothing written yet."""
    upload = read_upload(name, content)
    replaced = _existing(site, name)
    catalog = _trial(site, name, upload, "{error} Tệp chưa được lưu.")
    old_templates, old_indicators = _ids_of(replaced)
    return Change(
        site, name, upload, catalog, replaced,
        removed_templates=tuple(sorted(set(old_templates) - set(upload.templates))),
        removed_indicators=tuple(sorted(set(old_indicators) - set(upload.indicators))),
    )  # fmt: skip


def plan_removal(site: Path, name: str) -> Change:
    """Removing site file ``name``: refused when the rest of the catalog needs it."""
    find_file(site, name)
    replaced = _existing(site, name)
    outcome = f"Không xóa được tệp {name} vì phần còn lại của danh mục cần nó — {{error}}"
    catalog = _trial(site, name, None, outcome)
    templates, indicators = _ids_of(replaced)
    return Change(site, name, None, catalog, replaced, templates, indicators)


def _existing(site: Path, name: str) -> list[tuple[Path, bytes]]:
    paths = [site / kind / name for kind in KINDS]
    return [(path, path.read_bytes()) for path in paths if path.is_file()]


def _ids_of(files: list[tuple[Path, bytes]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    templates: list[str] = []
    indicators: list[str] = []
    for path, content in files:
        try:
            data = parse_yaml(content.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        found = defined_ids(data, path.parent.name)
        templates += found[0]
        indicators += found[1]
    return tuple(templates), tuple(indicators)


def _trial(site: Path, name: str, upload: Upload | None, outcome: str) -> Catalog:
    """The catalog the change would leave, loaded from a temporary copy of the site files;
    ``outcome`` words the error (``{error}``: the loader's message, naming the site's path)."""
    with tempfile.TemporaryDirectory(prefix="cchc-catalog-") as folder:
        root = Path(folder)
        for kind in KINDS:
            (root / kind).mkdir()
            for path in (site / kind).glob("*.yaml"):
                if path.name != name:
                    shutil.copyfile(path, root / kind / path.name)
        if upload is not None:
            (root / upload.kind / name).write_bytes(upload.content)
        try:
            return load_catalog([DATA_DIR, root])
        except CatalogError as exc:
            message_vi, message_en = (
                m.replace(str(root), str(site)) for m in (exc.message_vi, exc.message_en)
            )
            raise CatalogFileError(outcome.format(error=message_vi), message_en) from exc


# --- writing ---


@contextmanager
def site_lock(site: Path) -> Iterator[None]:
    """Hold the site directory's lock: one change at a time across server processes."""
    site.mkdir(parents=True, exist_ok=True)
    with open(site / ".lock", "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def apply(change: Change) -> None:
    """Write the planned change: the new file atomically, the replaced ones removed."""
    target = change.target
    if target is not None:
        write_atomic(target, change.upload.content)
    for path, _ in change.replaced:
        if path != target:
            path.unlink(missing_ok=True)


def undo(change: Change) -> None:
    """Put the site directory back as it was before :func:`apply`."""
    target = change.target
    if target is not None and target not in {path for path, _ in change.replaced}:
        target.unlink(missing_ok=True)
    for path, content in change.replaced:
        write_atomic(path, content)


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, then rename it over ``path``:
    a reader sees the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
