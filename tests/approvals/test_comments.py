"""Comments on a post: members (viewers too) read and write them, @mentions notify members
only, internal notes are flagged, the request-changes comment is in the thread, and another
workspace's post is not reachable."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.core.context import AppContext
from socialflow.models import Notification, OutboxEmail, Workspace
from tests.fixtures.factories import make_account
from tests.workspaces.conftest import Person, Team


def _post(client: TestClient, ctx: AppContext, team: Team) -> str:
    make_account(ctx, team.id, "twitter")
    r = client.post(
        "/api/posts",
        json={"content": "Spring sale", "platforms": ["twitter"]},
        headers=team.h("editor"),
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _mentions_of(ctx: AppContext) -> list[tuple[uuid.UUID, str | None]]:
    with ctx.db.session() as s:
        return list(
            s.execute(
                select(Notification.user_id, Notification.link).where(
                    Notification.kind == "post_mention"
                )
            ).tuples()
        )


def test_members_comment_and_mentions_notify(
    client: TestClient, ctx: AppContext, team: Team
) -> None:
    post_id = _post(client, ctx, team)
    url = f"/api/posts/{post_id}/comments"
    admin, editor, stranger = (team.people[w] for w in ("admin", "editor", "stranger"))
    local = admin.email.split("@")[0]
    body = f"Can @{local} check the price? cc @{editor.email} and @{stranger.email}, thanks @nobody"
    r = client.post(url, json={"text": body}, headers=team.h("viewer"))
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["author"]["id"] == team.people["viewer"].id and out["internal"] is False
    assert out["mentions"] == [admin.id, editor.id]  # the stranger is not a member
    assert sorted(_mentions_of(ctx)) == sorted(
        (uuid.UUID(p.id), f"/posts/{post_id}") for p in (admin, editor)
    )
    with ctx.db.session() as s:
        mailed = set(
            s.scalars(
                select(OutboxEmail.to_address).where(OutboxEmail.subject.like("%mentioned you%"))
            )
        )
    assert mailed == {admin.email, editor.email}

    r = client.post(
        url, json={"text": "Margin is thin here", "internal": True}, headers=team.h("owner")
    )
    assert r.status_code == 201 and r.json()["internal"] is True
    r = client.post(url, json={"text": "   "}, headers=team.h("owner"))
    assert r.status_code == 422 and "text" in r.text

    listed = client.get(url, headers=team.h("editor")).json()["items"]
    assert [(c["text"][:7], c["internal"], c["kind"]) for c in listed] == [
        ("Can @" + local[:2], False, "comment"),
        ("Margin ", True, "comment"),
    ]


def test_request_changes_comment_is_in_the_thread(
    client: TestClient, ctx: AppContext, team: Team
) -> None:
    post_id = _post(client, ctx, team)
    with ctx.db.session() as s:
        ws = s.get(Workspace, uuid.UUID(team.id))
        assert ws is not None
        ws.approval_required = True
    assert client.post(f"/api/posts/{post_id}/publish", headers=team.h("editor")).status_code == 202
    r = client.post(
        f"/api/posts/{post_id}/request-changes",
        json={"comment": "Use the new logo"},
        headers=team.h("owner"),
    )
    assert r.status_code == 200
    listed = client.get(f"/api/posts/{post_id}/comments", headers=team.h("editor")).json()["items"]
    assert [(c["text"], c["kind"], c["author"]["id"]) for c in listed] == [
        ("Use the new logo", "changes_requested", team.people["owner"].id)
    ]


def test_another_workspaces_post_is_not_found(
    client: TestClient, ctx: AppContext, team: Team
) -> None:
    post_id = _post(client, ctx, team)
    outsider: Person = team.people["stranger"]
    for headers in (outsider.headers(), outsider.headers(team.id)):
        r = client.get(f"/api/posts/{post_id}/comments", headers=headers)
        assert r.status_code == 404
        r = client.post(f"/api/posts/{post_id}/comments", json={"text": "hi"}, headers=headers)
        assert r.status_code == 404
    assert client.get(f"/api/posts/{post_id}/comments", headers=team.h("owner")).json() == {
        "items": []
    }
