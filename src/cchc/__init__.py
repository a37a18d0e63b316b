"""cchc — Vietnamese administrative-reform (cải cách hành chính) reporting."""

__version__ = "0.1.0"
