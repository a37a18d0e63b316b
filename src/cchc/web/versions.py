"""The version a write is based on (phiên bản), as HTTP carries it: ``ETag`` on every reply
about a report, ``If-Match`` on every API write, a hidden ``version`` field in the pages.

A report that does not exist yet is version 0. ``If-Match: *`` writes whatever the version.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from starlette.responses import Response

from cchc.errors import CchcError, InputError

if TYPE_CHECKING:
    from cchc.web.reports import ReportPlace

_TAG = re.compile(r'^\s*(?:W/)?"?(\d{1,12})"?\s*$')


class PreconditionRequired(CchcError):
    """A write to a report without the version it was based on (428)."""

    http_status = 428


def etag(version: int) -> str:
    """The ETag of a report at ``version``."""
    return f'"{version}"'


def with_version(place: ReportPlace, response: Response) -> Response:
    """``response`` with the report's current version as its ETag (the editor's script keeps
    its hidden version fields in step with it)."""
    response.headers["ETag"] = etag(place.version)
    return response


def base_from_header(if_match: str | None, *, any_allowed: bool = True) -> int | None:
    """The version an API write names in ``If-Match`` (None for ``*``, where allowed: a
    workflow step always names the version, i.e. the state, it moves the report from)."""
    if if_match is not None and if_match.strip() == "*" and not any_allowed:
        raise PreconditionRequired(
            "Bước quy trình cần phiên bản cụ thể của báo cáo (If-Match bằng ETag vừa đọc), "
            "không dùng If-Match: *.",
            "a workflow step needs the ETag it is based on, not *",
        )
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "Cần gửi kèm phiên bản báo cáo đã đọc: đặt tiêu đề If-Match bằng giá trị ETag của "
            "lần đọc báo cáo gần nhất (GET), hoặc If-Match: * để ghi đè bất kể phiên bản.",
            "If-Match is required: send the ETag of the report as read, or * to overwrite",
        )
    if if_match.strip() == "*":
        return None
    return _parse(if_match, "If-Match")


def base_from_form(form: dict[str, str]) -> int:
    """The version a page form was rendered with (its hidden ``version`` field)."""
    raw = form.get("version")
    if raw is None or not raw.strip():
        raise PreconditionRequired(
            "Trang đang mở đã cũ (thiếu phiên bản báo cáo); hãy tải lại trang rồi lưu lại.",
            "form without the report version",
        )
    return _parse(raw, "version")


def _parse(raw: str, what: str) -> int:
    found = _TAG.match(raw)
    if found is None:
        raise InputError(f"Phiên bản báo cáo «{raw[:40]}» không hợp lệ.", f"bad {what}")
    return int(found.group(1))
