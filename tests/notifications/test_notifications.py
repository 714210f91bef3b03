"""Notifications: listed newest first, read one, read all, only one's own."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from socialflow.core.context import AppContext
from socialflow.models import Notification


def _note(ctx: AppContext, user_id: str, title: str) -> None:
    with ctx.db.session() as s:
        s.add(
            Notification(
                user_id=uuid.UUID(user_id),
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
