"""The Vietnamese text restorer: accuracy on unseen text, what it must keep, the CLI."""

from __future__ import annotations

import pytest

from cchc.bench.restore import count_matches, strip_marks
from cchc.cli.main import main
from cchc.ingest.restore import restore_line, restore_text, restore_tokens

# Administrative sentences written for this test; none is in the training text.
UNSEEN = [
    "Năm 2024, Ủy ban nhân dân thành phố tiếp tục chỉ đạo quyết liệt việc nâng cao chất lượng "
    "phục vụ người dân tại Bộ phận Một cửa.",
    "Các phòng, ban chuyên môn đã chủ động rà soát quy trình nội bộ, bảo đảm không phát sinh "
    "hồ sơ trễ hạn.",
    "Sở Nội vụ phối hợp với Văn phòng Ủy ban nhân dân tỉnh tổ chức kiểm tra công vụ tại một số "
    "huyện miền núi.",
]


@pytest.mark.parametrize("sentence", UNSEEN)
def test_stripped_unseen_sentence_comes_back(sentence):
    restored = restore_line(strip_marks(sentence))
    total, exact, _ = count_matches(restored, sentence)
    assert exact / total >= 0.9, restored


def test_numbers_codes_and_abbreviations_are_kept():
    line = (
        "Thuc hien Nghi dinh so 107/2021/ND-CP ngay 12/3/2023, UBND tinh giao 1.902 ho so (99,3%)."
    )
    restored = restore_line(line)
    for kept in ("107/2021/NĐ-CP", "12/3/2023", "UBND", "1.902", "(99,3%).", "Nghị định"):
        assert kept in restored, restored


def test_known_abbreviations_get_their_d_back():
    restored = restore_line("Quyet dinh so 926/QD-UBND va Ke hoach cua TTHC, QD")
    assert "926/QĐ-UBND" in restored
    assert restored.endswith("TTHC, QĐ")


def test_line_structure_is_kept():
    text = "BAO CAO\n\nKet qua cong tac cai cach hanh chinh\n   \n6 thang dau nam 2023\n"
    restored = restore_text(text)
    lines = restored.split("\n")
    assert len(lines) == len(text.split("\n"))
    assert lines[1] == "" and lines[3] == "   " and lines[-1] == ""
    assert lines[0] == "BÁO CÁO"


def test_upper_case_lines_stay_upper():
    restored = restore_line("KET QUA THUC HIEN CONG TAC CAI CACH HANH CHINH")
    assert restored == restored.upper()
    assert "KẾT QUẢ" in restored and "HÀNH CHÍNH" in restored


def test_title_case_is_kept():
    assert restore_line("Uy ban nhan dan tinh Bac Giang").startswith("Ủy ban nhân dân tỉnh Bắc")


def test_ocr_damage_is_repaired():
    restored = restore_text("Thuc hién Ké hoach s6 116/KH-UBND ngay 16/6/2023 ciia UBND huyén")
    assert restored.startswith("Thực hiện Kế hoạch số 116/KH-UBND ngày 16/6/2023 của UBND")


def test_tokens_join_back_and_carry_confidence():
    line = "Cong tac  kiem soat thu tuc hanh chinh, 2023."
    tokens = restore_tokens(line)
    assert "".join(t.original for t in tokens) == line
    assert "".join(t.restored for t in tokens) == restore_line(line)
    assert all(0.0 <= t.confidence <= 1.0 for t in tokens)


def test_cli_prints_one_line_per_input_line(tmp_path, capsys):
    path = tmp_path / "ocr.txt"
    path.write_text("Bao cao so ket\n\nCong tac cai cach hanh chinh nam 2023\n", encoding="utf-8")
    code = _run(["text", "restore", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.split("\n") == ["Báo cáo sơ kết", "", "Công tác cải cách hành chính năm 2023", ""]


def test_cli_missing_file_is_a_clean_error(tmp_path, capsys):
    code = _run(["text", "restore", str(tmp_path / "none.txt")])
    assert code != 0
    assert "Không tìm thấy tệp" in capsys.readouterr().err


def _run(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
