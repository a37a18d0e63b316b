"""What the report says: figures of the unit and of the units below, sections with nothing to
report, the narrative, comparisons, the letter parts by level, the signer's checklist."""

from datetime import date

from tests.render.conftest import DIRECTION_TEXT, H1, Q3, SIGNED_ON, content_of, store

from cchc.render.checklist import checklist_text
from cchc.render.model import vietnamese_date
from cchc.storage import ReportStatus, find_unit, transaction


def _section(content, key):
    return next(s for s in content.sections if s.key == key)


def _texts(content, key, kind=None):
    return [p.text for p in _section(content, key).paragraphs if kind in (None, p.kind)]


def test_province_report_says_its_figures_and_narrative(bac_giang):
    content = content_of(bac_giang, "p24")
    procedures = _texts(content, "procedures", "figures")
    assert (
        "Trong Quý III năm 2023, cấp tỉnh đã giải quyết 54.106 hồ sơ, trong đó giải quyết trước "
        "và đúng hạn 53.726 hồ sơ, đạt tỷ lệ 99,3%." in procedures
    )
    assert "(Số liệu chi tiết tại Biểu mẫu 3 kèm theo.)" in _texts(content, "procedures")
    assert _texts(content, "direction", "narrative") == DIRECTION_TEXT.split("\n")
    assert content.subject.endswith("Quý III năm 2023, phương hướng, nhiệm vụ Quý IV năm 2023")
    assert content.intro.startswith("Thực hiện Công văn 581/BNV-CCHC ngày 21/02/2022")


def test_sections_with_nothing_say_so_plainly(engine):
    with transaction(engine) as session:
        unit = find_unit(session, "p24")
        store(session, unit, "province-581", {"procedures.resolved.province": 10})
    content = content_of(engine, "p24")
    assert _texts(content, "finance") == [
        "Chưa có số liệu và nội dung báo cáo về lĩnh vực này trong kỳ."
    ]
    assert _texts(content, "plans") == ["Chưa có nội dung."]
    assert "proposals" not in [s.key for s in content.sections]  # V. only when written
    titles = [s.title for s in content.sections]
    assert "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2023" in titles


def test_changes_against_the_same_period_last_year(bac_giang):
    with transaction(bac_giang) as session:
        unit = find_unit(session, "p24")
        last_year = {
            "procedures.resolved.province": 50000,
            "procedures.resolved_on_time.province": 49000,
        }
        store(session, unit, "province-581", last_year, period=Q3.same_period_last_year())
    content = content_of(bac_giang, "p24")
    dossiers = next(t for t in _texts(content, "procedures") if "cấp tỉnh đã giải quyết" in t)
    assert dossiers.endswith("tăng 1,3 điểm phần trăm so với cùng kỳ năm 2022.")


def test_parent_report_rolls_up_children_ranks_them_and_lists_missing_units(tu_ky):
    content = content_of(tu_ky, "d298", H1, date(2023, 6, 18))
    # the district's own draft counts; its communes count once submitted
    assert content.values["procedures.resolved.commune"] == 400 + 250 + 1000 + 80
    assert content.values["direction.plan_tasks"] == 78
    groups = content.comparison.groups
    assert [g.title for g in groups] == ["UBND cấp xã"]
    rows = groups[0].rows
    ranked = [(r.name, r.cells[0].rank, round(r.cells[0].rate, 2)) for r in rows[:4]]
    assert ranked == [
        ("Xã Đại Sơn", 1, 100.0),
        ("Thị trấn Tứ Kỳ", 2, 99.0),
        ("Xã Bình Lãng", 3, 98.75),
        ("Xã Hưng Đạo", 4, 95.0),
    ]
    plan = rows[0].cells[1]
    assert (plan.denominator, plan.numerator, plan.rate) == (10, 5, 50.0)
    assert [r.status for r in rows[:4]] == [
        "Gửi đúng hạn",
        "Gửi đúng hạn",
        "Gửi muộn",
        "Gửi đúng hạn",
    ]
    assert all(r.status == "Chưa gửi báo cáo" and r.cells[0].rank is None for r in rows[4:])
    direction = _texts(content, "direction")
    assert any("4/20 cơ quan, đơn vị trực thuộc đã gửi báo cáo" in t for t in direction)
    assert any(t.startswith("Các cơ quan, đơn vị chưa gửi báo cáo: xã") for t in direction)
    best = next(t for t in _texts(content, "procedures") if "cao nhất là" in t)
    assert "đối với UBND cấp xã, cao nhất là xã Đại Sơn (100%)" in best


