"""Catalog as data (danh mục chỉ tiêu và biểu mẫu): indicators, relations, templates."""

from functools import lru_cache

from cchc.catalog.loader import DATA_DIR, load_catalog
from cchc.catalog.model import (
    AtMostRelation,
    Form,
    Indicator,
    RatioRelation,
    Relation,
    SumRelation,
    Template,
    TemplateItem,
)
from cchc.catalog.registry import Catalog
from cchc.catalog.site import clear_cache, layered_catalog
from cchc.datafiles import load_yaml
from cchc.settings import load_settings


@lru_cache(maxsize=1)
def report_areas() -> dict[str, str]:
    """The parts of a CCHC report in order: key → Vietnamese heading (data/areas.yaml)."""
    return load_yaml(DATA_DIR / "areas.yaml")


def default_catalog() -> Catalog:
    """The catalog shipped with cchc with the site's files (CCHC_CATALOG_DIR) layered on,
    loaded once per process and again when a site file changes (or after
    :func:`reload_catalog`)."""
    return layered_catalog(load_settings().catalog_dir)


def reload_catalog() -> Catalog:
    """Read the catalog files again (e.g. after editing a site file by hand)."""
    clear_cache()
    return default_catalog()


__all__ = [
    "DATA_DIR",
    "AtMostRelation",
    "Catalog",
    "Form",
    "Indicator",
    "RatioRelation",
    "Relation",
    "SumRelation",
    "Template",
    "TemplateItem",
    "default_catalog",
    "load_catalog",
    "reload_catalog",
    "report_areas",
]
