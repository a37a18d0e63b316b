"""Import and review, the aggregation page, the dashboard, the catalog, admin, downloads."""

from __future__ import annotations

import io

import pytest
from docx import Document

from tests.conftest import SAMPLES
from tests.web.conftest import csrf, editor_path, htmx, version
from tests.web.test_reports import GOOD

SAMPLE = SAMPLES / "bac-giang-province-q3-2023.txt"
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="shared/samples not present")


def _upload(client, *paths):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in paths]
    return client.post("/import", files=files, data={"csrf_token": csrf(client, "/import")})


@needs_sample
def test_upload_then_review_with_figures_marked_in_the_text(login):
    province = login("tinh")
    response = _upload(province, SAMPLE)
    assert response.status_code == 200, response.text
    assert str(response.url).rsplit("/", 2)[-2] == "documents"
    page = response.text
    assert "Rà soát: bac-giang-province-q3-2023.txt" in page
    assert page.count('<div class="ln hit"') >= 20, "each figure's line is marked in the text"
    assert 'name="d:procedures.in_force"' in page
    assert 'class="band-sure"' in page and "chắc chắn" in page, "sure figures marked as such"
    assert "cần xem lại" in page or "đáng ngờ" in page, "and the doubtful ones as doubtful"
    document = str(response.url).rsplit("/", 1)[-1]
    saved = province.post(
        f"/documents/{document}/review",
        data={"csrf_token": csrf(province, f"/documents/{document}"),
              "version": version(province, f"/documents/{document}"),
              "d:procedures.in_force": "correct", "c:procedures.in_force": "1.896",
              "d:procedures.in_force.province": "reject"},
    )  # fmt: skip
    assert saved.status_code == 200
    assert "Bản nháp" in saved.text, "reviewed: out of «imported», into a draft"
    assert 'value="1.896"' in saved.text


@needs_sample
def test_a_clerk_cannot_import_another_units_report(login, client, token):
    response = _upload(login("xa1"), SAMPLE)
    assert response.status_code == 200
    assert "không có quyền nhập tài liệu của Tỉnh Bắc Giang" in response.text
    api = client.post("/api/imports", files=[("files", (SAMPLE.name, SAMPLE.read_bytes()))],
                      headers=token("xa1")).json()  # fmt: skip
    assert api["imports"][0]["ok"] is False


def _submitted_and_approved(login):
    clerk, approver = login("xa1"), login("duyet")
    clerk.post(editor_path() + "/values", data={**GOOD, "version": "0"},
               headers=htmx(clerk, editor_path()))  # fmt: skip
    for who, action in ((clerk, "submit"), (approver, "approve")):
        who.post(editor_path() + "/workflow",
                 data={"action": action, "csrf_token": csrf(who, editor_path()),
                       "version": version(who, editor_path())})  # fmt: skip


def test_aggregation_rolls_up_and_drills_down(login, client, token):
    _submitted_and_approved(login)
    page = login("tinh").get("/aggregate?unit=d213&period=2023-Q3")
    assert page.status_code == 200
    assert "Phường Thọ Xương" in page.text and "Mức độ đầy đủ theo cấp" in page.text
    assert "1.200" in page.text, "the commune's dossiers are in the district's roll-up"
    api = client.get("/api/aggregate?unit=d213&period=2023-Q3", headers=token("tinh")).json()
    assert api["values"]["procedures.resolved.commune"] == 1200
    assert api["levels"]["commune"]["reported"] == 1
    assert {c["unit"]: c["reported"] for c in api["children"]}["c07201"] is True
    full = page.text.count("<tr>")
    filled = login("tinh").get("/aggregate?unit=d213&period=2023-Q3&filled=1").text
    assert "1.200" in filled and filled.count("<tr>") < full, "items without figures left out"
    assert "filled=1" in filled, "drill-down links keep the choice"


def test_dashboard_shows_who_reported_and_the_ranking(login, client, token):
    _submitted_and_approved(login)
    page = login("duyet").get("/?period=2023-Q3")
    assert page.status_code == 200
    assert "chart-levels" in page.text and "/static/vendor/chart.umd.min.js" in page.text
    board = client.get("/api/dashboard?period=2023-Q3", headers=token("duyet")).json()
    assert board["unit"] == "d213" and board["counts"]["approved"] == 1
    assert board["ranking"][0] == {"unit": "c07201", "unit_name": "Phường Thọ Xương",
                                   "on_time_rate": 99.0}  # fmt: skip
    assert board["figures"]["procedures.on_time_rate.commune"] == pytest.approx(99.0)


def test_catalog_is_readable_by_everyone(login, client, token):
    clerk = login("xa1")
    assert "commune-581" in clerk.get("/catalog").text
    assert "Cải cách thủ tục hành chính" in clerk.get("/catalog/templates/commune-581").text
    api = client.get("/api/catalog/templates/commune-581", headers=token("xa1")).json()
    assert api["forms"][0]["number"] == 1
    relations = client.get("/api/catalog/relations", headers=token("xa1")).json()["relations"]
    assert any(r["kind"] == "ratio" for r in relations)


def test_only_admins_manage_accounts(login, client, token):
    assert login("xa1").get("/admin/users").status_code == 403
    admin = login("admin")
    created = admin.post("/admin/users", data={
        "csrf_token": csrf(admin, "/admin/users"), "username": "xa3", "password": "12345678",
        "role": "reporter", "unit": "c07210"})  # fmt: skip
    assert created.status_code == 200 and "xa3" in created.text
    short = admin.post("/admin/users", data={
        "csrf_token": csrf(admin, "/admin/users"), "username": "xa4", "password": "123",
        "role": "reporter", "unit": "c07210"})  # fmt: skip
    assert short.status_code == 400 and "ít nhất 8 ký tự" in short.text
    users = client.get("/api/users", headers=token("admin")).json()["users"]
    assert "xa3" in [u["username"] for u in users]
    assert client.get("/api/users", headers=token("tinh")).status_code == 403


def test_downloads_of_a_report_the_user_can_see(login):
    clerk = login("xa1")
    clerk.post(editor_path() + "/values", data={**GOOD, "version": "0"},
               headers=htmx(clerk, editor_path()))  # fmt: skip
    response = clerk.get(editor_path() + "/download/docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "BÁO CÁO" in text and "Kính gửi" in text and "Quý III năm 2023" in text
    workbook = clerk.get(editor_path() + "/download/xlsx")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    assert login("xa2").get(editor_path() + "/download/docx").status_code == 403
