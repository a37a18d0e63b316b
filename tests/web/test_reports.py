"""The editor, the workflow and the unit-subtree limits, through the pages and the API."""

from __future__ import annotations

from tests.web.conftest import csrf, editor_path, htmx, if_match, version

PATH = editor_path()
API = "/api" + PATH
GOOD = {
    "direction.directive_documents": "3",
    "direction.plan_tasks": "20",
    "direction.plan_tasks_done": "10",
    "procedures.dossiers_received.commune": "1.250",
    "procedures.resolved.commune": "1.200",
    "procedures.resolved_on_time.commune": "1.188",
    "procedures.on_time_rate.commune": "99,00",
}


def _save(client, data: dict) -> str:
    data = {**data, "version": version(client, PATH)}
    response = client.post(PATH + "/values", data=data, headers=htmx(client, PATH))
    assert response.status_code == 200, response.text
    return response.text


def test_the_editor_is_laid_out_like_the_paper_form(login):
    page = login("xa1").get(PATH)
    assert page.status_code == 200
    assert "Biểu mẫu 3. Cải cách thủ tục hành chính" in page.text
    assert 'hx-trigger="change delay:300ms"' in page.text
    assert 'data-compute="ratio"' in page.text, "ratios are computed live from their parts"
    assert "Chưa có số liệu" in page.text


def test_a_value_with_an_error_is_saved_and_the_finding_shown_next_to_it(login):
    clerk = login("xa1")
    fragment = _save(clerk, {"procedures.resolved.commune": "100",
                             "procedures.resolved_on_time.commune": "12a"})  # fmt: skip
    assert 'id="summary"' in fragment and "1 lỗi" in fragment
    assert 'id="f-procedures__resolved_on_time__commune" class="findings" hx-swap-oob="true">' \
           '<p class="finding error">' in fragment  # fmt: skip
    assert "«12a» không phải là số" in fragment
    page = clerk.get(PATH)
    assert 'value="12a"' in page.text, "what was typed is kept, even when it is wrong"
    fixed = _save(clerk, {"procedures.resolved_on_time.commune": "120"})
    assert "lớn hơn" in fixed or "vượt" in fixed or "≤" in fixed or "1 lỗi" in fixed
    clean = _save(clerk, {"procedures.resolved_on_time.commune": "98"})
    assert "Không có lỗi" in clean


def test_history_of_a_value_is_one_click_away(login):
    clerk = login("xa1")
    _save(clerk, {"procedures.resolved.commune": "100"})
    _save(clerk, {"procedures.resolved.commune": "110"})
    history = clerk.get(PATH + "/history/procedures.resolved.commune")
    assert history.status_code == 200
    assert "xa1" in history.text and "100" in history.text and "110" in history.text
    api = login("xa1").get(PATH)  # the page links it
    assert "/history/procedures.resolved.commune" in api.text


def test_narrative_sections_and_comments(login):
    clerk = login("xa1")
    response = clerk.post(
        PATH + "/sections/procedures",
        headers=htmx(clerk, PATH),
        data={"text": "Bộ phận Một cửa…", "version": version(clerk, PATH)},
    )
    assert response.status_code == 200 and "Đã lưu" in response.text
    assert "Bộ phận Một cửa…" in clerk.get(PATH).text
    approver = login("duyet")
    note = approver.post(
        PATH + "/comments/procedures.resolved.commune",
        data={"text": "Kiểm tra lại số hồ sơ"},
        headers=htmx(approver, PATH),
    )
    assert note.status_code == 200 and "Kiểm tra lại số hồ sơ" in note.text
    assert "Kiểm tra lại số hồ sơ" in clerk.get(PATH + "/comments/procedures.resolved.commune").text


def _workflow(client, action: str, reason: str = "") -> int:
    response = client.post(
        PATH + "/workflow",
        data={
            "action": action,
            "reason": reason,
            "csrf_token": csrf(client, PATH),
            "version": version(client, PATH),
        },
        follow_redirects=False,
    )
    return response.status_code


