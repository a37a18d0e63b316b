"""Lockout that holds under concurrency and cannot be turned against others: attempts are
counted atomically by name and address, another address still logs in, unknown names answer
as known ones do, and the counter is never shown before the lock."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

import cchc.web.auth as auth
from cchc.storage import transaction
from cchc.storage.models import LoginAttempt
from tests.web.conftest import PASSWORD, csrf


def _browser(app, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def _login(client: TestClient, username: str, password: str):
    fields = {"username": username, "password": password, "csrf_token": csrf(client, "/login")}
    return client.post("/login", data=fields)


def test_five_failures_lock_that_name_from_that_address_only(app):
    attacker = _browser(app, "10.0.0.66")
    for _ in range(4):
        reply = _login(attacker, "xa1", "sai")
        assert reply.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in reply.text
        assert "lần thử" not in reply.text, "no counter before the lock"
    fifth = _login(attacker, "xa1", "sai")
    assert fifth.status_code == 429 and "thử lại sau 15 phút" in fifth.text
    assert _login(attacker, "xa1", PASSWORD).status_code == 429, "locked even with the password"
    api = attacker.post("/api/auth/token", json={"username": "xa1", "password": PASSWORD})
    assert api.status_code == 429 and api.json()["error"]["code"] == "locked"
    clerk = _browser(app, "10.0.0.7")  # the clerk at her own desk is not locked out
    assert _login(clerk, "xa1", PASSWORD).status_code == 200


def test_an_address_that_sprays_many_names_is_stopped(app):
    sprayer = _browser(app, "10.0.0.99")
    codes = [
        _login(sprayer, f"ten-{n}", "sai").status_code for n in range(auth.MAX_ADDRESS_ATTEMPTS)
    ]
    assert codes[:-1] == [401] * (auth.MAX_ADDRESS_ATTEMPTS - 1) and codes[-1] == 429
    assert _login(sprayer, "xa2", PASSWORD).status_code == 429


def test_unknown_names_answer_exactly_as_known_ones(app, monkeypatch):
    checked = []
    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda h, p: checked.append(h) or real(h, p))
    known, unknown = _browser(app, "10.0.1.1"), _browser(app, "10.0.1.2")
    for _ in range(5):
        a, b = _login(known, "xa1", "sai"), _login(unknown, "khong-co-ai", "sai")
        assert (a.status_code, _message(a.text)) == (b.status_code, _message(b.text))
    assert len(checked) == 10, "a password hash is checked for unknown names too"


def _message(page: str) -> str:
    start = page.index('class="flash error"')
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize("guesses", [30])
def test_concurrent_guesses_are_all_counted(app, engine, monkeypatch, guesses):
    """30 parallel wrong guesses through the API from one address: at most five passwords
    are checked, the rest are refused as locked, and every attempt is on record."""
    checked = []
    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda h, p: checked.append(h) or real(h, p))
    client = _browser(app, "10.0.2.1")

    def guess(n: int) -> int:
        body = {"username": "xa1", "password": f"sai-{n}"}
        return client.post("/api/auth/token", json=body).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(guess, range(guesses)))
    assert codes.count(401) + codes.count(429) == guesses
    assert codes.count(401) <= auth.MAX_ATTEMPTS - 1 and len(checked) <= auth.MAX_ATTEMPTS
    with transaction(engine) as session:
        recorded = select(func.count()).where(LoginAttempt.address == "10.0.2.1")
        assert session.scalar(recorded) == guesses
