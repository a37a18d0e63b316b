"""The signer's checklist (danh sách kiểm tra trước khi ký): validation findings still open and
what the draft leaves to do. Written to its own ``…-kiem-tra.txt`` next to the report, never
into the document that is sent."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cchc.aggregation import COUNTED_STATUSES
from cchc.render.facts import Facts
from cchc.render.model import Checklist, ReportContent, Section
from cchc.storage.reports import STATUS_LABELS
from cchc.validation import SEVERITY_LABELS

CHECKLIST_SUFFIX = "-kiem-tra.txt"


def build_checklist(facts: Facts, sections: list[Section]) -> Checklist:
    """Open findings and notes on where the figures and the narrative come from."""
    notes = [_source_note(facts)]
    if facts.narrative_source:
        notes.append(
            f"Phần thuyết minh chưa soạn trong cchc được lấy từ tài liệu đã nhập "
            f"«{facts.narrative_source}»: hãy đọc lại trước khi ký."
        )
    unwritten = [f"{s.number}. {s.title}" for s in sections if _lacks_narrative(s)]
    if unwritten:
        notes.append("Các mục chưa có phần thuyết minh của đơn vị: " + "; ".join(unwritten) + ".")
    rollup = facts.current.rollup
    if rollup is not None and rollup.missing:
        names = ", ".join(c.name for c in rollup.missing)
        notes.append(f"Đơn vị trực thuộc chưa gửi báo cáo ({len(rollup.missing)}): {names}.")
    if rollup is not None and rollup.late:
        notes.append("Đơn vị gửi báo cáo muộn: " + ", ".join(c.name for c in rollup.late) + ".")
    notes.append(
        "Trước khi ký: ghi số và ngày văn bản, họ tên người ký; xem lại danh sách Kính gửi và "
        "Nơi nhận."
    )
    return Checklist(tuple(facts.findings), tuple(notes))


def _source_note(facts: Facts) -> str:
    report = facts.current.report
    if report is None:
        return (
            "Đơn vị chưa có báo cáo riêng của kỳ này: số liệu là tổng hợp từ các báo cáo đã nộp "
            "hoặc đã duyệt của đơn vị trực thuộc."
        )
    status = STATUS_LABELS[report.status]
    if report.status.value in COUNTED_STATUSES:
        return f"Số liệu lấy từ báo cáo của đơn vị (trạng thái «{status}»)."
    return f"Số liệu lấy từ báo cáo của đơn vị ở trạng thái «{status}», chưa được duyệt."


def _lacks_narrative(section: Section) -> bool:
    return section.key is not None and not any(p.kind == "narrative" for p in section.paragraphs)


def checklist_path(output: Path) -> Path:
    """ "out/p24-2023-Q3.docx" → "out/p24-2023-Q3-kiem-tra.txt"."""
    return output.with_name(output.stem + CHECKLIST_SUFFIX)


def write_checklist(content: ReportContent, output: Path, path: Path) -> Path:
    """Write the checklist as UTF-8 text (it opens in any editor, and nobody mails it by
    mistake as the report)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(checklist_text(content, output), encoding="utf-8")
    return path


def checklist_text(content: ReportContent, output: Path) -> str:
    """The checklist as text."""
    checklist = content.checklist
    counts = {s: sum(1 for f in checklist.findings if f.severity == s) for s in SEVERITY_LABELS}
    lines = [
        "DANH SÁCH KIỂM TRA TRƯỚC KHI KÝ — tài liệu nội bộ, không gửi kèm báo cáo",
        "",
        f"Báo cáo: {content.unit_name} ({content.unit_key}) — {content.period.label} "
        f"({content.period.code}), bộ biểu mẫu {content.template_id}",
        f"Tệp báo cáo: {output}",
        f"Lập lúc: {datetime.now():%d/%m/%Y %H:%M}",
        "",
        "1. Phát hiện khi kiểm tra số liệu: "
        + ", ".join(f"{n} {SEVERITY_LABELS[s].lower()}" for s, n in counts.items()),
    ]
    lines += [f"   - [{SEVERITY_LABELS[f.severity]}] {f.message}" for f in checklist.findings]
    if not checklist.findings:
        lines.append("   Không có phát hiện nào.")
    lines += ["", "2. Ghi chú"]
    lines += [f"   - {note}" for note in checklist.notes]
    return "\n".join(lines) + "\n"
