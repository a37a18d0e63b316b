"""The web app (ứng dụng web): Vietnamese pages for entry, review, approval, dashboards and
downloads, and the JSON API under /api/. Build it with :func:`create_app`."""

from cchc.web.app import create_app

__all__ = ["create_app"]
