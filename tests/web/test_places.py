"""A report's address as a route dependency (cchc.web.places): who asks is checked before the
place is looked up, the place before the permission, and a bad JSON body before the place."""

from __future__ import annotations

from tests.web.conftest import editor_path

UNKNOWN = editor_path("khong-co")
OTHER = editor_path("c07207")


def test_the_caller_then_the_place_then_the_permission(client, login, token):
    for suffix in ("", "/comments", "/history/procedures.resolved.commune", "/download/docx"):
        assert client.get("/api" + UNKNOWN + suffix).status_code == 401, suffix
        assert client.get("/api" + UNKNOWN + suffix, headers=token("xa1")).status_code == 404
        assert client.get("/api" + OTHER + suffix, headers=token("xa1")).status_code == 403
    clerk = login("xa1")
    for suffix in ("", "/history/procedures.resolved.commune", "/download/docx"):
        page = client.get(UNKNOWN + suffix, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login"), suffix
        assert clerk.get(UNKNOWN + suffix).status_code == 404, suffix
        assert clerk.get(OTHER + suffix).status_code == 403, suffix


def test_a_bad_json_body_is_refused_before_the_place_is_looked_up(client, token):
    headers = token("xa1")
    assert client.put("/api" + UNKNOWN + "/values", json={}, headers=headers).status_code == 422
    assert client.post("/api" + UNKNOWN + "/workflow", json={}, headers=headers).status_code == 422


def test_the_openapi_document_keeps_the_address_parameters(client):
    paths = client.get("/openapi.json").json()["paths"]
    report_paths = [path for path in paths if path.startswith("/api/reports/{unit_key}")]
    assert len(report_paths) == 7
    for path in report_paths:
        for operation in paths[path].values():
            names = {p["name"] for p in operation["parameters"] if p["in"] == "path"}
            required = all(p["required"] for p in operation["parameters"] if p["in"] == "path")
            assert {"unit_key", "period", "template"} <= names and required, path
