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
from cchc.datafiles import load_yaml


@lru_cache(maxsize=1)
def report_areas() -> dict[str, str]:
    """The parts of a CCHC report in order: key → Vietnamese heading (data/areas.yaml)."""
    return load_yaml(DATA_DIR / "areas.yaml")


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The catalog shipped with cchc, loaded once per process."""
    return load_catalog()


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
    "report_areas",
]
