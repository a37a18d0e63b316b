"""The web app on each test database, with accounts in a small part of the tree:
province Bắc Giang (p24) → Thành phố Bắc Giang (d213) → phường Thọ Xương (c07201) and
phường Ngô Quyền (c07207)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import text

from cchc.settings import Settings
from cchc.storage import find_unit, transaction
from cchc.storage.models import User
from cchc.web import create_app
from cchc.web.accounts import hash_password

PASSWORD = "mat-khau-thu"
ACCOUNTS = {
    "admin": ("admin", None),
    "tinh": ("aggregator", "p24"),
    "duyet": ("approver", "d213"),
    "xa1": ("reporter", "c07201"),
    "xa2": ("reporter", "c07207"),
}
Q3 = "2023-Q3"
COMMUNE = "commune-581"


@lru_cache(maxsize=1)
def _hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def accounts(engine):
    """The accounts above (all with PASSWORD); removed again after the test."""
    with transaction(engine) as session:
        for username, (role, unit_key) in ACCOUNTS.items():
            unit = find_unit(session, unit_key) if unit_key else None
            session.add(
                User(username=username, full_name=username.upper(), password_hash=_hash(),
                     role=role, unit_id=unit.id if unit else None, active=True)
            )  # fmt: skip
    yield ACCOUNTS
    with engine.begin() as connection:
        for table in ("api_tokens", "web_sessions", "login_attempts", "users"):
            connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def app(engine, accounts):
    """The app on the test database."""
    return create_app(Settings(database_url=str(engine.url), secret_key="test"), engine=engine)


@pytest.fixture
def client(app):
    """A browser without a session."""
    with TestClient(app) as client:
        yield client


@pytest.fixture
def login(app):
    """``login("xa1")`` → a client logged in as that account."""
    clients = []

    def make(username: str) -> TestClient:
        client = TestClient(app)
        clients.append(client)
        response = client.post(
            "/login",
            data={"username": username, "password": PASSWORD, "csrf_token": csrf(client, "/login")},
        )
        assert response.status_code == 200, response.text
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def token(client):
    """``token("xa1")`` → headers with a bearer token for that account."""

    def make(username: str) -> dict[str, str]:
        response = client.post("/api/auth/token", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    return make


def csrf(client: TestClient, page: str = "/") -> str:
    """The session's CSRF token, as a page embeds it."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found, "no CSRF token on " + page
    return found.group(1)


def version(client: TestClient, page: str) -> str:
    """The report version a page's forms carry (its hidden ``version`` field)."""
    found = re.search(r'name="version" value="(\d+)"', client.get(page).text)
    assert found, "no report version on " + page
    return found.group(1)


def if_match(client: TestClient, api_path: str, headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with ``If-Match`` set to the report's ETag as a GET gives it now."""
    return {**headers, "If-Match": client.get(api_path, headers=headers).headers["ETag"]}


def editor_path(unit: str = "c07201", period: str = Q3, template: str = COMMUNE) -> str:
    """The address of a report's editor."""
    return f"/reports/{unit}/{period}/{template}"


def htmx(client: TestClient, page: str = "/") -> dict[str, str]:
    """Headers of an HTMX request with the session's CSRF token."""
    return {"HX-Request": "true", "X-CSRF-Token": csrf(client, page)}


def free_port() -> int:
    """A TCP port free on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app) -> Iterator[str]:
    """``app`` served by a real uvicorn server on 127.0.0.1 in a thread; yields its base URL.
    The reply reaches the client the way a browser sees it (not the in-process TestClient)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
