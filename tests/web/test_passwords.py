"""Changing one's own password and an admin resetting one: pages and API."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from cchc.storage import transaction
from cchc.storage.models import User
from tests.web.conftest import PASSWORD, csrf

NEW = "mat-khau-moi-2026"


def _log_in(app, username: str, password: str) -> int:
    with TestClient(app) as browser:
        fields = {"username": username, "password": password, "csrf_token": csrf(browser, "/login")}
        return browser.post("/login", data=fields, follow_redirects=False).status_code


def test_a_user_changes_their_password_and_old_tokens_stop_working(app, login, token, client):
    old_token = token("xa1")
    browser = login("xa1")
    form = {"current": PASSWORD, "new": NEW, "repeat": NEW, "csrf_token": csrf(browser, "/account")}
    changed = browser.post("/account/password", data=form)
    assert changed.status_code == 200 and "Đã đổi mật khẩu" in changed.text
    assert _log_in(app, "xa1", PASSWORD) == 401
    assert _log_in(app, "xa1", NEW) == 303
    assert client.get("/api/me", headers=old_token).status_code == 401


def test_a_wrong_or_weak_password_change_is_refused_in_vietnamese(app, login):
    browser = login("xa1")
    page = "/account"
    wrong = {"current": "sai-mat-khau", "new": NEW, "repeat": NEW}
    response = browser.post("/account/password", data={**wrong, "csrf_token": csrf(browser, page)})
    assert response.status_code == 400 and "Mật khẩu hiện tại không đúng" in response.text
    differ = {"current": PASSWORD, "new": NEW, "repeat": NEW + "x"}
    response = browser.post("/account/password", data={**differ, "csrf_token": csrf(browser, page)})
    assert "không giống nhau" in response.text
    short = {"current": PASSWORD, "new": "ngan", "repeat": "ngan"}
    response = browser.post("/account/password", data={**short, "csrf_token": csrf(browser, page)})
    assert "ít nhất 8 ký tự" in response.text
    assert _log_in(app, "xa1", PASSWORD) == 303  # unchanged


def test_api_password_change_and_admin_reset(app, client, token):
    headers = token("xa2")
    refused = client.post("/api/me/password", headers=headers,
                          json={"current_password": "sai", "new_password": NEW})  # fmt: skip
    assert refused.status_code == 400
    users = client.get("/api/users", headers=token("admin")).json()["users"]
    xa1 = next(u for u in users if u["username"] == "xa1")
    assert client.post(f"/api/users/{xa1['id']}/password", headers=token("duyet"),
                       json={"password": NEW}).status_code == 403  # fmt: skip
    reset = client.post(f"/api/users/{xa1['id']}/password", headers=token("admin"),
                        json={"password": NEW})  # fmt: skip
    assert reset.status_code == 204
    assert _log_in(app, "xa1", NEW) == 303
    done = client.post("/api/me/password", headers=headers,
                       json={"current_password": PASSWORD, "new_password": NEW})  # fmt: skip
    assert done.status_code == 204
    assert client.get("/api/me", headers=headers).status_code == 401  # its token was revoked


def test_admin_resets_a_password_on_the_accounts_page(app, login, engine):
    admin = login("admin")
    assert "Đặt lại mật khẩu" in admin.get("/admin/users").text
    with transaction(engine) as session:
        xa1 = session.scalar(select(User.id).where(User.username == "xa1"))
    fields = {"password": NEW, "csrf_token": csrf(admin, "/admin/users")}
    done = admin.post(f"/admin/users/{xa1}/password", data=fields)
    assert done.status_code == 200 and "Đã đặt lại mật khẩu của xa1" in done.text
    assert _log_in(app, "xa1", NEW) == 303
    short_form = {"password": "x", "csrf_token": csrf(admin, "/admin/users")}
    short = admin.post(f"/admin/users/{xa1}/password", data=short_form)
    assert short.status_code == 400 and "ít nhất 8 ký tự" in short.text
    assert login("tinh").post(f"/admin/users/{xa1}/password", data=fields).status_code == 403
