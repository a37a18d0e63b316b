"""The admin edits the catalog: site files uploaded, checked whole, refused when broken or still
used, seen by the rest of the app (catalog pages, API, reports) and by the other workers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from cchc.catalog import DATA_DIR
from cchc.settings import Settings
from cchc.storage import transaction
from cchc.storage.models import TemplateRow
from cchc.web import create_app
from tests.web.conftest import Q3, csrf

VARIANT_ID = "province-581-bac-giang"
VARIANT_FILE = f"{VARIANT_ID}.yaml"
OWN_INDICATOR = "bac_giang.online_meetings"
INDICATORS = f"""\
indicators:
  - id: {OWN_INDICATOR}
    name: Số cuộc họp trực tuyến về CCHC
    name_en: Online CCHC meetings
    unit: cuộc
    type: count
    area: direction
"""
VARIANT = f"""\
id: {VARIANT_ID}
version: 1
name: Biểu mẫu báo cáo CCHC của tỉnh Bắc Giang
basis: Công văn 581/BNV-CCHC; Kế hoạch CCHC của tỉnh
unit_levels: [province]
forms:
  - number: 1
    title: Công tác chỉ đạo điều hành CCHC
    items:
      - {{code: "1", indicator: direction.directive_documents, required: true}}
      - {{code: "2", indicator: {OWN_INDICATOR}}}
