"""The flows a clerk, an approver and the province go through, in a real headless Chromium
(Debian's `chromium`, driven by Playwright) against a uvicorn server on 127.0.0.1.

Screenshots of every page go to $CCHC_SCREENSHOTS (default: a pytest temporary folder)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from cchc.settings import Settings
from cchc.storage import find_unit, make_engine, transaction
from cchc.storage.models import User
from cchc.web import create_app
from tests.web.conftest import ACCOUNTS, PASSWORD, _hash
from tests.web.test_imports_and_figures import SAMPLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
EDITOR = "/reports/c07201/2023-Q3/commune-581"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, sqlite_template):
    """The app on a copy of the test database, served by uvicorn in a thread."""
    path = tmp_path_factory.mktemp("browser") / "cchc.db"
    shutil.copyfile(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with transaction(engine) as session:
        for username, (role, unit_key) in ACCOUNTS.items():
            unit = find_unit(session, unit_key) if unit_key else None
            session.add(User(username=username, full_name=username.upper(), password_hash=_hash(),
                             role=role, unit_id=unit.id if unit else None))  # fmt: skip
    app = create_app(Settings(f"sqlite:///{path}", "browser-test"), engine=engine)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if uv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go."""
    folder = Path(os.environ.get("CCHC_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, Debian's build."""
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def as_user(browser, server, shots):
    """``as_user("xa1")`` → a page logged in as that account (1366×768, a small laptop)."""
    contexts, blocked = [], []

    def make(username: str):
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN",
                                      accept_downloads=True)  # fmt: skip
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
        page.set_default_timeout(10_000)
        page.goto(server + "/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(server + "/")
        return page

    yield make
    for context in contexts:
        context.close()
    assert blocked == [], "the pages run under their CSP without violations"


def shoot(page, shots: Path, name: str, full: bool = True) -> None:
    """Save a screenshot of the page as it is now."""
    page.screenshot(path=str(shots / f"{name}.png"), full_page=full)


def _type(page, key: str, value: str) -> None:
    field = page.locator(f"#v-{key.replace('.', '__')}")
    field.fill(value)
    field.press("Tab")


def _wait_saved(page) -> None:
    """Until every typed value has reached the server."""
    expect(page.locator("#editor .unsaved")).to_have_count(0)
    expect(page.locator(".htmx-request")).to_have_count(0)


def test_login_page(browser, server, shots):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(server + "/")
    assert "/login" in page.url
    shoot(page, shots, "01-login", full=False)
    page.fill("input[name=username]", "xa1")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "Sai tên đăng nhập hoặc mật khẩu" in page.content()
    shoot(page, shots, "02-login-failed", full=False)
    page.close()


def test_enter_a_report_with_an_error_shown_and_fixed(as_user, server, shots):
    page = as_user("xa1")
    shoot(page, shots, "03-dashboard-commune")
    page.goto(server + EDITOR)
    _type(page, "procedures.resolved.commune", "1.200")
    _type(page, "procedures.resolved_on_time.commune", "1.3OO")
    finding = page.locator("#f-procedures__resolved_on_time__commune .finding.error")
    finding.wait_for()
    assert "không phải là số" in finding.inner_text()
    assert page.locator("#summary").inner_text().startswith("1 lỗi")
    page.locator("#row-procedures__resolved_on_time__commune").scroll_into_view_if_needed()
    shoot(page, shots, "04-editor-error", full=False)
    _type(page, "procedures.resolved_on_time.commune", "1.188")
    expect(page.locator("#summary")).to_contain_text("Không có lỗi")
    calc = page.locator("#calc-procedures__on_time_rate__commune")
    assert calc.inner_text().startswith("= 99,00"), "the ratio is computed live from its parts"
    calc.click()
    for key, value in (("direction.directive_documents", "3"), ("direction.plan_tasks", "20"),
                       ("direction.plan_tasks_done", "10"),
                       ("procedures.dossiers_received.commune", "1.250")):  # fmt: skip
        _type(page, key, value)
    _wait_saved(page)
    page.reload()
    assert page.locator("#v-procedures__on_time_rate__commune").input_value() == "99,00"
    page.locator("a[hx-get$='/history/procedures.resolved_on_time.commune']").click()
    page.locator("#side table.history", has_text="1.3OO").wait_for()
    page.locator("#row-procedures__resolved_on_time__commune").scroll_into_view_if_needed()
    shoot(page, shots, "05-editor-fixed-with-history", full=False)


def test_unsaved_input_survives_a_lost_connection(as_user, server, shots):
    page = as_user("xa1")
    page.goto(server + EDITOR)
    page.context.set_offline(True)
    _type(page, "direction.communication_items", "42")
    page.locator("#net").wait_for(state="visible")
    shoot(page, shots, "06-editor-offline", full=False)
    page.context.set_offline(False)
    page.reload()
    field = page.locator("#v-direction__communication_items")
    assert field.input_value() == "42", "restored from the browser's storage"
    _wait_saved(page)
    page.reload()
    assert field.input_value() == "42", "and sent to the server once back online"


def test_submit_return_resubmit_approve(as_user, server, shots):
    clerk, approver = as_user("xa1"), as_user("duyet")
    clerk.goto(server + EDITOR)
    clerk.click("#submit-report")
    assert "Đã nộp" in clerk.locator("#status").inner_text()
    approver.goto(server + EDITOR)
    approver.fill("#reason", "Mục 3.1 chưa có số liệu số hóa")
    shoot(approver, shots, "07-approver-before-return", full=False)
    approver.click("#return-report")
    assert "Bị trả lại" in approver.locator("#status").inner_text()
    clerk.goto(server + EDITOR)
    assert "Mục 3.1 chưa có số liệu số hóa" in clerk.content()
    _type(clerk, "procedures.digitised_dossiers.commune", "900")
    _wait_saved(clerk)
    clerk.click("#submit-report")
    approver.goto(server + EDITOR)
    approver.click("#approve-report")
    assert "Đã duyệt" in approver.locator("#status").inner_text()
    clerk.goto(server + EDITOR)
    assert clerk.locator("#v-procedures__resolved__commune").is_disabled(), "approved: locked"
    shoot(clerk, shots, "08-approved-locked", full=False)
    approver.goto(server + "/?period=2023-Q3")
    approver.locator("#chart-levels").wait_for()
    shoot(approver, shots, "09-dashboard-district")


def test_a_reporter_cannot_open_another_units_report(as_user, server, shots):
    page = as_user("xa1")
    response = page.goto(server + "/reports/c07207/2023-Q3/commune-581")
    assert response.status == 403
    assert "Không có quyền" in page.content()
    shoot(page, shots, "10-forbidden", full=False)


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared/samples not present")
def test_upload_a_sample_and_review_it(as_user, server, shots):
    page = as_user("tinh")
    page.goto(server + "/import")
    shoot(page, shots, "11-import", full=False)
    page.set_input_files("input[name=files]", str(SAMPLE))
    page.click("#upload")
    page.wait_for_url("**/documents/*")
    assert page.locator(".ln.hit").count() >= 20
    page.locator("a.jump").nth(3).click()
    shoot(page, shots, "12-review", full=False)
    page.fill("input[name='c:procedures.in_force']", "1.896")
    page.click("#save-review")
    page.wait_for_url("**/reports/p24/2023-Q3/province-581?saved=1")
    assert page.locator("#v-procedures__in_force").input_value() == "1.896"
    shoot(page, shots, "13-province-editor", full=False)


def test_other_pages(as_user, server, shots):
    province = as_user("tinh")
    province.goto(server + "/?period=2023-Q3")
    province.locator("#chart-trend").wait_for()
    shoot(province, shots, "14-dashboard-province")
    province.goto(server + "/aggregate?unit=d213&period=2023-Q3")
    assert "Phường Thọ Xương" in province.content()
    shoot(province, shots, "15-aggregate")
    province.goto(server + "/catalog/templates/commune-581")
    shoot(province, shots, "16-catalog-template", full=False)
    province.goto(server + "/reports")
    shoot(province, shots, "17-report-list", full=False)
    admin = as_user("admin")
    admin.goto(server + "/admin/users")
    shoot(admin, shots, "18-admin-users", full=False)
    admin.goto(server + "/admin/catalog")
    assert "province-581.yaml" in admin.content()
    shoot(admin, shots, "22-admin-catalog", full=False)


def test_admin_adds_a_unit_and_sets_a_deadline(as_user, server, shots):
    admin = as_user("admin")
    admin.goto(server + "/admin/units?unit=d213")
    admin.select_option("select[name=kind]", "xã")
    admin.fill("form[action$='/children'] input[name=name]", "Xã Thử Nghiệm")
    admin.click("form[action$='/children'] button[type=submit]")
    admin.locator(".flash.ok").wait_for()
    assert "Xã Thử Nghiệm" in admin.locator("table.list").last.inner_text()
    shoot(admin, shots, "19-admin-units")
    admin.goto(server + "/admin/periods?year=2023")
    section = admin.locator("#period-2023-Q3")
    section.locator("input[name=commune]").fill("2023-09-15")
    section.locator("button[type=submit]").click()
    admin.locator(".flash.ok").wait_for()
    assert "đã đặt riêng" in admin.locator("#period-2023-Q3").inner_text()
    shoot(admin, shots, "20-admin-periods", full=False)
    admin.goto(server + "/account")
    shoot(admin, shots, "21-account", full=False)


def test_download_a_docx(as_user, server, shots):
    page = as_user("xa1")
    page.goto(server + EDITOR)
    if not page.locator("a[href$='/download/docx']").count():  # no report yet: start one
        _type(page, "procedures.resolved.commune", "1.200")
        _wait_saved(page)
        page.goto(server + EDITOR)
    with page.expect_download() as download:
        page.click("a[href$='/download/docx']")
    path = download.value.path()
    assert Path(path).read_bytes()[:2] == b"PK"
