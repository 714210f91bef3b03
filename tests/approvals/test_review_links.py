"""Client review links: the server-rendered page (no sign-in, no script) shows that one post
and the team's non-internal comments; the client approves or requests changes, recorded as
the client's; expired, revoked, tampered links, a deleted post and the token used on the API
are all refused, and the page never shows other posts, accounts' tokens or internal notes."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from socialflow.core.context import AppContext
from socialflow.models import ActivityEvent, Notification, PlatformPost, ReviewLink, Workspace
from tests.fixtures.clock import FixedClock
from tests.fixtures.factories import make_account
from tests.workspaces.conftest import Team

CLIENT = {"name": "Carla Client", "email": "Carla@Client.example"}


@pytest.fixture
def pending(client: TestClient, ctx: AppContext, team: Team, clock: FixedClock) -> str:
    """A post the editor submitted for approval in the team's workspace (approval on)."""
    with ctx.db.session() as s:
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(team.id))
            .values(approval_required=True, usage_period_start=clock.now)
        )
    make_account(ctx, team.id, "twitter", access_token="secret-access-token-xyz")
    r = client.post(
        "/api/posts",
        json={
            "content": "Summer <b>sale</b> starts Monday",
            "platforms": ["twitter"],
            "platform_options": {"twitter": {"thread": ["Part two of the thread"]}},
        },
        headers=team.h("editor"),
    )
    assert r.status_code == 201, r.text
    post_id = str(r.json()["id"])
    assert client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor")).status_code == 202
    # Another post of the workspace the link must not show.
    client.post(
        "/api/posts",
        json={"content": "Secret roadmap post", "platforms": ["twitter"]},
        headers=team.h("editor"),
    )
    return post_id


def _link(client: TestClient, team: Team, post_id: str, **body: int) -> dict[str, str]:
    r = client.post(f"/api/posts/{post_id}/review-links", json=body, headers=team.h("admin"))
    assert r.status_code == 201, r.text
    out: dict[str, str] = r.json()
    out["path"] = out["url"].split("://", 1)[1].split("/", 1)[1]
    out["path"] = "/" + out["path"]
    return out


def _revision(client: TestClient, team: Team, post_id: str) -> str:
    return str(client.get(f"/api/posts/{post_id}", headers=team.h("owner")).json()["revision"])


def test_the_page_shows_that_post_only_and_the_client_approves(
    client: TestClient, ctx: AppContext, team: Team, pending: str, clock: FixedClock
) -> None:
    post_id = pending
    client.post(
        f"/api/posts/{post_id}/comments", json={"text": "Logo is final"}, headers=team.h("admin")
    )
    client.post(
        f"/api/posts/{post_id}/comments",
        json={"text": "Client is slow to pay", "internal": True},
        headers=team.h("owner"),
    )
    link = _link(client, team, post_id)
    assert link["path"].startswith("/api/review/")
    assert link["expires_at"].startswith((clock.now + timedelta(days=7)).strftime("%Y-%m-%dT%H"))

    page = client.get(link["path"])  # no Authorization
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "Summer &lt;b&gt;sale&lt;/b&gt; starts Monday" in text  # escaped, not markup
    assert "Part two of the thread" in text and "@twitter_user" in text
    assert "Logo is final" in text
    for secret in ("Client is slow to pay", "Secret roadmap post", "secret-access-token-xyz"):
        assert secret not in text
    assert "<script" not in text and 'method="post"' in text

    r = client.post(
        link["path"],
        data={**CLIENT, "decision": "approve", "revision": _revision(client, team, post_id)},
    )
    assert r.status_code == 200, r.text
    assert "approved" in r.text
    post = client.get(f"/api/posts/{post_id}", headers=team.h("owner")).json()
    assert post["status"] == "scheduled" and post["approved_by"] is None
    with ctx.db.session() as s:
        (row,) = s.scalars(select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post_id)))
        assert row.status == "pending"
        event = s.scalars(
            select(ActivityEvent).where(ActivityEvent.action == "post.approved")
        ).one()
        assert event.actor_id is None and "Carla Client <carla@client.example>" in event.summary
        assert event.details["client_email"] == "carla@client.example"
        saved = s.scalars(select(ReviewLink)).one()
        assert (saved.decision, saved.client_name) == ("approved", "Carla Client")
        told = set(
            s.scalars(select(Notification.user_id).where(Notification.kind == "post_approved"))
        )
    assert uuid.UUID(team.people["editor"].id) in told

    again = client.post(
        link["path"], data={**CLIENT, "decision": "approve", "revision": post["revision"]}
    )
    assert again.status_code == 422 and "already answered" in again.text