"""
EDITOR = f"/reports/p24/{Q3}/{VARIANT_ID}"
YAML = {"Content-Type": "application/yaml"}


@pytest.fixture
def site(tmp_path) -> Path:
    """The site catalog directory (not created yet: the first upload creates it)."""
    return tmp_path / "site-catalog"


@pytest.fixture
def app(engine, accounts, site):
    """The app on the test database, with a site catalog directory."""
    settings = Settings(database_url=str(engine.url), secret_key="test", catalog_dir=site)
    return create_app(settings, engine=engine)


@pytest.fixture(autouse=True)
def forget_site_entries(engine):
    """PostgreSQL is shared by the run: drop what the variant left in the database."""
    yield
    if engine.url.get_backend_name() == "sqlite":
        return
    with transaction(engine) as session:
        keys = {"t": VARIANT_ID, "i": OWN_INDICATOR}
        session.execute(text("DELETE FROM reports WHERE template_id IN "
                             "(SELECT id FROM templates WHERE key = :t)"), keys)  # fmt: skip
        session.execute(text("DELETE FROM value_changes WHERE indicator_id IN "
                             "(SELECT id FROM indicators WHERE key = :i)"), keys)  # fmt: skip
        session.execute(text("DELETE FROM templates WHERE key = :t"), keys)
        session.execute(text("DELETE FROM indicators WHERE key = :i"), keys)
        session.execute(text("DELETE FROM admin_changes WHERE kind LIKE 'catalog.%'"))


def _upload(client, filename: str, content: str | bytes, **fields):
    """Post the upload form with a file of that name (and other fields, e.g. ``name``)."""
    data = {"csrf_token": csrf(client, "/admin/catalog"), **fields}
    raw = content.encode() if isinstance(content, str) else content
    return client.post("/admin/catalog", data=data, files={"file": (filename, raw)})


def _files(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.yaml")) if site.exists() else []


def test_admin_uploads_a_provincial_variant_and_a_report_opens_on_it(login, token, client, site):
    admin = login("admin")
    page = admin.get("/admin/catalog")
    assert page.status_code == 200
    assert 'href="/admin/catalog/shipped/province-581.yaml"' in page.text
    assert "Chưa có tệp riêng" in page.text
    assert _upload(admin, "bac-giang.yaml", INDICATORS).status_code == 200
    saved = _upload(admin, VARIANT_FILE, VARIANT)
    assert saved.status_code == 200, saved.text
    assert f"Đã lưu tệp {VARIANT_FILE}" in saved.text
    assert f'href="/admin/catalog/files/{VARIANT_FILE}"' in saved.text
    assert f'<a href="/catalog/templates/{VARIANT_ID}">' in saved.text
    assert _files(site) == ["indicators/bac-giang.yaml", f"templates/{VARIANT_FILE}"]

    assert f"/catalog/templates/{VARIANT_ID}" in admin.get("/catalog").text
    templates = client.get("/api/catalog/templates", headers=token("xa1")).json()["templates"]
    assert VARIANT_ID in [t["id"] for t in templates]
    editor = admin.get(EDITOR)
    assert editor.status_code == 200, editor.text
    assert "Số cuộc họp trực tuyến về CCHC" in editor.text
    stored = client.put("/api" + EDITOR + "/values", headers={**token("tinh"), "If-Match": "0"},
                        json={"values": {OWN_INDICATOR: 12}})  # fmt: skip
    assert stored.status_code == 200, stored.text
    report = client.get("/api" + EDITOR, headers=token("tinh")).json()
    assert report["values"][OWN_INDICATOR]["num"] == 12


def test_a_shipped_file_is_the_start_of_a_variant(login):
    download = login("admin").get("/admin/catalog/shipped/province-581.yaml")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert download.text == (DATA_DIR / "templates" / "province-581.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id: [chưa đóng\nforms: 1\n", ["không phải YAML hợp lệ", "dòng"]),
        (VARIANT, [OWN_INDICATOR, "không có trong danh mục", "Tệp chưa được lưu"]),
        ((DATA_DIR / "templates" / "province-581.yaml").read_text("utf-8"),
         ["mã biểu mẫu bị trùng", "province-581"]),
        ("id: tên\nforms: []\n".encode("latin-1"), ["UTF-8"]),
        ("id: x\nname: không phải danh mục\n", ["không nhận ra loại tệp"]),
    ],
    ids=["bad YAML", "unknown indicator", "shipped id", "not UTF-8", "neither kind"],
)  # fmt: skip
def test_a_broken_file_is_refused_and_nothing_written(login, site, content, words):
    admin = login("admin")
    before = admin.get("/catalog").text
    refused = _upload(admin, VARIANT_FILE, content, name="ban-sua.yaml")
    assert refused.status_code == 422
    assert 'class="flash error"' in refused.text
    for word in words:
        assert word in refused.text, word
    assert 'value="ban-sua.yaml"' in refused.text, "the typed name is kept"
    assert _files(site) == []
    assert admin.get("/catalog").text == before


def test_the_api_takes_the_same_files_and_gives_the_same_errors(client, token, site):
    admin = token("admin")
    new = client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS, headers=YAML | admin)
    assert new.status_code == 201, new.text
    assert new.json()["kind"] == "indicators" and new.json()["indicators"] == [OWN_INDICATOR]
    again = client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS,
                       headers={"Content-Type": "text/plain"} | admin)  # fmt: skip
    assert again.status_code == 200
    broken = client.put(f"/api/catalog/files/{VARIANT_FILE}",
                        content=VARIANT.replace(OWN_INDICATOR, "bac_giang.khong_co"),
                        headers=YAML | admin)  # fmt: skip
    assert broken.status_code == 422
    error = broken.json()["error"]
    assert error["code"] == "invalid_input" and "bac_giang.khong_co" in error["message"]
    assert "không có trong danh mục" in error["message"]
    json_body = client.put(f"/api/catalog/files/{VARIANT_FILE}", json={"id": "x"}, headers=admin)
    assert json_body.status_code == 415
    big = client.put("/api/catalog/files/lon.yaml", content=b"#" * (1024 * 1024 + 10),
                     headers=YAML | admin)  # fmt: skip
    assert big.status_code == 413
    assert _files(site) == ["indicators/bac-giang.yaml"]
    listing = client.get("/api/catalog/files", headers=admin).json()
    assert [f["name"] for f in listing["files"]] == ["bac-giang.yaml"]
    assert "province-581.yaml" in [f["name"] for f in listing["shipped"]]
    stored = client.get("/api/catalog/files/bac-giang.yaml", headers=admin)
    assert stored.status_code == 200 and stored.text == INDICATORS


def test_only_admins_see_or_change_the_catalog_files(login, token, client, site):
    for username in ("tinh", "xa1"):
        browser = login(username)
        assert browser.get("/admin/catalog").status_code == 403
        assert browser.get("/admin/catalog/shipped/province-581.yaml").status_code == 403
        posted = browser.post("/admin/catalog", data={"csrf_token": csrf(browser, "/catalog")},
                              files={"file": ("bac-giang.yaml", INDICATORS.encode())})  # fmt: skip
        assert posted.status_code == 403
        headers = token(username)
        assert client.get("/api/catalog/files", headers=headers).status_code == 403
        put = client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS,
                         headers=YAML | headers)  # fmt: skip
        assert put.status_code == 403 and put.json()["error"]["code"] == "forbidden"
    assert _files(site) == []
    admin = token("admin")
    client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS, headers=YAML | admin)
    for username in ("tinh", "xa1"):
        deleted = client.delete("/api/catalog/files/bac-giang.yaml", headers=token(username))
        assert deleted.status_code == 403
    assert _files(site) == ["indicators/bac-giang.yaml"]


def test_delete_is_refused_while_something_needs_the_file(login, token, client, site, engine):
    admin = token("admin")
    client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS, headers=YAML | admin)
    client.put(f"/api/catalog/files/{VARIANT_FILE}", content=VARIANT, headers=YAML | admin)
    needed = client.delete("/api/catalog/files/bac-giang.yaml", headers=admin)
    assert needed.status_code == 422, "the variant places its indicator"
    assert "cần nó" in needed.json()["error"]["message"]
    client.put("/api" + EDITOR + "/values", json={"values": {"direction.directive_documents": 3}},
               headers={**admin, "If-Match": "*"})  # fmt: skip
    browser = login("admin")
    refused = browser.post(f"/admin/catalog/files/{VARIANT_FILE}/delete",
                           data={"csrf_token": csrf(browser, "/admin/catalog")})  # fmt: skip
    assert refused.status_code == 409
    assert f"«{VARIANT_ID}» (1 báo cáo)" in refused.text and "Không xóa được" in refused.text
    assert client.delete(f"/api/catalog/files/{VARIANT_FILE}", headers=admin).status_code == 409
    assert _files(site) == ["indicators/bac-giang.yaml", f"templates/{VARIANT_FILE}"]
    assert browser.get(EDITOR).status_code == 200
    shrunk = client.put(f"/api/catalog/files/{VARIANT_FILE}", headers=YAML | admin,
                        content=VARIANT.replace(VARIANT_ID, "province-581-bg2"))  # fmt: skip
    assert shrunk.status_code == 409, "a replacement may not drop a template in use either"


def test_an_unused_file_is_deleted(login, token, client, site):
    admin = token("admin")
    client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS, headers=YAML | admin)
    client.put(f"/api/catalog/files/{VARIANT_FILE}", content=VARIANT, headers=YAML | admin)
    browser = login("admin")
    deleted = browser.post(f"/admin/catalog/files/{VARIANT_FILE}/delete",
                           data={"csrf_token": csrf(browser, "/admin/catalog")})  # fmt: skip
    assert deleted.status_code == 200 and f"Đã xóa tệp {VARIANT_FILE}" in deleted.text
    assert client.delete("/api/catalog/files/bac-giang.yaml", headers=admin).status_code == 204
    assert _files(site) == []
    assert browser.get(EDITOR).status_code == 404
    templates = client.get("/api/catalog/templates", headers=admin).json()["templates"]
    assert VARIANT_ID not in [t["id"] for t in templates]
    assert "Xóa tệp" in browser.get("/admin/catalog").text, "the audit log lists it"


@pytest.mark.parametrize(
    "name", ["..%2F..%2Fevil.yaml", "%2E%2E%2Fevil.yaml", "..yaml", ".evil.yaml", "Evil.yaml",
             "evil.py", "a%5Cevil.yaml"],
)  # fmt: skip
def test_path_traversal_names_are_rejected(client, token, login, site, tmp_path, name):
    admin = token("admin")
    put = client.put(f"/api/catalog/files/{name}", content=INDICATORS, headers=YAML | admin)
    assert put.status_code in (404, 422), put.text
    assert client.get(f"/api/catalog/files/{name}", headers=admin).status_code in (404, 422)
    assert client.delete(f"/api/catalog/files/{name}", headers=admin).status_code in (404, 422)
    assert sorted(p.name for p in tmp_path.rglob("*.yaml")) == []


def test_page_uploads_with_a_path_in_the_name_are_rejected(login, site, tmp_path):
    admin = login("admin")
    for filename, fields in (("../../evil.yaml", {}), ("bac-giang.yaml", {"name": "../e.yaml"})):
        refused = _upload(admin, filename, INDICATORS, **fields)
        assert refused.status_code == 422 and "Tên tệp" in refused.text
    for path in ("/admin/catalog/files/..%2F..%2Fcchc.db", "/admin/catalog/shipped/..%2Floader.py",
                 "/admin/catalog/shipped/..%2F..%2Floader.py"):  # fmt: skip
        assert admin.get(path).status_code in (404, 422)
    assert list(tmp_path.rglob("*.yaml")) == []


def test_another_worker_sees_the_new_catalog_within_a_second(engine, accounts, site, token, client):
    other = create_app(
        Settings(database_url=str(engine.url), secret_key="test", catalog_dir=site), engine=engine
    )
    assert VARIANT_ID not in other.state.cchc.catalog.templates
    admin = token("admin")
    client.put("/api/catalog/files/bac-giang.yaml", content=INDICATORS, headers=YAML | admin)
    client.put(f"/api/catalog/files/{VARIANT_FILE}", content=VARIANT, headers=YAML | admin)
    with transaction(engine) as session:
        assert session.scalar(select(TemplateRow.name).where(TemplateRow.key == VARIANT_ID))
    time.sleep(1.05)
    assert VARIANT_ID in other.state.cchc.catalog.templates
