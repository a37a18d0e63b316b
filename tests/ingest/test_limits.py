"""Bounded work on any input: over-size content refused early with a clear message, and
every reading capped in time and memory in a child process."""

from __future__ import annotations

import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from cchc.errors import InputError
from cchc.ingest import sandbox
from cchc.ingest.formats import read_document
from cchc.ingest.importer import read_report_bounded
from cchc.ingest.limits import Limits, check_pdf_streams
from cchc.ingest.repair import repair_text

SMALL = Limits(file_bytes=50_000, unpacked_bytes=2_000_000, image_pixels=10_000,
               chars=20_000, lines=300, line_chars=2_000)  # fmt: skip


def _refused(path: Path, limits: Limits = SMALL) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path, limits=limits)
    return caught.value.message_vi


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text("Báo cáo\n" * 10_000, encoding="utf-8")
    assert "vượt giới hạn" in _refused(path) and "MB" in _refused(path)


def test_text_over_the_line_limits_is_refused(tmp_path):
    many = tmp_path / "nhieu-dong.txt"
    many.write_text("Dòng\n" * 400, encoding="utf-8")
    assert "400 dòng" in _refused(many) or "401 dòng" in _refused(many)
    long = tmp_path / "dong-dai.txt"
    long.write_text("Báo cáo " * 400, encoding="utf-8")
    assert "dòng 1 dài" in _refused(long)


def _docx_with(tmp_path: Path, name: str, payload: bytes) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", payload)
    return path


def test_zip_bombs_are_refused_from_the_directory_alone(tmp_path):
    bomb = _docx_with(tmp_path, "bom.docx", b"\0" * 3_000_000)
    assert "giải nén" in _refused(bomb, Limits(unpacked_bytes=2_000_000))
    ratio = _docx_with(tmp_path, "ti-le.docx", b"\0" * 1_000_000)
    assert "bom nén" in _refused(ratio, Limits())


def _flate_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content is ``content``, Flate-compressed."""
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    body = b"%PDF-1.4\n" + b"".join(
        b"%d 0 obj\n" % (i + 1) + obj + b"\nendobj\n" for i, obj in enumerate(objects)
    )
    return body + b"trailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n"


def test_a_flate_bomb_in_a_pdf_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bom.pdf"
    bomb.write_bytes(_flate_pdf(b"0 0 Td " * 400_000))  # 2.8 MB of operators in 3 KB
    assert len(bomb.read_bytes()) < 50_000
    assert "bom nén" in _refused(bomb, Limits(pdf_streams_bytes=1_000_000))
    check_pdf_streams(bomb, Limits(pdf_streams_bytes=3_000_000))  # under the limit: read on


def test_page_numbers_alone_on_many_lines_are_handled_in_linear_time():
    # 40,000 lines of "1" (a probe input) once took minutes in page-furniture removal; what is
    # checked here is the behaviour: bare numbers between text lines are kept, edges dropped.
    text = "1\n" + "Dòng chữ\n1\n" * 20_000 + "Cuối\n7\n"
    repaired = [line for line in repair_text(text).text.splitlines() if line]
    assert repaired[0] == "Dòng chữ" and repaired[-1] == "Cuối"
    assert repaired.count("1") == 20_000


def test_an_image_with_too_many_pixels_is_refused_before_decoding(tmp_path):
    path = tmp_path / "anh.png"
    Image.new("L", (200, 200), 255).save(path)
    assert "200×200" in _refused(path)


def test_a_reading_that_takes_too_long_is_stopped():
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        sandbox.run_bounded(time.sleep, 30, limits=Limits(seconds=1), name="cham.pdf")
    assert "quá 1 giây" in caught.value.message_vi and time.monotonic() - started < 10


def test_a_reading_that_needs_too_much_memory_is_stopped():
    limits = Limits(memory_bytes=300 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        sandbox.run_bounded(bytearray, 2 * 1024**3, limits=limits, name="bom.pdf")
    assert "bộ nhớ" in caught.value.message_vi


def test_the_child_returns_results_and_vietnamese_errors(tmp_path):
    path = tmp_path / "khong-phai-bao-cao.txt"
    path.write_text("Danh sách đi chợ: rau, thịt, cá.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_report_bounded(path, __import__("cchc.catalog").catalog.default_catalog())
    assert "không nhận ra đây là một báo cáo" in caught.value.message_vi
    assert sandbox.run_bounded(sum, [1, 2, 3], name="x") == 6


def test_shutdown_ends_the_readings_in_progress(monkeypatch):
    monkeypatch.setattr(sandbox, "_stopping", threading.Event())
    outcome: list[str] = []

    def read() -> None:
        try:
            sandbox.run_bounded(time.sleep, 60, name="dai.pdf")
        except InputError as exc:
            outcome.append(exc.message_vi)

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(1.0)
    sandbox.stop_all()
    reader.join(timeout=10)
    assert not reader.is_alive() and "máy chủ đang tắt" in outcome[0]
    with pytest.raises(InputError):
        sandbox.run_bounded(sum, [1], name="moi.pdf")  # nothing new starts once stopping