def test_letter_parts_follow_the_level_of_the_unit(engine):
    with transaction(engine) as session:
        store(session, find_unit(session, "p24.snv"), "department-581", {"direction.plan_tasks": 5})
        commune = find_unit(session, "c11083")
        store(session, commune, "commune-581", {"direction.plan_tasks": 5}, period=H1)
    department = content_of(engine, "p24.snv").letterhead
    assert department.parent_body == "UBND TỈNH BẮC GIANG"
    assert department.issuer_lines == ("SỞ NỘI VỤ",) and department.code == "SNV"
    assert department.recipients == ("Ủy ban nhân dân tỉnh Bắc Giang",)
    assert (department.signing_authority, department.signer_title) == (None, "GIÁM ĐỐC")
    assert department.place == "Bắc Giang"
    commune = content_of(engine, "c11083", H1).letterhead
    assert commune.issuer_lines == ("ỦY BAN NHÂN DÂN", "XÃ ĐẠI SƠN")
    assert commune.recipients == ("Ủy ban nhân dân huyện Tứ Kỳ",)


def test_dates_have_the_leading_zeros_of_the_decree():
    assert vietnamese_date(date(2023, 2, 5)) == "ngày 05 tháng 02 năm 2023"
    assert vietnamese_date(date(2023, 9, 18)) == "ngày 18 tháng 9 năm 2023"
    assert vietnamese_date(date(2023, 11, 1)) == "ngày 01 tháng 11 năm 2023"


def test_checklist_lists_open_findings_outside_the_document(bac_giang, tmp_path):
    content = content_of(bac_giang, "p24")
    findings = content.checklist.findings
    assert any(f.severity == "error" and "1.902" in f.message for f in findings)
    text = checklist_text(content, tmp_path / "p24.docx")
    assert text.startswith("DANH SÁCH KIỂM TRA TRƯỚC KHI KÝ — tài liệu nội bộ, không gửi kèm")
    assert "[Lỗi] Biểu 3, mục 1.4" in text
    assert "chưa được duyệt" in text  # the report is still a draft
    body = [p.text for s in content.sections for p in s.paragraphs]
    assert not any("KIỂM TRA TRƯỚC KHI KÝ" in t or "[Lỗi]" in t for t in body)


def test_a_submitted_child_report_counts_and_a_draft_does_not(engine):
    with transaction(engine) as session:
        district = find_unit(session, "d298")
        first, second = find_unit(session, "c11074"), find_unit(session, "c11083")
        values = {"procedures.resolved.commune": 100, "procedures.resolved_on_time.commune": 90}
        store(session, first, "commune-581", values, period=H1, status=ReportStatus.submitted)
        store(session, second, "commune-581", values, period=H1)  # a draft
        assert district is not None
    content = content_of(engine, "d298", H1, SIGNED_ON)
    assert content.values["procedures.resolved.commune"] == 100
    assert content.checklist.notes[0].startswith("Đơn vị chưa có báo cáo riêng")


def test_the_outline_has_every_report_area_once():
    from cchc.catalog import report_areas
    from cchc.render.texts import outline, sentence_patterns

    keys = []
    for entry in outline()["sections"]:
        keys += [part["key"] for part in entry.get("parts", [entry])]
    assert keys == list(report_areas())
    assert set(sentence_patterns()) <= set(report_areas())
