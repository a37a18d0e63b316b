"""No account takeover: an admin of a unit acts only inside its subtree and never gives wider
scope than its own; shared settings need a nationwide admin. Probed as an account × endpoint
matrix over the pages and the API, every cell compared with what the scope rule allows."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from cchc.storage import find_unit, transaction
from cchc.storage.models import Unit, UnitClosure, User
from tests.web.conftest import PASSWORD, _hash, csrf

# Admins at three depths of one province, one beside it, plus the usual accounts.
ADMINS = {"qt-tinh": "p24", "qt-huyen": "d213", "qt-xa": "c07201", "qt-khac": "p01"}
TARGET_UNITS = [None, "p24", "d213", "c07201", "c07207", "p01"]


@pytest.fixture
def admins(engine, accounts):
    """Unit-scoped admins (all with PASSWORD)."""
    with transaction(engine) as session:
        for username, key in ADMINS.items():
            unit = find_unit(session, key)
            session.add(User(username=username, full_name=username, password_hash=_hash(),
                             role="admin", unit_id=unit.id, active=True))  # fmt: skip
    return ADMINS


def _ancestry(engine) -> dict[str, set[str]]:
    """Unit key → the keys of its subtree (itself included), read from the database."""
    with transaction(engine) as session:
        keys = {u.id: u.key for u in session.scalars(select(Unit).where(Unit.key.in_(
            [k for k in TARGET_UNITS if k])))}  # fmt: skip
        pairs = session.execute(
            select(UnitClosure.ancestor_id, UnitClosure.descendant_id).where(
                UnitClosure.ancestor_id.in_(keys), UnitClosure.descendant_id.in_(keys)
            )
        )
        tree: dict[str, set[str]] = {key: set() for key in keys.values()}
        for ancestor, descendant in pairs:
            tree[keys[ancestor]].add(keys[descendant])
    return tree


def _may(tree, actor_unit: str | None, unit: str | None, role: str, itself: bool) -> bool:
    """The scope rule, stated on scopes: the account's scope lies inside the actor's, strictly
    inside for an admin account (an admin may always manage itself)."""
    if actor_unit is None or itself:
        return True
    if unit is None or unit not in tree[actor_unit]:
        return False
    return role != "admin" or unit != actor_unit


def test_account_creation_matrix(engine, admins, token, client):
    tree = _ancestry(engine)
    escalations, cells = [], 0
    for (actor, actor_unit), unit, role in itertools.product(
        [("admin", None), *ADMINS.items()], TARGET_UNITS, ["admin", "reporter"]
    ):
        if role == "reporter" and unit is None:
            continue  # refused for everybody: a reporter needs a unit
        cells += 1
        name = f"tk-{actor}-{unit or 'vn'}-{role}".replace(".", "")
        body = {"username": name, "password": PASSWORD, "role": role, "unit": unit}
        reply = client.post("/api/users", json=body, headers=token(actor))
        allowed = _may(tree, actor_unit, unit, role, itself=False)
        if (reply.status_code == 201) != allowed:
            escalations.append((actor, unit, role, reply.status_code))
        if not allowed:
            assert reply.status_code == 403 and reply.json()["error"]["message"]
    assert cells == 55 and escalations == []


def _user_id(engine, username: str) -> int:
    with transaction(engine) as session:
        return session.scalar(select(User.id).where(User.username == username))


def test_password_reset_and_lock_matrix(engine, admins, token, login, client):
    tree = _ancestry(engine)
    targets = {"admin": (None, "admin"), **{n: (k, "admin") for n, k in ADMINS.items()},
               "tinh": ("p24", "aggregator"), "xa1": ("c07201", "reporter")}  # fmt: skip
    ids = {name: _user_id(engine, name) for name in targets}
    escalations = []
    for actor, actor_unit in ADMINS.items():
        headers = token(actor)
        page = login(actor)
        for target, (unit, role) in targets.items():
            allowed = _may(tree, actor_unit, unit, role, itself=target == actor)
            reset = client.post(f"/api/users/{ids[target]}/password",
                                json={"password": "mat-khau-moi-1"}, headers=headers)  # fmt: skip
            lock = page.post(f"/admin/users/{ids[target]}/active",
                             data={"active": "1", "csrf_token": csrf(page, "/admin/users")},
                             follow_redirects=False)  # fmt: skip
            if (reset.status_code == 204) != allowed or (lock.status_code == 303) != allowed:
                escalations.append((actor, target, reset.status_code, lock.status_code))
            if allowed:  # put the password back (a reset also revokes the account's tokens)
                client.post(f"/api/users/{ids[target]}/password", json={"password": PASSWORD},
                            headers=token("admin"))  # fmt: skip
                if target == actor:  # its own sessions and tokens ended with the reset
                    headers, page = token(actor), login(actor)
    assert escalations == []
    with transaction(engine) as session:  # the nationwide admin is untouched
        admin = session.scalar(select(User).where(User.username == "admin"))
        assert admin.active
    login_body = {"username": "admin", "password": PASSWORD}
    assert client.post("/api/auth/token", json=login_body).is_success


def test_an_admin_cannot_lock_itself(engine, admins, login):
    page = login("qt-tinh")
    me = _user_id(engine, "qt-tinh")
    reply = page.post(f"/admin/users/{me}/active",
                      data={"active": "0", "csrf_token": csrf(page, "/admin/users")})  # fmt: skip
    assert reply.status_code == 400 and "tự khóa" in reply.text
    with transaction(engine) as session:
        assert session.get(User, me).active


def test_shared_settings_need_a_nationwide_admin(admins, token, client, login):
    body = {"commune": "2023-09-15"}
    for actor in ADMINS:
        refused = client.put("/api/periods/2023-Q3/deadlines", json=body, headers=token(actor))
        assert refused.status_code == 403, actor
        assert "toàn hệ thống" in refused.json()["error"]["message"]
        yaml_headers = {**token(actor), "Content-Type": "application/yaml"}
        catalog = client.put("/api/catalog/files/x.yaml", content=b"indicators: []\n",
                             headers=yaml_headers)  # fmt: skip
        assert catalog.status_code == 403, actor
    page = login("qt-tinh")
    fields = {"commune": "2023-09-15", "csrf_token": csrf(page, "/admin/periods")}
    form = page.post("/admin/periods/2023-Q3", data=fields)
    assert form.status_code == 403
    ok = client.put("/api/periods/2023-Q3/deadlines", json=body, headers=token("admin"))
    assert ok.status_code == 200


def test_a_scoped_admin_changes_units_strictly_below_its_own(admins, token, client):
    headers = token("qt-tinh")
    own = client.patch("/api/units/p24", json={"name": "Tỉnh Đổi Tên"}, headers=headers)
    assert own.status_code == 403
    beside = client.patch("/api/units/p01", json={"name": "Đổi Tên"}, headers=headers)
    assert beside.status_code == 403
    below = client.patch("/api/units/d213", json={"short_name": "TP Bắc Giang"}, headers=headers)
    assert below.status_code == 200
