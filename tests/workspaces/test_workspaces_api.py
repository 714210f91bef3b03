"""Workspaces, members, invitations, seats and the activity log through the API."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.models import Invitation, Post, User
from tests.fixtures.factories import make_account
from tests.workspaces.conftest import Team, person, set_plan


def draft(
    client: TestClient, ctx: AppContext, workspace_id: str, headers: dict[str, str], text: str
) -> Any:
    """POST a draft to a (new) X account of the workspace."""
    account = make_account(ctx, workspace_id, "twitter")
    body = {"content": text, "social_account_ids": [str(account)]}
    return client.post("/api/posts", json=body, headers=headers)


def _token(invitation: dict[str, Any]) -> str:
    return str(invitation["url"].split("token=")[1])


def test_sign_up_makes_a_personal_workspace_and_requests_without_header_act_in_it(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    me = person(register)
    items = client.get("/api/workspaces", headers=me.headers()).json()["items"]
    assert [(w["id"], w["role"], w["personal"], w["plan"]) for w in items] == [
        (me.id, "owner", True, "free")
    ]
    post = draft(client, ctx, me.id, me.headers(), "hello")
    assert post.status_code == 201, post.text
    listed = client.get("/api/posts", headers=me.headers(me.id)).json()
    assert [p["id"] for p in listed["items"]] == [post.json()["id"]]


def test_a_new_workspace_is_separate_and_the_header_chooses(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    me = person(register)
    r = client.post("/api/workspaces", json={"name": "  Client  A "}, headers=me.headers())
    assert r.status_code == 201
    ws = r.json()
    assert (ws["name"], ws["role"], ws["personal"], ws["seat_limit"]) == (
        "Client A",
        "owner",
        False,
        1,
    )
    draft(client, ctx, ws["id"], me.headers(ws["id"]), "for A")
    mine = client.get("/api/posts", headers=me.headers()).json()["items"]
    theirs = client.get("/api/posts", headers=me.headers(ws["id"])).json()["items"]
    assert mine == [] and [p["content"] for p in theirs] == ["for A"]
    names = [w["name"] for w in client.get("/api/workspaces", headers=me.headers()).json()["items"]]
    assert names == ["Personal", "Client A"]


def test_blank_name_and_bad_header_are_clear_errors(
    client: TestClient, register: Callable[..., dict[str, Any]]
) -> None:
    me = person(register)
    r = client.post("/api/workspaces", json={"name": "   "}, headers=me.headers())
    assert r.status_code == 422 and "name" in r.text
    r = client.get("/api/posts", headers={**me.headers(), "X-Workspace-Id": "not-a-uuid"})
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "X-Workspace-Id"


def test_a_workspace_you_are_not_in_is_404(client: TestClient, team: Team) -> None:
    stranger = team.people["stranger"]
    for path in ("/api/posts", "/api/social-accounts", f"/api/workspaces/{team.id}/members"):
        r = client.get(path, headers=stranger.headers(team.id))
        assert r.status_code == 404, (path, r.text)
        assert r.json()["error"]["code"] == "workspace_not_found", (path, r.text)


def test_invitation_accept_flow(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    owner, guest, other = person(register), person(register), person(register)
    ws = client.post("/api/workspaces", json={"name": "Agency"}, headers=owner.headers()).json()
    set_plan(ctx, ws["id"], "pro")  # two seats
    r = client.post(
        f"/api/workspaces/{ws['id']}/invitations",
        json={"email": guest.email.upper(), "role": "editor"},
        headers=owner.headers(ws["id"]),
    )
    assert r.status_code == 201, r.text
    inv = r.json()
    assert inv["email"] == guest.email and inv["role"] == "editor"
    assert "/invitations/accept?token=" in inv["url"]
    listed = client.get(f"/api/workspaces/{ws['id']}/invitations", headers=owner.headers(ws["id"]))
    assert [(i["id"], i["url"]) for i in listed.json()["items"]] == [(inv["id"], None)]
    token = _token(inv)
    preview = client.get(f"/api/invitations/{token}").json()
    assert (preview["workspace_name"], preview["role"], preview["invited_by_email"]) == (
        "Agency",
        "editor",
        owner.email,
    )
    wrong = client.post(f"/api/invitations/{token}/accept", headers=other.headers())
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "wrong_invitee"
    assert guest.email in wrong.json()["error"]["message"]
    ok = client.post(f"/api/invitations/{token}/accept", headers=guest.headers())
    assert ok.status_code == 200 and ok.json()["role"] == "editor"
    again = client.post(f"/api/invitations/{token}/accept", headers=guest.headers())
    assert again.status_code == 410
    with ctx.db.session() as s:  # accepting proved the address
        assert s.scalar(select(User.email_verified).where(User.email == guest.email)) is True
    members = client.get(f"/api/workspaces/{ws['id']}/members", headers=guest.headers(ws["id"]))
    assert sorted(m["role"] for m in members.json()["items"]) == ["editor", "owner"]


def test_expired_revoked_and_resent_links_are_gone(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    owner, guest = person(register), person(register)
    ws = client.post("/api/workspaces", json={"name": "W"}, headers=owner.headers()).json()
    set_plan(ctx, ws["id"], "business")
    h = owner.headers(ws["id"])
    inv = client.post(
        f"/api/workspaces/{ws['id']}/invitations",
        json={"email": guest.email, "role": "viewer"},
        headers=h,
    ).json()
    with ctx.db.session() as s:  # as if sent two minutes ago (resend waits a minute)
        s.execute(update(Invitation).values(created_at=utcnow() - timedelta(minutes=2)))
    resent = client.post(f"/api/workspaces/{ws['id']}/invitations/{inv['id']}/resend", headers=h)
    assert resent.status_code == 200 and resent.json()["url"] != inv["url"]
    too_soon = client.post(f"/api/workspaces/{ws['id']}/invitations/{inv['id']}/resend", headers=h)
    assert too_soon.status_code == 429
    assert client.get(f"/api/invitations/{_token(inv)}").status_code == 410  # the old link
    with ctx.db.session() as s:
        s.execute(update(Invitation).values(expires_at=utcnow() - timedelta(seconds=1)))
    expired = client.post(
        f"/api/invitations/{_token(resent.json())}/accept", headers=guest.headers()
    )
    assert expired.status_code == 410 and "expired" in expired.json()["error"]["message"]
    fresh = client.post(
        f"/api/workspaces/{ws['id']}/invitations",
        json={"email": guest.email, "role": "viewer"},
        headers=h,
    ).json()
    assert (
        client.delete(
            f"/api/workspaces/{ws['id']}/invitations/{fresh['id']}", headers=h
        ).status_code
        == 204
    )
    revoked = client.post(f"/api/invitations/{_token(fresh)}/accept", headers=guest.headers())
    assert revoked.status_code == 410 and "revoked" in revoked.json()["error"]["message"]
    assert client.get(f"/api/workspaces/{ws['id']}/invitations", headers=h).json()["items"] == []


def test_seats_count_pending_invitations_and_name_the_plan_that_allows_more(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    owner = person(register)
    ws = client.post("/api/workspaces", json={"name": "W"}, headers=owner.headers()).json()
    h = owner.headers(ws["id"])
    url = f"/api/workspaces/{ws['id']}/invitations"
    free = client.post(url, json={"email": "a@example.com", "role": "editor"}, headers=h)
    assert free.status_code == 402
    err = free.json()["error"]
    assert err["code"] == "seat_limit" and err["details"]["upgrade_to"] == "pro"
    assert "Pro" in err["message"]
    set_plan(ctx, ws["id"], "pro")
    assert (
        client.post(url, json={"email": "a@example.com", "role": "editor"}, headers=h).status_code
        == 201
    )
    full = client.post(url, json={"email": "b@example.com", "role": "editor"}, headers=h)
    assert full.status_code == 402 and full.json()["error"]["details"]["upgrade_to"] == "business"
    # Inviting the same address again reuses its seat.
    assert (
        client.post(url, json={"email": "a@example.com", "role": "viewer"}, headers=h).status_code
        == 201
    )
    assert client.get(f"/api/workspaces/{ws['id']}", headers=h).json()["seats_used"] == 2


def test_downgrade_makes_extra_members_read_only_and_removes_nobody(
    client: TestClient, ctx: AppContext, team: Team
) -> None:
    from socialflow.billing import entitlements

    set_plan(ctx, team.id, "pro")  # 2 seats for 4 members
    with ctx.db.session() as s:
        entitlements.refresh_seats(s, uuid.UUID(team.id))
    members = client.get(f"/api/workspaces/{team.id}/members", headers=team.h("owner")).json()[
        "items"
    ]
    assert len(members) == 4
    flags = {m["role"]: m["read_only"] for m in members}
    assert flags["owner"] is False and sum(flags.values()) == 2
    ro = next(m["role"] for m in members if m["read_only"] and m["role"] in ("admin", "editor"))
    r = draft(client, ctx, team.id, team.h(ro), "x")
    assert r.status_code == 403 and r.json()["error"]["code"] == "read_only_seat"
    assert client.get("/api/posts", headers=team.h(ro)).status_code == 200
    me = client.get(f"/api/workspaces/{team.id}", headers=team.h(ro)).json()
    assert me["read_only"] is True


def test_removal_is_immediate_and_posts_stay(
    client: TestClient, ctx: AppContext, team: Team
) -> None:
    r = draft(client, ctx, team.id, team.h("editor"), "by editor")
    post_id = r.json()["id"]
    editor = team.people["editor"]
    gone = client.delete(f"/api/workspaces/{team.id}/members/{editor.id}", headers=team.h("admin"))
    assert gone.status_code == 204
    assert client.get("/api/posts", headers=team.h("editor")).status_code == 404
    assert client.get("/api/posts", headers=editor.headers()).status_code == 200  # personal
    assert client.get(f"/api/posts/{post_id}", headers=team.h("owner")).status_code == 200


def test_who_may_manage_whom(client: TestClient, team: Team) -> None:
    p = team.people
    base = f"/api/workspaces/{team.id}/members"
    # An admin cannot touch another admin or the owner; the owner cannot leave.
    r = client.patch(f"{base}/{p['owner'].id}", json={"role": "viewer"}, headers=team.h("admin"))
    assert r.status_code == 409
    r = client.patch(f"{base}/{p['editor'].id}", json={"role": "admin"}, headers=team.h("admin"))
    assert r.status_code == 403 and r.json()["error"]["details"]["required_role"] == "owner"
    r = client.patch(f"{base}/{p['editor'].id}", json={"role": "viewer"}, headers=team.h("admin"))
    assert r.status_code == 200 and r.json()["role"] == "viewer"
    r = client.delete(f"{base}/{p['owner'].id}", headers=team.h("owner"))
    assert r.status_code == 409 and "transfer" in r.json()["error"]["message"]
    r = client.delete(f"{base}/{p['viewer'].id}", headers=team.h("viewer"))  # leaving
    assert r.status_code == 204
    r = client.delete(f"{base}/{p['admin'].id}", headers=team.h("editor"))
    assert r.status_code == 403  # (now a viewer) may not remove others


def test_transfer_and_delete(
    client: TestClient, team: Team, register: Callable[..., dict[str, Any]]
) -> None:
    p = team.people
    r = client.post(
        f"/api/workspaces/{team.id}/transfer",
        json={"user_id": p["admin"].id},
        headers=team.h("owner"),
    )
    assert r.status_code == 200 and r.json()["role"] == "admin"
    assert client.delete(f"/api/workspaces/{team.id}", headers=team.h("owner")).status_code == 403
    assert client.delete(f"/api/workspaces/{team.id}", headers=team.h("admin")).status_code == 204
    assert client.get("/api/posts", headers=team.h("admin")).status_code == 404
    me = p["owner"]
    personal = client.delete(f"/api/workspaces/{me.id}", headers=me.headers())
    assert personal.status_code == 409 and personal.json()["error"]["code"] == "personal_workspace"


def test_editor_limited_to_some_accounts(client: TestClient, ctx: AppContext, team: Team) -> None:
    allowed = make_account(ctx, team.id, "twitter")
    other = make_account(ctx, team.id, "linkedin")
    editor = team.people["editor"]
    r = client.patch(
        f"/api/workspaces/{team.id}/members/{editor.id}",
        json={"account_ids": [str(allowed)]},
        headers=team.h("admin"),
    )
    assert r.status_code == 200 and r.json()["account_ids"] == [str(allowed)]
    mine = client.get(f"/api/workspaces/{team.id}", headers=team.h("editor")).json()
    assert mine["account_ids"] == [str(allowed)]  # what the composer offers them
    ok = client.post(
        "/api/posts",
        json={"content": "hi", "social_account_ids": [str(allowed)]},
        headers=team.h("editor"),
    )
    assert ok.status_code == 201, ok.text
    refused = client.post(
        "/api/posts",
        json={"content": "hi", "social_account_ids": [str(allowed), str(other)]},
        headers=team.h("editor"),
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden_account"
    with ctx.db.session() as s:  # nothing of the refused post was saved
        assert s.scalar(select(Post.id).where(Post.id != uuid.UUID(ok.json()["id"]))) is None


def test_activity_log_records_who_did_what(client: TestClient, ctx: AppContext, team: Team) -> None:
    draft(client, ctx, team.id, team.h("editor"), "launch day")
    page = client.get(f"/api/workspaces/{team.id}/activity", headers=team.h("admin")).json()
    actions = [e["action"] for e in page["items"]]
    assert (
        actions[0] == "post.created" and "member.joined" in actions and "member.invited" in actions
    )
    assert page["items"][0]["actor"]["email"] == team.people["editor"].email
    posts_only = client.get(
        f"/api/workspaces/{team.id}/activity?action=post", headers=team.h("owner")
    ).json()
    assert [e["action"] for e in posts_only["items"]] == ["post.created"] and posts_only[
        "total"
    ] == 1
    by_owner = client.get(
        f"/api/workspaces/{team.id}/activity?actor_id={team.people['owner'].id}&limit=1",
        headers=team.h("owner"),
    ).json()
    assert by_owner["total"] >= 3 and len(by_owner["items"]) == 1
    assert (
        client.get(f"/api/workspaces/{team.id}/activity", headers=team.h("editor")).status_code
        == 403
    )
