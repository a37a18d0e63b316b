"""Producing the report (lập báo cáo): the official DOCX (Nghị định 30/2020), the XLSX annexes
and the PDF, from what cchc holds for a unit and a period.

:func:`build_content` says what the report says (a plain model); :func:`write_report` writes it
in a format, with the signer's checklist (``…-kiem-tra.txt``) beside it.
"""

from cchc.render.content import build_content
from cchc.render.model import ReportContent
from cchc.render.output import FORMATS, Written, check_format, default_output, write_report

__all__ = [
    "FORMATS",
    "ReportContent",
    "Written",
    "build_content",
    "check_format",
    "default_output",
    "write_report",
]
