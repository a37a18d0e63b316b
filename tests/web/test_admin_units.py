"""Administration of units and period deadlines: pages, API, permissions, and what the rest of
the app makes of the changes (dashboards, re-syncing the shipped unit list)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from cchc.storage import ReportStatus, change_status, find_unit, open_report, transaction
from cchc.storage.models import Unit, UnitClosure, UnitSuccessor
from cchc.storage.sync import sync_units
from cchc.units import parse_period_code
from tests.web.conftest import csrf

Q3_PERIOD = parse_period_code("2023-Q3")


@pytest.fixture(autouse=True)
def shipped_tree(engine, unit_records):
    """Put the shipped unit tree back after each test (PostgreSQL is shared by the run)."""
    yield
    if engine.url.get_backend_name() == "sqlite":
        return  # each SQLite test works on its own copy
    with transaction(engine) as session:
        changed = session.scalar(
            text("SELECT count(*) FROM admin_changes WHERE kind LIKE 'unit.%'")
        )
        session.execute(text("DELETE FROM period_deadlines"))
        session.execute(text("DELETE FROM admin_changes"))
        if not changed:
            return
        local = [u.id for u in session.scalars(select(Unit).where(Unit.key.like("%.u%")))]
        if local:
            session.execute(
                UnitClosure.__table__.delete().where(UnitClosure.descendant_id.in_(local))
            )
            session.execute(
                UnitSuccessor.__table__.delete().where(UnitSuccessor.unit_id.in_(local))
            )
            session.execute(
                UnitSuccessor.__table__.delete().where(UnitSuccessor.successor_id.in_(local))
            )
            session.execute(Unit.__table__.delete().where(Unit.id.in_(local)))
        session.execute(text("UPDATE units SET origin = 'data'"))
        sync_units(session, unit_records)


def _post(client, url: str, page: str, **fields):
    return client.post(url, data={"csrf_token": csrf(client, page), **fields})


def test_admin_adds_a_commune_and_it_is_expected_to_report(login, token, client):
    admin = login("admin")
    response = _post(admin, "/admin/units/d213/children", "/admin/units?unit=d213", kind="xã",
                     name="Xã Tân Mới", code="99991", valid_from="2023-01-01")  # fmt: skip
    assert response.status_code == 200, response.text
    assert "Đã thêm đơn vị mới" in response.text and "Xã Tân Mới" in response.text
    assert "«Xã Tân Mới» trực thuộc d213" in response.text, "the change log reads in Vietnamese"
    board = client.get("/api/dashboard?unit=d213&period=2023-Q3", headers=token("duyet")).json()
    expected = {e["unit_name"]: e["state"] for e in board["expected"]}
    assert expected["Xã Tân Mới"] == "late"  # due by 12/09/2023, nothing received
    assert "Xã Tân Mới" in admin.get("/admin/units?q=tan moi").text
    assert "Xã Tân Mới" in admin.get("/admin/units?q=99991").text


def test_bad_unit_input_is_refused_in_vietnamese_and_the_form_kept(login, engine):
    admin = login("admin")
    page = "/admin/units?unit=d213"
    wrong_level = _post(admin, "/admin/units/d213/children", page, kind="tỉnh", name="Tỉnh Lạ")
    assert wrong_level.status_code == 400
    assert "Không thể đặt một đơn vị" in wrong_level.text and 'value="Tỉnh Lạ"' in wrong_level.text
    taken = _post(admin, "/admin/units/d213/children", page, kind="phường", name="Phường Thọ Xương")
    assert taken.status_code == 400 and "đã có đơn vị" in taken.text
    bad_date = _post(admin, "/admin/units/d213/children", page, kind="xã", name="Xã A",
                     valid_from="31/02/2024")  # fmt: skip
    assert bad_date.status_code == 400 and "không phải là một ngày hợp lệ" in bad_date.text
    with transaction(engine) as session:
        assert session.scalar(select(Unit).where(Unit.name.in_(["Tỉnh Lạ", "Xã A"]))) is None


def test_ending_a_unit_needs_its_children_ended_and_records_the_successor(login, engine):
    admin = login("admin")
    page = "/admin/units?unit=d213"
    refused = _post(admin, "/admin/units/d213", page, valid_to="2024-12-31")
    assert refused.status_code == 400 and "còn đơn vị trực thuộc" in refused.text
    ended = _post(admin, "/admin/units/c07201", "/admin/units?unit=c07201",
                  valid_to="2024-12-31", successor="c07207")  # fmt: skip
    assert ended.status_code == 200 and "Đã lưu thay đổi" in ended.text
    with transaction(engine) as session:
        unit = find_unit(session, "c07201")
        assert unit.valid_to == date(2024, 12, 31) and unit.origin == "local"
        successor = session.scalar(select(UnitSuccessor).where(UnitSuccessor.unit_id == unit.id))
        assert successor.successor_id == find_unit(session, "c07207").id
        assert successor.effective == date(2025, 1, 1)


def test_local_changes_survive_a_resync_of_the_shipped_units(login, engine, unit_records):
    admin = login("admin")
    _post(admin, "/admin/units/c07201", "/admin/units?unit=c07201", name="Phường Thọ Xương Mới")
    _post(admin, "/admin/units/d213/children", "/admin/units?unit=d213", kind="xã", name="Xã Mới")
    with transaction(engine) as session:
        sync_units(session, unit_records)
    with transaction(engine) as session:
        assert find_unit(session, "c07201").name == "Phường Thọ Xương Mới"
        created = session.scalar(select(Unit).where(Unit.name == "Xã Mới"))
        ancestors = set(
            session.scalars(
                select(UnitClosure.ancestor_id).where(UnitClosure.descendant_id == created.id)
            )
        )
        assert {find_unit(session, "d213").id, find_unit(session, "p24").id} <= ancestors


def test_unit_admin_stays_in_the_admins_reach(login, token, client, engine):
    assert login("tinh").get("/admin/units").status_code == 403
    headers = token("admin")
    body = {"parent": "d213", "name": "Xã Qua API", "kind": "xã"}
    created = client.post("/api/units", json=body, headers=headers)
    assert created.status_code == 201 and created.json()["origin"] == "local"
    key = created.json()["key"]
    assert key.startswith("d213.u")
    patched = client.patch(f"/api/units/{key}", json={"name": "Xã Đổi Tên"}, headers=headers)
    assert patched.json()["name"] == "Xã Đổi Tên"
    children = client.get("/api/units/d213", headers=headers).json()["children"]
    assert "Xã Đổi Tên" in [c["name"] for c in children]
    # a reporter has no admin rights through the API either
    refused = client.post("/api/units", json=body, headers=token("xa1"))
    assert refused.status_code == 403
    assert client.get("/api/units?q=tho xuong").status_code == 401


def _submitted_on(engine, unit_key: str, day: date) -> None:
    with transaction(engine) as session:
        report = open_report(session, unit=find_unit(session, unit_key), period=Q3_PERIOD,
                             template_key="commune-581", actor="xa1")  # fmt: skip
        change_status(session, report=report, to=ReportStatus.submitted, actor="xa1")
        report.submitted_at = datetime.combine(day, datetime.min.time())


def _on_time(client, headers) -> bool | None:
    board = client.get("/api/dashboard?unit=d213&period=2023-Q3", headers=headers).json()
    return next(e["on_time"] for e in board["expected"] if e["unit"] == "c07201")


def test_a_deadline_set_by_the_admin_decides_who_is_late(login, token, client, engine):
    _submitted_on(engine, "c07201", date(2023, 9, 14))
    approver = token("duyet")
    assert _on_time(client, approver) is False  # the regime's commune deadline is 12/09/2023
    admin = login("admin")
    page = "/admin/periods?year=2023"
    assert "Quý III năm 2023" in admin.get(page).text and "12/09/2023" in admin.get(page).text
    saved = _post(admin, "/admin/periods/2023-Q3", page, commune="2023-09-15", district="")
    assert saved.status_code == 200 and "Đã lưu hạn" in saved.text
    assert "2023-Q3 · Cấp xã" in saved.text and "15/09/2023" in saved.text  # the change log
    assert _on_time(client, approver) is True
    periods = client.get("/api/periods?year=2023", headers=token("tinh")).json()["periods"]
    q3 = next(p for p in periods if p["code"] == "2023-Q3")
    assert q3["deadlines"]["commune"] == {"regime": "2023-09-12", "in_force": "2023-09-15",
                                          "set": True}  # fmt: skip
    assert q3["deadlines"]["district"]["set"] is False
    too_early = _post(admin, "/admin/periods/2023-Q3", page, commune="2023-09-01")
    assert too_early.status_code == 400 and "phải sau ngày chốt số liệu" in too_early.text
    cleared = client.put("/api/periods/2023-Q3/deadlines", json={"commune": None},
                         headers=token("admin"))  # fmt: skip
    assert cleared.json()["deadlines"]["commune"]["in_force"] == "2023-09-12"
    assert _on_time(client, approver) is False
    assert client.put("/api/periods/2023-Q3/deadlines", json={"commune": "2023-09-15"},
                      headers=token("duyet")).status_code == 403  # fmt: skip


def test_error_pages_keep_the_navigation(login):
    page = login("xa1").get("/reports/c07207/2023-Q3/commune-581")
    assert page.status_code == 403
    assert 'href="/reports"' in page.text and "Đăng xuất" in page.text
