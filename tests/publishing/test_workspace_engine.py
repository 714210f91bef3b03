"""The engine per workspace: a team workspace's post goes out once to the team's accounts;
the author and the team's owner and admins hear of a failure, its viewers do not."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from socialflow.models import Notification, OutboxEmail, PlatformPost, WorkspaceMember
from tests.fixtures.oauth import connected_id, consent
from tests.publishing.conftest import Live
from tests.workspaces.conftest import set_plan


def _team(live: Live) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], str]:
    owner, editor, viewer = (live.user(f"{n}-{uuid.uuid4().hex[:6]}@example.com") for n in "oev")
    ws = live.http.post("/api/workspaces", json={"name": "Team"}, headers=owner["headers"]).json()
    set_plan(live.ctx, ws["id"], "business")
    with live.ctx.db.session() as s:
        for who, role in ((editor, "editor"), (viewer, "viewer")):
            s.add(
                WorkspaceMember(
                    workspace_id=uuid.UUID(ws["id"]),
                    user_id=uuid.UUID(who["user"]["id"]),
                    role=role,
                )
            )
    return owner, editor, viewer, ws["id"]


def test_a_team_post_goes_out_once_and_failures_reach_author_and_admins(live: Live) -> None:
    owner, editor, viewer, team = _team(live)
    account = connected_id(
        consent(live.base_url, owner["access_token"], "twitter", "team_x", workspace_id=team)
    )
    h = {**editor["headers"], "X-Workspace-Id": team}
    r = live.http.post(
        "/api/posts", json={"content": "Team launch", "social_account_ids": [account]}, headers=h
    )
    assert r.status_code == 201, r.text
    post_id = r.json()["id"]
    assert live.http.post(f"/api/posts/{post_id}/publish", headers=h).status_code == 200
    live.run()
    assert [p["text"] for p in live.published("twitter")] == ["Team launch"]
    with live.ctx.db.session() as s:
        (row,) = s.scalars(select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post_id)))
        assert row.status == "published" and str(row.workspace_id) == team
    # Not in anyone's personal workspace.
    assert live.http.get("/api/posts", headers=editor["headers"]).json()["total"] == 0

    live.fault("twitter", "revoked", times=-1)
    r = live.http.post(
        "/api/posts", json={"content": "Will fail", "social_account_ids": [account]}, headers=h
    )
    failing = r.json()["id"]
    live.http.post(f"/api/posts/{failing}/publish", headers=h)
    live.run()
    with live.ctx.db.session() as s:
        told = {
            (str(n.user_id), n.kind)
            for n in s.scalars(
                select(Notification).where(Notification.workspace_id == uuid.UUID(team))
            )
        }
        mailed = set(  # the failure's e-mails link to the post
            s.scalars(select(OutboxEmail.to_address).where(OutboxEmail.body_text.contains(failing)))
        )
    assert (editor["user"]["id"], "post_failed") in told  # the author
    assert (owner["user"]["id"], "post_failed") in told  # the owner
    assert not any(uid == viewer["user"]["id"] for uid, _ in told)
    assert editor["user"]["email"] in mailed and owner["user"]["email"] in mailed
    assert viewer["user"]["email"] not in mailed
    # The editor sees the notice in the team workspace, not in their personal one.
    mine = live.http.get("/api/notifications", headers=h).json()["items"]
    assert any(n["kind"] == "post_failed" for n in mine)
    personal = live.http.get("/api/notifications", headers=editor["headers"]).json()["items"]
    assert not any(n["kind"] == "post_failed" for n in personal)
