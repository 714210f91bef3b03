"""Approval through the API: editors submit (202, pending_approval, nothing due), approvers are
notified and approve (now or at its time; a passed time is asked about, never decided) or
request changes; an edit after approval sends the post back; roles and revisions are checked.

The app's clock is pinned (`clock`); the engine is not run here (tests/approvals/
test_approval_race.py runs the sandbox platforms)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from socialflow.core.context import AppContext
from socialflow.models import (
    ActivityEvent,
    Notification,
    OutboxEmail,
    PlatformPost,
    Workspace,
)
from tests.fixtures.clock import FixedClock
from tests.fixtures.factories import make_account
from tests.workspaces.conftest import Team


@pytest.fixture
def approving(client: TestClient, ctx: AppContext, team: Team, clock: FixedClock) -> Team:
    """The team's workspace with approval on and a connected X account."""
    with ctx.db.session() as s:
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(team.id))
            .values(approval_required=True, usage_period_start=clock.now)
        )
    make_account(ctx, team.id, "twitter")
    return team


def _draft(client: TestClient, team: Team, who: str = "editor", text: str = "Launch") -> str:
    r = client.post(
        "/api/posts", json={"content": text, "platforms": ["twitter"]}, headers=team.h(who)
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _rows(ctx: AppContext, post_id: str) -> list[tuple[str, Any]]:
    with ctx.db.session() as s:
        rows = s.scalars(select(PlatformPost).where(PlatformPost.post_id == uuid.UUID(post_id)))
        return [(r.status, r.due_at) for r in rows]


def _used(ctx: AppContext, team: Team) -> int:
    with ctx.db.session() as s:
        ws = s.get(Workspace, uuid.UUID(team.id))
        assert ws is not None
        return ws.posts_this_month


def _actions(ctx: AppContext, team: Team) -> list[str]:
    with ctx.db.session() as s:
        return list(
            s.scalars(
                select(ActivityEvent.action)
                .where(ActivityEvent.workspace_id == uuid.UUID(team.id))
                .where(ActivityEvent.action.like("post.%"))
                .order_by(ActivityEvent.created_at)
            )
        )


def test_an_editors_publish_waits_and_approvers_hear_of_it(
    client: TestClient, ctx: AppContext, approving: Team
) -> None:
    team = approving
    post_id = _draft(client, team)
    r = client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor"))
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "pending_approval" and "approv" in body["notice"]
    assert body["submitted_by"] == team.people["editor"].id and body["approved_at"] is None
    assert _rows(ctx, post_id) == [("draft", None)]  # nothing is due: the engine never sees it
    assert _used(ctx, team) == 0  # counted when approved

    with ctx.db.session() as s:
        notices = s.execute(
            select(Notification.user_id, Notification.kind, Notification.link)
        ).all()
        mails = s.execute(select(OutboxEmail.to_address, OutboxEmail.body_text)).all()
    approvers = {uuid.UUID(team.people[w].id) for w in ("owner", "admin")}
    pending = [n for n in notices if n.kind == "post_pending_approval"]
    assert {n.user_id for n in pending} == approvers and len(pending) == 2
    assert all(n.link == f"/posts/{post_id}" for n in pending)
    to = {team.people[w].email for w in ("owner", "admin")}
    approval_mails = [m for m in mails if f"/posts/{post_id}" in m.body_text]
    assert {m.to_address for m in approval_mails} == to
    assert all(m.body_text.strip().endswith(f"/posts/{post_id}") for m in approval_mails)

    listed = client.get("/api/posts?status=pending_approval", headers=team.h("admin")).json()
    assert [p["id"] for p in listed["items"]] == [post_id]

    for who in ("editor", "viewer"):
        r = client.post(f"/api/posts/{post_id}/approve", headers=team.h(who))
        assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden_role"), who
    r = client.post(f"/api/posts/{post_id}/approve", headers=team.h("admin"))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "scheduled" and r.json()["approved_by"] == team.people["admin"].id
    [(state, due)] = _rows(ctx, post_id)
    assert state == "pending" and due is not None  # due now: the engine takes it
    assert _used(ctx, team) == 1
    r = client.post(f"/api/posts/{post_id}/approve", headers=team.h("owner"))
    assert (r.status_code, r.json()["error"]["code"]) == (409, "not_pending_approval")
    assert _actions(ctx, team) == ["post.created", "post.submitted", "post.approved"]
    with ctx.db.session() as s:
        told = s.scalars(
            select(Notification.user_id).where(Notification.kind == "post_approved")
        ).all()
    assert told == [uuid.UUID(team.people["editor"].id)]


def test_a_scheduled_submission_goes_out_at_its_time_and_a_passed_time_is_asked(
    client: TestClient, ctx: AppContext, approving: Team, clock: FixedClock
) -> None:
    team = approving
    at = clock.now + timedelta(hours=2)
    post_id = _draft(client, team)
    r = client.post(
        f"/api/posts/{post_id}/schedule",
        json={"scheduled_for": at.isoformat()},
        headers=team.h("editor"),
    )
    assert r.status_code == 202 and r.json()["status"] == "pending_approval"
    assert _rows(ctx, post_id) == [("draft", None)]

    clock.advance(timedelta(hours=3))  # the approver comes back too late
    r = client.post(f"/api/posts/{post_id}/approve", headers=team.h("owner"))
    assert r.status_code == 409 and r.json()["error"]["code"] == "approval_time_passed"
    assert "publish_now" in r.json()["error"]["message"]
    assert client.get(f"/api/posts/{post_id}", headers=team.h("owner")).json()["status"] == (
        "pending_approval"
    )
    assert _rows(ctx, post_id) == [("draft", None)]  # nothing decided silently

    later = clock.now + timedelta(days=1)
    r = client.post(
        f"/api/posts/{post_id}/approve",
        json={"scheduled_for": later.isoformat()},
        headers=team.h("owner"),
    )
    assert r.status_code == 200, r.text
    [(state, due)] = _rows(ctx, post_id)
    assert state == "pending" and due.replace(tzinfo=later.tzinfo) == later
    assert r.json()["scheduled_for"].startswith(later.strftime("%Y-%m-%dT%H:%M"))


def test_approve_with_publish_now_after_the_time_passed(
    client: TestClient, ctx: AppContext, approving: Team, clock: FixedClock
) -> None:
    team = approving
    post_id = _draft(client, team)
    at = (clock.now + timedelta(minutes=30)).isoformat()
    client.post(
        f"/api/posts/{post_id}/schedule", json={"scheduled_for": at}, headers=team.h("editor")
    )
    clock.advance(timedelta(hours=1))
    r = client.post(
        f"/api/posts/{post_id}/approve", json={"publish_now": True}, headers=team.h("admin")
    )
    assert r.status_code == 200, r.text
    assert r.json()["scheduled_for"] is None and _rows(ctx, post_id)[0][0] == "pending"


def test_request_changes_sends_it_back_to_the_author(
    client: TestClient, ctx: AppContext, approving: Team
) -> None:
    team = approving
    post_id = _draft(client, team)
    client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor"))
    r = client.post(
        f"/api/posts/{post_id}/request-changes", json={"comment": "  "}, headers=team.h("admin")
    )
    assert r.status_code == 422 and "comment" in r.text
    r = client.post(
        f"/api/posts/{post_id}/request-changes",
        json={"comment": "Say which day"},
        headers=team.h("editor"),
    )
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden_role")
    r = client.post(
        f"/api/posts/{post_id}/request-changes",
        json={"comment": "Say which day"},
        headers=team.h("admin"),
    )
    assert r.status_code == 200 and r.json()["status"] == "draft"
    assert _rows(ctx, post_id) == [("draft", None)]
    with ctx.db.session() as s:
        told = s.execute(
            select(Notification.user_id, Notification.body).where(
                Notification.kind == "post_changes_requested"
            )
        ).all()
    assert [(u, "Say which day" in b) for u, b in told] == [
        (uuid.UUID(team.people["editor"].id), True)
    ]
    r = client.post(f"/api/posts/{post_id}/approve", headers=team.h("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (409, "not_pending_approval")
    assert _actions(ctx, team)[-1] == "post.changes_requested"


def test_an_edit_after_approval_needs_approval_again(
    client: TestClient, ctx: AppContext, approving: Team, clock: FixedClock
) -> None:
    team = approving
    post_id = _draft(client, team)
    at = (clock.now + timedelta(days=1)).isoformat()
    client.post(
        f"/api/posts/{post_id}/schedule", json={"scheduled_for": at}, headers=team.h("editor")
    )
    seen = client.get(f"/api/posts/{post_id}", headers=team.h("admin")).json()["revision"]
    assert client.post(f"/api/posts/{post_id}/approve", headers=team.h("admin")).status_code == 200
    assert _rows(ctx, post_id)[0][0] == "pending" and _used(ctx, team) == 1

    # The approver's own edit keeps it approved.
    r = client.put(f"/api/posts/{post_id}", json={"title": "T"}, headers=team.h("owner"))
    assert r.status_code == 200 and r.json()["status"] == "scheduled" and r.json()["notice"] is None

    r = client.put(f"/api/posts/{post_id}", json={"content": "Launch!!"}, headers=team.h("editor"))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "pending_approval"
    assert "approval" in r.json()["notice"] and r.json()["approved_at"] is None
    assert _rows(ctx, post_id) == [("draft", None)] and _used(ctx, team) == 0
    assert "post.edited_after_approval" in _actions(ctx, team)

    # An approval of the text seen before the edit is refused; of the current one, taken.
    r = client.post(
        f"/api/posts/{post_id}/approve", json={"revision": seen}, headers=team.h("admin")
    )
    assert (r.status_code, r.json()["error"]["code"]) == (409, "post_changed")
    current = client.get(f"/api/posts/{post_id}", headers=team.h("admin")).json()
    assert current["revision"] > seen and current["content"] == "Launch!!"
    r = client.post(
        f"/api/posts/{post_id}/approve",
        json={"revision": current["revision"]},
        headers=team.h("admin"),
    )
    assert r.status_code == 200 and r.json()["status"] == "scheduled"


def test_who_needs_approval(client: TestClient, ctx: AppContext, approving: Team) -> None:
    team = approving
    # Owner and admins publish directly.
    for who in ("owner", "admin"):
        r = client.post(f"/api/posts/{_draft(client, team, who)}/publish", headers=team.h(who))
        assert (r.status_code, r.json()["status"]) == (200, "scheduled"), who
    # Creating with publish: true as an editor creates it pending (201: it was created).
    r = client.post(
        "/api/posts",
        json={"content": "At once", "platforms": ["twitter"], "publish": True},
        headers=team.h("editor"),
    )
    assert (r.status_code, r.json()["status"]) == (201, "pending_approval")
    # Withdrawn by its author: a draft again.
    r = client.post(f"/api/posts/{r.json()['id']}/cancel", headers=team.h("editor"))
    assert (r.status_code, r.json()["status"]) == (200, "draft")

    client.patch(
        f"/api/workspaces/{team.id}", json={"approval_for_admins": True}, headers=team.h("owner")
    )
    mine = _draft(client, team, "admin")
    r = client.post(f"/api/posts/{mine}/publish", headers=team.h("admin"))
    assert (r.status_code, r.json()["status"]) == (202, "pending_approval")
    r = client.post(f"/api/posts/{mine}/approve", headers=team.h("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (403, "own_submission")
    assert client.post(f"/api/posts/{mine}/approve", headers=team.h("owner")).status_code == 200

    client.patch(
        f"/api/workspaces/{team.id}", json={"approval_required": False}, headers=team.h("owner")
    )
    r = client.post(f"/api/posts/{_draft(client, team)}/publish", headers=team.h("editor"))
    assert (r.status_code, r.json()["status"]) == (200, "scheduled")


def test_an_approver_demoted_meanwhile_can_no_longer_approve(
    client: TestClient, ctx: AppContext, approving: Team
) -> None:
    team = approving
    post_id = _draft(client, team)
    assert client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor")).status_code == 202
    admin = team.people["admin"]
    r = client.patch(
        f"/api/workspaces/{team.id}/members/{admin.id}",
        json={"role": "editor"},
        headers=team.h("owner"),
    )
    assert r.status_code == 200, r.text
    r = client.post(f"/api/posts/{post_id}/approve", headers=team.h("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (403, "forbidden_role")
    # As an editor now, their own publish waits for approval too.
    mine = _draft(client, team, "admin")
    assert client.post(f"/api/posts/{mine}/publish", headers=team.h("admin")).status_code == 202
    assert _rows(ctx, post_id) == [("draft", None)] and _used(ctx, team) == 0


def _set(ctx: AppContext, post_id: str, row_status: str, post_status: str) -> None:
    from socialflow.models import Post

    with ctx.db.session() as s:
        s.execute(
            update(PlatformPost)
            .where(PlatformPost.post_id == uuid.UUID(post_id))
            .values(status=row_status)
        )
        s.execute(update(Post).where(Post.id == uuid.UUID(post_id)).values(status=post_status))


def test_edited_text_never_rides_an_automatic_or_manual_retry(
    client: TestClient, ctx: AppContext, approving: Team
) -> None:
    team = approving
    post_id = _draft(client, team)
    client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor"))
    assert client.post(f"/api/posts/{post_id}/approve", headers=team.h("admin")).status_code == 200
    # The engine is waiting to retry it (a transient error): an editor's edit stops that.
    _set(ctx, post_id, "retry_wait", "publishing")
    r = client.put(f"/api/posts/{post_id}", json={"content": "Changed"}, headers=team.h("editor"))
    assert r.status_code == 200 and r.json()["status"] == "pending_approval", r.text
    assert _rows(ctx, post_id)[0][0] == "draft"

    # It failed for good; edited afterwards, an editor's retry would send unapproved text.
    _set(ctx, post_id, "failed", "failed")
    r = client.put(
        f"/api/posts/{post_id}", json={"content": "Changed again"}, headers=team.h("editor")
    )
    assert r.status_code == 200
    r = client.post(f"/api/posts/{post_id}/retry", headers=team.h("editor"))
    assert (r.status_code, r.json()["error"]["code"]) == (409, "approval_needed")
    assert client.post(f"/api/posts/{post_id}/retry", headers=team.h("admin")).status_code == 200

    # Approved text that failed: the editor may retry it as it is.
    other = _draft(client, team, text="Approved as is")
    client.post(f"/api/posts/{other}/publish", headers=team.h("editor"))
    client.post(f"/api/posts/{other}/approve", headers=team.h("owner"))
    _set(ctx, other, "failed", "failed")
    assert client.post(f"/api/posts/{other}/retry", headers=team.h("editor")).status_code == 200


def test_an_unknown_outcome_is_not_approved_into_a_second_send(
    client: TestClient, ctx: AppContext, approving: Team
) -> None:
    team = approving
    post_id = _draft(client, team)
    client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor"))
    _set(ctx, post_id, "unknown", "pending_approval")
    r = client.post(f"/api/posts/{post_id}/approve", headers=team.h("admin"))
    assert (r.status_code, r.json()["error"]["code"]) == (409, "outcome_unknown")
    assert _rows(ctx, post_id)[0][0] == "unknown"
    assert client.get(f"/api/posts/{post_id}", headers=team.h("admin")).json()["status"] == (
        "pending_approval"
    )


def test_an_approver_publishing_or_scheduling_a_pending_post_approves_it(
    client: TestClient, ctx: AppContext, approving: Team, clock: FixedClock
) -> None:
    team = approving
    first = _draft(client, team)
    client.post(f"/api/posts/{first}/publish", headers=team.h("editor"))
    r = client.post(f"/api/posts/{first}/publish", headers=team.h("admin"))
    assert r.status_code == 200 and r.json()["approved_by"] == team.people["admin"].id
    second = _draft(client, team)
    client.post(f"/api/posts/{second}/publish", headers=team.h("editor"))
    at = (clock.now + timedelta(days=2)).isoformat()
    r = client.post(
        f"/api/posts/{second}/schedule", json={"scheduled_for": at}, headers=team.h("owner")
    )
    assert r.status_code == 200 and r.json()["status"] == "scheduled"
    assert r.json()["approved_by"] == team.people["owner"].id
    assert _actions(ctx, team).count("post.approved") == 2
    assert _used(ctx, team) == 2  # each counted once


def test_needs_my_approval_lists_what_i_may_approve(
    client: TestClient, ctx: AppContext, approving: Team
) -> None:
    team = approving
    client.patch(
        f"/api/workspaces/{team.id}", json={"approval_for_admins": True}, headers=team.h("owner")
    )
    editors = _draft(client, team, text="Editor's")
    admins = _draft(client, team, "admin", text="Admin's")
    _draft(client, team, text="Just a draft")
    for post_id, who in ((editors, "editor"), (admins, "admin")):
        assert client.post(f"/api/posts/{post_id}/publish", headers=team.h(who)).status_code == 202

    def mine(who: str) -> list[str]:
        r = client.get("/api/posts?awaiting_my_approval=true", headers=team.h(who))
        assert r.status_code == 200, r.text
        return sorted(p["content"] for p in r.json()["items"])

    assert mine("owner") == ["Admin's", "Editor's"]
    assert mine("admin") == ["Editor's"]  # their own waits for someone else
    assert mine("editor") == [] and mine("viewer") == []
