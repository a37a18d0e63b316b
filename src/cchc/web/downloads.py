"""Downloads of a report as DOCX, XLSX or PDF, produced by ``cchc.render``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from cchc.catalog import Catalog
from cchc.errors import CchcError, InputError
from cchc.web.reports import ReportPlace

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class RenderUnavailable(CchcError):
    """The renderer of this format is not installed in this build."""

    http_status = 503


def render_download(
    session: Session, catalog: Catalog, place: ReportPlace, fmt: str
) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the report in ``fmt``."""
    if fmt not in MEDIA_TYPES:
        raise InputError(f"Không hỗ trợ định dạng «{fmt}»; chọn docx, xlsx hoặc pdf.", "bad format")
    renderer = _renderer(fmt)
    content = renderer(session, catalog, unit=place.unit, period=place.period,
                       template=place.template)  # fmt: skip
    name = f"bao-cao-cchc-{place.unit.key}-{place.period.code}.{fmt}"
    return content, MEDIA_TYPES[fmt], name


def _renderer(fmt: str):
    """``cchc.render.render_<fmt>(session, catalog, *, unit, period, template) -> bytes``."""
    try:
        from cchc import render
    except ImportError:
        render = None
    function = getattr(render, f"render_{fmt}", None) if render else None
    if function is None:
        raise RenderUnavailable(
            f"Chức năng tải báo cáo dạng {fmt.upper()} chưa sẵn sàng trong phiên bản này.",
            f"cchc.render.render_{fmt} is not available",
        )
    return function