def test_the_client_requests_changes(
    client: TestClient, ctx: AppContext, team: Team, pending: str
) -> None:
    link = _link(client, team, pending)
    rev = _revision(client, team, pending)
    r = client.post(link["path"], data={**CLIENT, "decision": "request_changes", "revision": rev})
    assert r.status_code == 422 and "comment" in r.text  # a comment is needed
    r = client.post(link["path"], data={"decision": "approve", "revision": rev})
    assert r.status_code == 422 and "name" in r.text
    assert client.get(f"/api/posts/{pending}", headers=team.h("owner")).json()["status"] == (
        "pending_approval"
    )
    r = client.post(
        link["path"],
        data={**CLIENT, "decision": "request_changes", "revision": rev, "comment": "Say 20%"},
    )
    assert r.status_code == 200, r.text
    assert client.get(f"/api/posts/{pending}", headers=team.h("owner")).json()["status"] == "draft"
    thread = client.get(f"/api/posts/{pending}/comments", headers=team.h("editor")).json()
    assert [(c["text"], c["kind"], c["author"]) for c in thread["items"]] == [
        ("Say 20%", "changes_requested", None)
    ]
    with ctx.db.session() as s:
        told = s.scalars(
            select(Notification.user_id).where(Notification.kind == "post_changes_requested")
        ).all()
    assert uuid.UUID(team.people["editor"].id) in told


def test_refused_links(
    client: TestClient, ctx: AppContext, team: Team, pending: str, clock: FixedClock
) -> None:
    link = _link(client, team, pending)
    token = link["path"].rsplit("/", 1)[1]
    # The token is no credential for the API.
    r = client.get(f"/api/posts/{pending}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401
    # Tampered.
    assert client.get(link["path"][:-2] + "xx").status_code == 404
    # Revoked (admin+), then gone.
    other = _link(client, team, pending)
    r = client.delete(f"/api/posts/{pending}/review-links/{other['id']}", headers=team.h("admin"))
    assert r.status_code == 204
    assert client.get(other["path"]).status_code == 410
    r = client.post(other["path"], data={**CLIENT, "decision": "approve", "revision": "0"})
    assert r.status_code == 410
    listed = client.get(f"/api/posts/{pending}/review-links", headers=team.h("owner")).json()
    assert {i["id"]: i["revoked_at"] is not None for i in listed["items"]} == {
        link["id"]: False,
        other["id"]: True,
    }
    assert all(i["url"] is None for i in listed["items"])  # never shown again
    # Expired.
    clock.advance(timedelta(days=7, seconds=1))
    assert client.get(link["path"]).status_code == 410
    clock.advance(timedelta(days=-7))
    assert client.get(link["path"]).status_code == 200
    # The post deleted.
    assert client.delete(f"/api/posts/{pending}", headers=team.h("editor")).status_code == 204
    assert client.get(link["path"]).status_code == 410
    assert client.get(f"/api/posts/{pending}", headers=team.h("owner")).status_code == 404


def test_client_approval_after_the_time_passed_waits_for_an_approver(
    client: TestClient, ctx: AppContext, team: Team, clock: FixedClock
) -> None:
    with ctx.db.session() as s:
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(team.id))
            .values(approval_required=True, usage_period_start=clock.now)
        )
    make_account(ctx, team.id, "twitter")
    r = client.post(
        "/api/posts",
        json={
            "content": "Timed",
            "platforms": ["twitter"],
            "schedule": {"scheduled_for": (clock.now + timedelta(hours=1)).isoformat()},
        },
        headers=team.h("editor"),
    )
    post_id = r.json()["id"]
    assert r.json()["status"] == "pending_approval"
    link = _link(client, team, post_id)
    clock.advance(timedelta(hours=2))
    r = client.post(
        link["path"],
        data={**CLIENT, "decision": "approve", "revision": _revision(client, team, post_id)},
    )
    assert r.status_code == 200 and "new one" in r.text
    assert client.get(f"/api/posts/{post_id}", headers=team.h("owner")).json()["status"] == (
        "pending_approval"
    )
    with ctx.db.session() as s:
        assert s.scalars(
            select(ActivityEvent.action).where(ActivityEvent.action == "post.client_approved")
        ).all() == ["post.client_approved"]
        told = set(
            s.scalars(
                select(Notification.user_id).where(Notification.kind == "post_client_approved")
            )
        )
    assert told == {uuid.UUID(team.people[w].id) for w in ("owner", "admin")}
