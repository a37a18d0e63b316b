"""Figures → sentences: the pattern language of render/data/sentences.yaml, and changes
against earlier periods."""

import pytest

from cchc.catalog import default_catalog
from cchc.render.sentences import SentenceContext, section_sentences, write_sentence
from cchc.render.texts import count_in_text, figure_in_text, plain_number, sentence_patterns
from cchc.units import parse_period_code

Q3 = parse_period_code("2023-Q3")
WORDS = {"in_period": "Trong Quý III năm 2023", "we": "UBND tỉnh", "year": "2023"}


def context(values, **extra) -> SentenceContext:
    return SentenceContext(
        default_catalog(), Q3, extra.pop("level", "province"), values, words=WORDS, **extra
    )


def sentence(pattern, values, **extra):
    written = write_sentence(pattern, context(values, **extra))
    return written[0] if written else None


def test_the_issue_s_example_sentence():
    values = {
        "procedures.dossiers_received.province": 59790,
        "procedures.resolved.province": 54106,
        "procedures.resolved_on_time.province": 53726,
        "procedures.on_time_rate.province": 53726 / 54106 * 100,
    }
    written = section_sentences("procedures", context(values), [])
    assert written[0] == (
        "Trong Quý III năm 2023, cấp tỉnh tiếp nhận 59.790 hồ sơ; đã giải quyết 54.106 hồ sơ, "
        "trong đó giải quyết trước và đúng hạn 53.726 hồ sơ, đạt tỷ lệ 99,3%."
    )


def test_optional_parts_nest_and_required_ones_decide():
    pattern = {
        "values": {"a": "direction.inspection_issues", "b": "direction.inspection_issues_resolved"},
        "text": "Phát hiện {a} vấn đề[; đã xử lý {b} vấn đề[ ({x})]]",
    }
    assert sentence(pattern, {"direction.inspection_issues": 7}) == "Phát hiện 07 vấn đề."
    both = {"direction.inspection_issues": 7, "direction.inspection_issues_resolved": 12}
    assert sentence(pattern, both) == "Phát hiện 07 vấn đề; đã xử lý 12 vấn đề."
    assert sentence(pattern, {"direction.inspection_issues_resolved": 3}) is None


def test_lists_join_present_non_zero_phrases():
    pattern = {
        "values": {"p": "institutions.legal_docs_issued.province",
                   "d": "institutions.legal_docs_issued.district",
                   "c": "institutions.legal_docs_issued.commune"},
        "list": ["cấp tỉnh {p}", "cấp huyện {d}", "cấp xã {c}"],
        "text": "Ban hành: {list}",
        "zero": "",
    }  # fmt: skip
    three = {
        "institutions.legal_docs_issued.province": 25,
        "institutions.legal_docs_issued.district": 12,
        "institutions.legal_docs_issued.commune": 3,
    }
    assert sentence(pattern, three) == "Ban hành: cấp tỉnh 25, cấp huyện 12 và cấp xã 03."
    three["institutions.legal_docs_issued.commune"] = 0
    assert sentence(pattern, three) == "Ban hành: cấp tỉnh 25 và cấp huyện 12."
    zeros = dict.fromkeys(three, 0)
    assert sentence(pattern, zeros) is None  # zero: "" says nothing


def test_zero_when_and_unless():
    patterns = sentence_patterns()["procedures"]
    feedback = next(p for p in patterns if "procedures.feedback_received" in str(p["values"]))
    zero = sentence(feedback, {"procedures.feedback_received": 0})
    assert (
        zero
        == "Trong Quý III năm 2023, không phát sinh phản ánh, kiến nghị (PAKN) về quy định TTHC."
    )
    survey = next(p for p in sentence_patterns()["direction"] if p.get("when") == {"survey": 0})
    assert sentence(survey, {"direction.satisfaction_survey": 1}) is None
    assert "chưa tổ chức khảo sát" in sentence(survey, {"direction.satisfaction_survey": 0})
    rate_only = next(p for p in patterns if p.get("unless") == ["procedures.resolved.province"])
    assert sentence(rate_only, {"procedures.on_time_rate.province": 99}) is not None
    both = {"procedures.on_time_rate.province": 99, "procedures.resolved.province": 5}
    assert sentence(rate_only, both) is None


def test_levels_choose_the_wording_of_the_unit():
    values = {"procedures.resolved.province": 100, "procedures.resolved_on_time.province": 99}
    province = section_sentences("procedures", context(values), [])
    department = section_sentences("procedures", context(values, level="department"), [])
    assert province[0].startswith("Trong Quý III năm 2023, cấp tỉnh đã giải quyết 100 hồ sơ")
    assert department[0].startswith("Trong Quý III năm 2023, UBND tỉnh đã giải quyết 100 hồ sơ")


def test_a_figure_no_pattern_speaks_of_is_still_written():
    values = {"egov.online_paid_dossier_rate": 100.0}
    written = section_sentences("egov", context(values), ["egov.online_paid_dossier_rate"])
    assert written == ["Tỷ lệ hồ sơ TTHC có phí, lệ phí được thanh toán trực tuyến: 100%."]


def test_changes_against_last_year_and_the_previous_period():
    values = {
        "procedures.resolved.province": 1100,
        "procedures.resolved_on_time.province": 1078,
        "procedures.on_time_rate.province": 98.0,
        "direction.directive_documents": 12,
    }
    ctx = context(
        values,
        previous={"procedures.on_time_rate.province": 98.5, "direction.directive_documents": 30},
        last_year={"procedures.on_time_rate.province": 97.25, "direction.directive_documents": 10},
    )
    (dossiers,) = (s for s in section_sentences("procedures", ctx, []) if "hồ sơ" in s)
    assert dossiers.endswith(
        "đạt tỷ lệ 98%, giảm 0,5 điểm phần trăm so với 6 tháng đầu năm 2023 và tăng 0,75 điểm "
        "phần trăm so với cùng kỳ năm 2022."
    )
    documents = section_sentences("direction", ctx, [])[0]
    # a flow of Quý III is not compared with the 6-month report before it
    assert documents.endswith("tăng 2 văn bản (20%) so với cùng kỳ năm 2022.")
    assert "6 tháng đầu năm" not in documents


@pytest.mark.parametrize(
    ("value", "text"),
    [(59790, "59.790"), (5, "05"), (0, "0"), (12, "12"), (99.2977, "99,3"), (18.67, "18,67")],
)
def test_vietnamese_numbers_in_sentences(value, text):
    shown = count_in_text(value) if float(value).is_integer() else plain_number(value)
    assert shown == text


def test_coded_answers_are_written_as_their_label():
    method = default_catalog().indicator("direction.survey_method")
    assert figure_in_text(method, 1) == "phát phiếu"
