"""A reply of success means the work is stored: the request's transaction commits before
the reply is sent, and a commit that fails is answered as an error."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.web.conftest import editor_path


def test_a_failed_commit_is_answered_as_an_error_and_stores_nothing(app, token):
    headers = token("xa1")
    client = TestClient(app, raise_server_exceptions=False)  # as a browser sees the reply
    comments = f"/api{editor_path()}/comments"

    def fail(_session) -> None:
        raise OSError("disk full")

    event.listen(app.state.cchc.sessions, "before_commit", fail)
    try:
        reply = client.post(comments, json={"text": "Số liệu mục 1 cần xem lại"}, headers=headers)
    finally:
        event.remove(app.state.cchc.sessions, "before_commit", fail)
    assert reply.status_code == 500
    assert reply.json()["error"]["code"] == "internal_error"
    assert client.get(comments, headers=headers).json()["comments"] == []
