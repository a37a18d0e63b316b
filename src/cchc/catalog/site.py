"""The site catalog: the site's own catalog files, layered on the shipped ones.

A site directory (setting ``CCHC_CATALOG_DIR``) has the shipped layout (``indicators/*.yaml``,
``templates/*.yaml``) and is loaded after the shipped directory, checked whole with it. Ids stay
unique across both: a province's variant of a template is a template of its own id (e.g.
``province-581-bac-giang``), which may place shipped indicators and add indicators of its own.

Every process caches its catalog; a change to the site directory is noticed by comparing a
cheap signature of the directory (names, sizes, modification times of its files).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from cchc.catalog.loader import DATA_DIR, load_catalog
from cchc.catalog.registry import Catalog
from cchc.errors import CatalogError

log = logging.getLogger("cchc.catalog")
KINDS = ("indicators", "templates")
Signature = tuple[tuple[str, str, int, int, int], ...]


def catalog_directories(site: Path | None) -> list[Path]:
    """The shipped directory, then the site directory when there is one."""
    return [DATA_DIR] + ([site] if site is not None and site.is_dir() else [])


def load_site_catalog(site: Path | None) -> Catalog:
    """The shipped catalog with the site's files, read now (CatalogError when inconsistent)."""
    return load_catalog(catalog_directories(site))


def site_signature(site: Path | None) -> Signature:
    """What changes when a site file is added, replaced or removed: for each file its kind,
    name, size, modification time and inode (a replaced file is a new inode)."""
    if site is None:
        return ()
    entries = []
    for kind in KINDS:
        for path in sorted((site / kind).glob("*.yaml")):
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed while listing
                continue
            entries.append((kind, path.name, stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(entries)


@lru_cache(maxsize=2)
def _cached(site: Path | None, signature: Signature) -> Catalog:
    return load_site_catalog(site)


def layered_catalog(site: Path | None) -> Catalog:
    """The shipped + site catalog, loaded once per process and again when the site changes."""
    return _cached(site, site_signature(site))


def clear_cache() -> None:
    """Forget every cached catalog: the next call loads from the files again."""
    _cached.cache_clear()


class LiveCatalog:
    """The catalog a long-running process (a web server worker) serves, following its site
    directory: at most once per ``interval`` seconds it compares the directory's signature and
    reloads when another process has changed it. A site directory that no longer loads is
    logged and the last good catalog kept. Without a site directory the catalog is fixed."""

    def __init__(
        self,
        site: Path | None,
        catalog: Catalog | None = None,
        *,
        interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.site = site
        self._interval, self._clock = interval, clock
        self._lock = threading.Lock()
        self._signature = site_signature(site)
        self._catalog = catalog if catalog is not None else load_site_catalog(site)
        self._checked = clock()

    @property
    def catalog(self) -> Catalog:
        """The current catalog (checks the site directory when the last check is old)."""
        if self.site is not None and self._clock() - self._checked >= self._interval:
            with self._lock:
                if self._clock() - self._checked >= self._interval:
                    self._refresh()
        return self._catalog

    def replace(self, catalog: Catalog) -> None:
        """Serve ``catalog`` at once: this process has just changed the site directory."""
        with self._lock:
            self._catalog, self._signature = catalog, site_signature(self.site)
            self._checked = self._clock()

    def _refresh(self) -> None:
        self._checked = self._clock()
        signature = site_signature(self.site)
        if signature == self._signature:
            return
        self._signature = signature
        try:
            self._catalog = load_site_catalog(self.site)
        except CatalogError as exc:
            log.error("site catalog %s not reloaded, keeping the last good one: %s",
                      self.site, exc.message_en)  # fmt: skip
