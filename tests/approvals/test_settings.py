"""The workspace setting: PATCH /api/workspaces/{id} turns approval on (admin or owner)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.workspaces.conftest import Team


def test_approval_is_off_by_default_and_admins_turn_it_on(client: TestClient, team: Team) -> None:
    url = f"/api/workspaces/{team.id}"
    ws = client.get(url, headers=team.h("editor")).json()
    assert (ws["approval_required"], ws["approval_for_admins"]) == (False, False)

    r = client.patch(url, json={"approval_required": True}, headers=team.h("admin"))
    assert r.status_code == 200, r.text
    assert r.json()["approval_required"] is True and r.json()["name"] == "Acme"  # name kept
    r = client.patch(url, json={"approval_for_admins": True}, headers=team.h("owner"))
    assert (r.json()["approval_required"], r.json()["approval_for_admins"]) == (True, True)
    listed = client.get("/api/workspaces", headers=team.h("viewer")).json()["items"]
    assert next(w for w in listed if w["id"] == team.id)["approval_required"] is True

    r = client.patch(url, json={"name": "Acme Co"}, headers=team.h("admin"))
    assert (r.json()["name"], r.json()["approval_required"]) == ("Acme Co", True)

    activity = client.get(f"{url}/activity?limit=50", headers=team.h("owner")).json()["items"]
    changes = [a["summary"] for a in activity if a["action"] == "workspace.settings_changed"]
    assert sorted(changes) == ["Admins' posts need approval: on", "Posts need approval: on"]


def test_editors_may_not_change_it_and_bad_values_are_named(client: TestClient, team: Team) -> None:
    url = f"/api/workspaces/{team.id}"
    r = client.patch(url, json={"approval_required": True}, headers=team.h("editor"))
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden_role")
    for body, field in (
        ({"approval_required": "maybe"}, "approval_required"),
        ({"approval_required": None}, "approval_required"),
        ({"name": "  "}, "name"),
        ({"name": None}, "name"),
    ):
        r = client.patch(url, json=body, headers=team.h("owner"))
        assert r.status_code == 422, (body, r.text)
        assert field in r.text
    ws = client.get(url, headers=team.h("owner")).json()
    assert (ws["name"], ws["approval_required"]) == ("Acme", False)  # nothing saved
