"""Sessions live on the server: a copied cookie stops working after logout and after a
password change; cookies are Secure over TLS; every reply carries the security headers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cchc.settings import Settings
from cchc.web import create_app
from cchc.web.app import SESSION_COOKIE
from tests.web.conftest import PASSWORD, csrf


def _copy_of(client: TestClient, app) -> TestClient:
    thief = TestClient(app)
    thief.cookies.set(SESSION_COOKIE, client.cookies[SESSION_COOKIE])
    return thief


def test_a_copied_cookie_dies_with_logout(app, login):
    clerk = login("xa1")
    thief = _copy_of(clerk, app)
    assert thief.get("/", follow_redirects=False).status_code == 200
    clerk.post("/logout", data={"csrf_token": csrf(clerk)})
    assert thief.get("/", follow_redirects=False).status_code == 303


def test_a_password_change_ends_every_other_session(app, login):
    clerk, elsewhere = login("xa1"), login("xa1")
    thief = _copy_of(elsewhere, app)
    fields = {"current": PASSWORD, "new": "mat-khau-moi-2", "repeat": "mat-khau-moi-2",
              "csrf_token": csrf(clerk, "/account")}  # fmt: skip
    assert clerk.post("/account/password", data=fields).status_code == 200
    assert clerk.get("/", follow_redirects=False).status_code == 200, "this browser stays in"
    assert elsewhere.get("/", follow_redirects=False).status_code == 303
    assert thief.get("/", follow_redirects=False).status_code == 303


def test_security_headers_on_pages_and_api(client):
    for path in ("/login", "/api/me", "/static/app.css", "/nowhere"):
        headers = client.get(path).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in headers, "no HSTS over plain HTTP"


def test_over_tls_cookies_are_secure_and_hsts_is_sent(engine, accounts):
    settings = Settings(database_url=str(engine.url), secret_key="test", https=True)
    app = create_app(settings, engine=engine)
    browser = TestClient(app, base_url="https://testserver")
    page = browser.get("/login")
    assert page.headers["strict-transport-security"].startswith("max-age=")
    fields = {"username": "xa1", "password": PASSWORD, "csrf_token": csrf(browser, "/login")}
    reply = browser.post("/login", data=fields, follow_redirects=False)
    assert "secure" in reply.headers["set-cookie"].lower()
