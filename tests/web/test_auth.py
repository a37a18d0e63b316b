"""Logging in and out, lockout, CSRF, API tokens and the JSON error shape."""

from __future__ import annotations

from tests.web.conftest import PASSWORD, csrf, editor_path, htmx


def test_pages_need_a_login_and_the_login_page_is_vietnamese(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    page = client.get("/login")
    assert "Đăng nhập" in page.text and 'lang="vi"' in page.text


def test_login_then_logout(client):
    token = csrf(client, "/login")
    response = client.post(
        "/login", data={"username": "xa1", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 200
    assert "Tổng quan" in response.text and "Phường Thọ Xương" in response.text
    client.post("/logout", data={"csrf_token": csrf(client)})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_posts_without_the_csrf_token_are_refused(login):
    clerk = login("xa1")
    path = editor_path()
    form = clerk.post(path + "/values", data={"procedures.resolved.commune": "5"})
    assert form.status_code == 403 and "tải lại trang" in form.text
    wrong = clerk.post(
        path + "/values",
        data={"procedures.resolved.commune": "5"},
        headers={"HX-Request": "true", "X-CSRF-Token": "forged"},
    )
    assert wrong.status_code == 403
    good = clerk.post(path + "/values", data={"procedures.resolved.commune": "5", "version": "0"},
                      headers=htmx(clerk, path))  # fmt: skip
    assert good.status_code == 200


def test_login_form_itself_needs_the_token(client):
    response = client.post("/login", data={"username": "xa1", "password": PASSWORD})
    assert response.status_code == 403


def test_api_needs_a_bearer_token(client, token):
    response = client.get("/api/reports")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/reports", headers={"Authorization": "Bearer nope"}).status_code == 401
    me = client.get("/api/me", headers=token("xa1")).json()
    assert isinstance(me.pop("id"), int)
    assert me == {"username": "xa1", "full_name": "XA1", "role": "reporter", "unit": "c07201",
                  "unit_name": "Phường Thọ Xương", "active": True}  # fmt: skip
    wrong = client.post("/api/auth/token", json={"username": "xa1", "password": "sai"})
    assert wrong.status_code == 401


def test_json_error_shape_is_pinned(client, token):
    """Every API error: {"error": {"code", "message", "message_en"}} and nothing else."""
    cases = [
        (client.get("/api/reports"), 401, "unauthorized"),
        (client.get("/api/reports/khong-co/2023-Q3/commune-581", headers=token("admin")), 404,
         "not_found"),
        (client.get(editor_path("c07207").replace("/reports", "/api/reports"),
                    headers=token("xa1")), 403, "forbidden"),
        (client.get("/api/reports/c07201/2023-Q9/commune-581", headers=token("xa1")), 400,
         "bad_request"),
        (client.post("/api/auth/token", json={"username": "x"}), 422, "invalid_input"),
        (client.get("/api/khong-co", headers=token("xa1")), 404, "not_found"),
    ]  # fmt: skip
    for response, status, code in cases:
        assert response.status_code == status, response.text
        body = response.json()
        assert list(body) == ["error"]
        assert sorted(body["error"]) == ["code", "message", "message_en"]
        assert body["error"]["code"] == code
        assert body["error"]["message"] and body["error"]["message_en"]


def test_openapi_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/auth/token" in paths
    assert "/api/reports/{unit_key}/{period}/{template}/values" in paths
    assert not any(p.startswith("/reports") for p in paths), "pages stay out of the API schema"
