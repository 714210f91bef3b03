"""Notifications: listed newest first, read one, read all, only one's own, per workspace."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from socialflow.core.context import AppContext
from socialflow.models import Notification, Workspace, WorkspaceMember

PERSONAL = object()  # the recipient's personal workspace (its id is the user's)


def _note(
    ctx: AppContext, user_id: str, title: str, workspace: object | uuid.UUID | None = PERSONAL
) -> None:
    """A notice to `user_id` about `workspace` (None: an old one, from before workspaces)."""
    with ctx.db.session() as s:
        s.add(
            Notification(
                user_id=uuid.UUID(user_id),
                workspace_id=uuid.UUID(user_id) if workspace is PERSONAL else workspace,
                kind="post_failed",
                title=title,
                body="why",
                link="/posts/x",
            )
        )


def test_list_read_and_read_all(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    me = register()
    h = {"Authorization": f"Bearer {me['access_token']}"}
    _note(ctx, me["user"]["id"], "first")
    _note(ctx, me["user"]["id"], "second")
    page = client.get("/api/notifications", headers=h).json()
    assert page["unread"] == 2 and [n["title"] for n in page["items"]] == ["second", "first"]
    r = client.post(f"/api/notifications/{page['items'][0]['id']}/read", headers=h)
    assert r.status_code == 200 and r.json()["read_at"]
    assert client.get("/api/notifications", headers=h).json()["unread"] == 1
    unread = client.get("/api/notifications?unread_only=true", headers=h).json()["items"]
    assert [n["title"] for n in unread] == ["first"]
    assert client.post("/api/notifications/read-all", headers=h).status_code == 204
    assert client.get("/api/notifications", headers=h).json()["unread"] == 0


def test_other_users_notifications_are_invisible(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    a, b = register(), register()
    _note(ctx, a["user"]["id"], "for a")
    hb = {"Authorization": f"Bearer {b['access_token']}"}
    assert client.get("/api/notifications", headers=hb).json() == {"items": [], "unread": 0}
    ha = {"Authorization": f"Bearer {a['access_token']}"}
    note_id = client.get("/api/notifications", headers=ha).json()["items"][0]["id"]
    assert client.post(f"/api/notifications/{note_id}/read", headers=hb).status_code == 404


def _workspace(ctx: AppContext, owner_id: str, members: dict[str, str]) -> uuid.UUID:
    """A team workspace owned by `owner_id` with these other members (user id -> role)."""
    with ctx.db.session() as s:
        ws = Workspace(name="Client A", owner_id=uuid.UUID(owner_id))
        s.add(ws)
        s.flush()
        for user_id, role in {owner_id: "owner", **members}.items():
            s.add(WorkspaceMember(workspace_id=ws.id, user_id=uuid.UUID(user_id), role=role))
        return ws.id


def test_notices_are_per_workspace_and_old_ones_show_everywhere(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    me = register()
    uid = me["user"]["id"]
    team = _workspace(ctx, uid, {})
    personal = {"Authorization": f"Bearer {me['access_token']}"}
    in_team = {**personal, "X-Workspace-Id": str(team)}
    _note(ctx, uid, "personal")
    _note(ctx, uid, "team", team)
    _note(ctx, uid, "before workspaces", None)

    def titles(headers: dict[str, str]) -> list[str]:
        return sorted(
            n["title"] for n in client.get("/api/notifications", headers=headers).json()["items"]
        )

    assert titles(personal) == ["before workspaces", "personal"]
    assert titles(in_team) == ["before workspaces", "team"]
    assert client.get("/api/notifications", headers=in_team).json()["unread"] == 2

    team_note = next(
        n["id"]
        for n in client.get("/api/notifications", headers=in_team).json()["items"]
        if n["title"] == "team"
    )
    # Another workspace's notice is not found from this one, and stays unread.
    assert client.post(f"/api/notifications/{team_note}/read", headers=personal).status_code == 404
    assert client.post("/api/notifications/read-all", headers=personal).status_code == 204
    assert client.get("/api/notifications", headers=personal).json()["unread"] == 0
    unread = client.get("/api/notifications?unread_only=true", headers=in_team).json()
    assert [n["title"] for n in unread["items"]] == ["team"] and unread["unread"] == 1
    r = client.post(f"/api/notifications/{team_note}/read", headers=in_team)
    assert r.status_code == 200 and r.json()["read_at"]


def test_a_viewer_reads_only_their_own_notices_and_a_non_member_gets_404(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    owner, viewer, outsider = register(), register(), register()
    team = _workspace(ctx, owner["user"]["id"], {viewer["user"]["id"]: "viewer"})
    _note(ctx, owner["user"]["id"], "for the owner", team)
    _note(ctx, viewer["user"]["id"], "for the viewer", team)
    h = {"Authorization": f"Bearer {viewer['access_token']}", "X-Workspace-Id": str(team)}
    page = client.get("/api/notifications", headers=h).json()
    assert [n["title"] for n in page["items"]] == ["for the viewer"] and page["unread"] == 1
    assert (
        client.post(f"/api/notifications/{page['items'][0]['id']}/read", headers=h).status_code
        == 200
    )
    assert client.post("/api/notifications/read-all", headers=h).status_code == 204
    owner_h = {"Authorization": f"Bearer {owner['access_token']}", "X-Workspace-Id": str(team)}
    assert client.get("/api/notifications", headers=owner_h).json()["unread"] == 1  # untouched

    stranger = {"Authorization": f"Bearer {outsider['access_token']}", "X-Workspace-Id": str(team)}
    for method, path in (
        ("GET", "/api/notifications"),
        ("POST", "/api/notifications/read-all"),
        ("POST", f"/api/notifications/{page['items'][0]['id']}/read"),
    ):
        r = client.request(method, path, headers=stranger)
        assert r.status_code == 404 and r.json()["error"]["code"] == "workspace_not_found", path