def test_submit_return_resubmit_approve_then_locked(login):
    clerk, approver = login("xa1"), login("duyet")
    _save(clerk, GOOD)
    assert _workflow(approver, "approve") == 409, "nothing submitted yet"
    assert _workflow(clerk, "submit") == 303
    assert "Đã nộp" in approver.get(PATH).text
    assert _workflow(clerk, "approve") == 403, "a reporter does not approve"
    assert _workflow(approver, "return") == 409, "returning needs a reason"
    assert _workflow(approver, "return", "Thiếu số liệu mục 2.1") == 303
    page = clerk.get(PATH)
    assert "Bị trả lại" in page.text and "Thiếu số liệu mục 2.1" in page.text
    _save(clerk, {"procedures.dossiers_pending.commune": "50"})
    assert _workflow(clerk, "submit") == 303
    assert _workflow(approver, "approve") == 303
    locked = clerk.post(
        PATH + "/values",
        headers=htmx(clerk, PATH),
        data={"procedures.resolved.commune": "1", "version": version(clerk, PATH)},
    )
    assert locked.status_code == 409 and "không sửa được" in locked.text
    assert "số liệu đã khóa" in clerk.get(PATH).text


def test_submission_is_refused_while_errors_remain(login):
    clerk = login("xa1")
    _save(clerk, {**GOOD, "procedures.resolved_on_time.commune": "abc"})
    response = clerk.post(
        PATH + "/workflow",
        data={"action": "submit", "csrf_token": csrf(clerk, PATH), "version": version(clerk, PATH)},
    )
    assert response.status_code == 409 and "còn 1 lỗi" in response.text


def test_a_commune_clerk_never_sees_another_commune(login, token, client):
    clerk = login("xa1")
    other = editor_path("c07207")
    assert clerk.get(other).status_code == 403
    assert clerk.get(other + "/history/procedures.resolved.commune").status_code == 403
    refused = clerk.post(other + "/values", data={"procedures.resolved.commune": "1",
                         "version": "0"}, headers=htmx(clerk, PATH))  # fmt: skip
    assert refused.status_code == 403
    assert client.get("/api" + other, headers=token("xa1")).status_code == 403
    assert clerk.get("/?unit=c07207").status_code == 403
    assert clerk.get("/aggregate?unit=d213").status_code == 403
    # The district's approver and the province see both communes.
    assert login("duyet").get(other).status_code == 200
    assert client.get("/api" + other, headers=token("tinh")).status_code == 200


def test_the_report_list_only_holds_visible_reports(login, token, client):
    _save(login("xa1"), GOOD)
    other = login("xa2")
    other.post(editor_path("c07207") + "/values", headers=htmx(other, editor_path("c07207")),
               data={"procedures.resolved.commune": "7", "version": "0"})  # fmt: skip
    mine = client.get("/api/reports", headers=token("xa1")).json()["reports"]
    assert [r["unit"] for r in mine] == ["c07201"]
    district = client.get("/api/reports", headers=token("duyet")).json()["reports"]
    assert sorted(r["unit"] for r in district) == ["c07201", "c07207"]
    assert "c07207" not in login("xa1").get("/reports").text


def test_the_api_mirrors_the_editor_and_workflow(client, token):
    clerk, approver = token("xa1"), token("duyet")
    saved = client.put(
        API + "/values",
        json={"values": {**GOOD, "procedures.resolved.commune": 1200, "egov.nothing": "1"}},
        headers=if_match(client, API, clerk),
    )
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["status"] == "draft" and body["ignored"] == ["egov.nothing"]
    assert not [f for f in body["findings"] if f["severity"] == "error"]
    report = client.get(API, headers=clerk).json()
    assert report["values"]["procedures.resolved.commune"]["num"] == 1200
    assert (
        client.post(
            API + "/workflow", json={"action": "submit"}, headers=if_match(client, API, clerk)
        ).json()["status"]
        == "submitted"
    )
    assert client.post(API + "/workflow", json={"action": "approve"},
                       headers=if_match(client, API, clerk)).status_code == 403  # fmt: skip
    approved = client.post(API + "/workflow", json={"action": "approve"},
                           headers=if_match(client, API, approver))  # fmt: skip
    assert approved.json()["status"] == "approved"
    history = client.get(API + "/history/procedures.resolved.commune", headers=clerk).json()
    assert history["changes"][0]["new"]["num"] == 1200 and history["changes"][0]["actor"] == "xa1"
    locked = client.put(API + "/values", json={"values": {"direction.plan_tasks": 1}},
                        headers=if_match(client, API, clerk))  # fmt: skip
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "conflict"
