"""`cchc init` creates the first admin once; `cchc serve` is registered."""

from __future__ import annotations

import contextlib

from sqlalchemy import select

from cchc.cli.main import main
from cchc.storage import make_engine, transaction
from cchc.storage.models import User
from cchc.web.accounts import verify_password


def _run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1


def _users(url: str) -> list[User]:
    engine = make_engine(url)
    with transaction(engine) as session:
        users = list(session.scalars(select(User)))
    engine.dispose()
    return users


def test_init_creates_the_admin_from_the_environment(monkeypatch, capsys, sqlite_url):
    monkeypatch.setenv("CCHC_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("CCHC_ADMIN_USER", "quantri")
    monkeypatch.setenv("CCHC_ADMIN_PASSWORD", "mat-khau-dai")
    assert _run("init") == 0
    assert "Tài khoản quản trị «quantri»" in capsys.readouterr().out
    (admin,) = _users(sqlite_url)
    assert admin.role == "admin" and admin.unit_id is None
    assert verify_password(admin.password_hash, "mat-khau-dai")
    assert _run("init") == 0
    assert "quản trị" not in capsys.readouterr().out, "only the first time"


def test_init_prints_a_generated_password_once(monkeypatch, capsys, sqlite_url):
    monkeypatch.setenv("CCHC_DATABASE_URL", sqlite_url)
    monkeypatch.delenv("CCHC_ADMIN_USER", raising=False)
    monkeypatch.delenv("CCHC_ADMIN_PASSWORD", raising=False)
    assert _run("init") == 0
    out = capsys.readouterr().out
    assert "«admin», mật khẩu:" in out
    password = out.split("mật khẩu:")[1].split()[0]
    (admin,) = _users(sqlite_url)
    assert verify_password(admin.password_hash, password)


def test_serve_is_a_command(capsys):
    with contextlib.suppress(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "--port" in out
