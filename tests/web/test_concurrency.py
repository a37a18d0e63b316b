"""A crowd of API clients on a real server (uvicorn on 127.0.0.1), on SQLite and PostgreSQL:
no lost update, exactly one winner per workflow step, no 500 on a report's first save, and a
reply of success is visible to the next request at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.web.conftest import PASSWORD, editor_path, live_server

CLIENTS = 20
API = "/api" + editor_path()
COUNTER = "direction.directive_documents"


@pytest.fixture
def server(app):
    """The app served for real; yields its URL."""
    with live_server(app) as url:
        yield url


def _token(url: str, username: str) -> dict[str, str]:
    reply = httpx.post(url + "/api/auth/token", json={"username": username, "password": PASSWORD})
    assert reply.status_code == 200, reply.text
    return {"Authorization": "Bearer " + reply.json()["token"]}


def _crowd(work, n: int = CLIENTS) -> list:
    """Run ``work(i)`` in ``n`` threads released at the same moment."""
    start = threading.Barrier(n)

    def run(i: int):
        start.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))


def test_read_increment_write_loses_no_update(server):
    headers = _token(server, "xa1")
    rounds = 3
    with httpx.Client(base_url=server, headers=headers, timeout=60) as http:
        first = http.put(API + "/values", json={"values": {COUNTER: 0}}, headers={"If-Match": "0"})
        assert first.status_code == 200, first.text

    def increment(_i: int) -> tuple[int, int]:
        done = refused = 0
        with httpx.Client(base_url=server, headers=headers, timeout=60) as http:
            while done < rounds:
                read = http.get(API)
                value = read.json()["values"][COUNTER]["num"]
                body = {"values": {COUNTER: int(value) + 1}}
                write = http.put(
                    API + "/values", json=body, headers={"If-Match": read.headers["ETag"]}
                )
                assert write.status_code in (200, 409), write.text
                if write.status_code == 409:
                    refused += 1
                    error = write.json()["error"]
                    assert "hiện là" in error["message"] and error["current"]["version"] > 0
                else:
                    done += 1
        return done, refused

    results = _crowd(increment)
    with httpx.Client(base_url=server, headers=headers) as http:
        final = http.get(API).json()["values"][COUNTER]["num"]
        history = http.get(API + f"/history/{COUNTER}").json()["changes"]
    assert final == CLIENTS * rounds, f"{CLIENTS * rounds - final} updates lost"
    assert sum(r for _d, r in results) > 0, "the clients did collide"
    chain = [(c["old"]["num"], c["new"]["num"]) for c in history]
    assert chain == [(None, 0)] + [(n, n + 1) for n in range(CLIENTS * rounds)], "audit chain"


def _submitted_report(server, headers) -> str:
    with httpx.Client(base_url=server, headers=headers) as http:
        saved = http.put(API + "/values", json={"values": {COUNTER: 3}}, headers={"If-Match": "0"})
        assert saved.status_code == 200, saved.text
        return saved.headers["ETag"]


def test_concurrent_submits_have_exactly_one_winner(server):
    headers = _token(server, "xa1")
    tag = _submitted_report(server, headers)

    def submit(_i: int) -> int:
        with httpx.Client(base_url=server, headers=headers, timeout=60) as http:
            reply = http.post(
                API + "/workflow", json={"action": "submit"}, headers={"If-Match": tag}
            )
            return reply.status_code

    codes = _crowd(submit)
    assert sorted(codes) == [200] + [409] * (CLIENTS - 1)


def test_concurrent_approve_and_return_have_exactly_one_winner(server):
    clerk, approver = _token(server, "xa1"), _token(server, "duyet")
    tag = _submitted_report(server, clerk)
    with httpx.Client(base_url=server, headers=clerk) as http:
        submitted = http.post(
            API + "/workflow", json={"action": "submit"}, headers={"If-Match": tag}
        )
        tag = submitted.headers["ETag"]

    def decide(i: int) -> tuple[str, int]:
        body = {"action": "approve"} if i % 2 else {"action": "return", "reason": "Thiếu số liệu"}
        with httpx.Client(base_url=server, headers=approver, timeout=60) as http:
            reply = http.post(API + "/workflow", json=body, headers={"If-Match": tag})
            return body["action"], reply.status_code

    results = _crowd(decide)
    winners = [action for action, code in results if code == 200]
    assert len(winners) == 1 and all(code in (200, 409) for _a, code in results)
    with httpx.Client(base_url=server, headers=clerk) as http:
        events = http.get(API).json()["events"]
        anyhow = http.post(API + "/workflow", json={"action": "submit"}, headers={"If-Match": "*"})
    assert anyhow.status_code == 428, "a workflow step names the state it starts from"
    assert [e["to"] for e in events][-1] == {"approve": "approved", "return": "returned"}[
        winners[0]
    ]
    assert [e["to"] for e in events].count("approved") + [e["to"] for e in events].count(
        "returned"
    ) == 1


def test_concurrent_first_saves_of_a_new_report_never_fail_with_500(server):
    headers = _token(server, "xa1")

    def first_save(i: int) -> int:
        with httpx.Client(base_url=server, headers=headers, timeout=60) as http:
            body = {"values": {COUNTER: i}}
            return http.put(API + "/values", json=body, headers={"If-Match": "0"}).status_code

    codes = _crowd(first_save)
    assert sorted(codes) == [200] + [409] * (CLIENTS - 1)


def test_a_write_is_visible_to_the_very_next_request(server):
    headers = _token(server, "xa1")
    with httpx.Client(base_url=server, headers=headers, timeout=60) as http:
        tag = "0"
        for n in range(40):
            write = http.put(
                API + "/values", json={"values": {COUNTER: n}}, headers={"If-Match": tag}
            )
            assert write.status_code == 200, write.text
            tag = write.headers["ETag"]
            read = http.get(API)
            assert read.json()["values"][COUNTER]["num"] == n, f"stale read after write {n}"
            assert read.headers["ETag"] == tag
    for _ in range(10):  # a token works the moment it is handed out
        fresh = _token(server, "duyet")
        assert httpx.get(server + "/api/me", headers=fresh).status_code == 200


UPLOAD = """UBND THÀNH PHỐ BẮC GIANG
UBND PHƯỜNG THỌ XƯƠNG
Số: {n}/BC-UBND
Thọ Xương, ngày 10 tháng 9 năm 2023
BÁO CÁO
Kết quả công tác cải cách hành chính Quý III năm 2023
Trong kỳ, UBND phường đã ban hành 0{n} văn bản chỉ đạo, điều hành công tác CCHC.
Tổng số hồ sơ tiếp nhận là 1.234 hồ sơ, đã giải quyết 1.200 hồ sơ.
"""


def test_concurrent_uploads_never_fail_with_500(server):
    # Reading runs with no pooled connection held: 20 uploads at once outnumber the pool.
    headers = _token(server, "xa1")

    def upload(i: int) -> tuple[int, list]:
        with httpx.Client(base_url=server, headers=headers, timeout=300) as http:
            body = UPLOAD.format(n=i % 9 + 1).encode()
            reply = http.post("/api/imports", files=[("files", (f"bc-{i}.txt", body))])
            return reply.status_code, reply.json().get("imports", [])

    replies = _crowd(upload)
    assert [code for code, _ in replies] == [200] * CLIENTS
    outcomes = [outcome for _, imports in replies for outcome in imports]
    assert len(outcomes) == CLIENTS and all(o["message"] for o in outcomes)
    assert any(o["ok"] for o in outcomes)
