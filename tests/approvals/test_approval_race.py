"""Races on a real server with the sandbox platforms (SQLite, and PostgreSQL with
TEST_DATABASE_URL): two approvals at once publish once; an approval racing an edit or a delete
never lets unapproved or deleted text out. Requests really run concurrently (the server's
thread pool), each released by a barrier at the same instant."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import func, select, update

from socialflow.models import PlatformPost, PublishAttempt, Workspace, WorkspaceMember
from tests.fixtures.oauth import connected_id, consent
from tests.publishing.conftest import Live, live, live_settings  # noqa: F401 - fixtures

Headers = dict[str, str]


def _team(live: Live) -> tuple[dict[str, Headers], str]:  # noqa: F811
    people = {
        r: live.user(f"{r}-{uuid.uuid4().hex[:6]}@example.com")
        for r in ("owner", "admin", "editor")
    }
    owner = people["owner"]
    ws = live.http.post("/api/workspaces", json={"name": "Agency"}, headers=owner["headers"]).json()
    with live.ctx.db.session() as s:
        s.execute(
            update(Workspace)
            .where(Workspace.id == uuid.UUID(ws["id"]))
            .values(
                subscription_tier="business", subscription_status="active", approval_required=True
            )
        )
        for role in ("admin", "editor"):
            s.add(
                WorkspaceMember(
                    workspace_id=uuid.UUID(ws["id"]),
                    user_id=uuid.UUID(people[role]["user"]["id"]),
                    role=role,
                )
            )
    account = connected_id(
        consent(live.base_url, owner["access_token"], "twitter", "agency_x", workspace_id=ws["id"])
    )
    headers = {r: {**p["headers"], "X-Workspace-Id": ws["id"]} for r, p in people.items()}
    return headers, account


def _submitted(live: Live, h: dict[str, Headers], account: str, text: str) -> dict[str, Any]:  # noqa: F811
    r = live.http.post(
        "/api/posts", json={"content": text, "social_account_ids": [account]}, headers=h["editor"]
    )
    assert r.status_code == 201, r.text
    post = r.json()
    r = live.http.post(f"/api/posts/{post['id']}/publish", headers=h["editor"])
    assert r.status_code == 202 and r.json()["status"] == "pending_approval", r.text
    return dict(r.json())


def _at_once(live: Live, *calls: Callable[[httpx.Client], httpx.Response]) -> list[httpx.Response]:  # noqa: F811
    barrier = threading.Barrier(len(calls))
    out: list[httpx.Response | None] = [None] * len(calls)

    def run(i: int, call: Callable[[httpx.Client], httpx.Response]) -> None:
        with httpx.Client(base_url=live.base_url, timeout=30) as http:
            http.get("/healthz")  # connected before the barrier: the calls leave together
            barrier.wait()
            out[i] = call(http)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(r is not None for r in out)
    return [r for r in out if r is not None]


def _attempts(live: Live, post_id: str) -> int:  # noqa: F811
    with live.ctx.db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(PublishAttempt)
                .join(PlatformPost, PlatformPost.id == PublishAttempt.platform_post_id)
                .where(PlatformPost.post_id == uuid.UUID(post_id))
            )
            or 0
        )


def test_two_approvers_at_once_publish_once(live: Live) -> None:  # noqa: F811
    h, account = _team(live)
    for round_ in range(3):
        text = f"Approved once {round_}"
        post = _submitted(live, h, account, text)
        live.run()
        assert [p for p in live.published("twitter") if p["text"] == text] == []  # not approved
        url = f"/api/posts/{post['id']}/approve"
        answers = _at_once(
            live,
            lambda http, u=url: http.post(u, headers=h["owner"]),
            lambda http, u=url: http.post(u, headers=h["admin"]),
        )
        codes = sorted(r.status_code for r in answers)
        assert codes == [200, 409], [r.text for r in answers]
        loser = next(r for r in answers if r.status_code == 409)
        assert loser.json()["error"]["code"] == "not_pending_approval"
        live.run()
        assert [p["text"] for p in live.published("twitter") if p["text"] == text] == [text]
        assert _attempts(live, post["id"]) == 1
        final = live.http.get(f"/api/posts/{post['id']}", headers=h["owner"]).json()
        assert final["status"] == "published"


def test_approve_racing_an_edit_never_lets_the_new_text_out_unapproved(live: Live) -> None:  # noqa: F811
    h, account = _team(live)
    for round_ in range(3):
        text = f"Old text {round_}"
        post = _submitted(live, h, account, text)
        url = f"/api/posts/{post['id']}"
        approve, edit = _at_once(
            live,
            lambda http, u=url, seen=post["revision"]: http.post(
                f"{u}/approve", json={"revision": seen}, headers=h["admin"]
            ),
            lambda http, u=url, new=f"New text {round_}": http.put(
                u, json={"content": new}, headers=h["editor"]
            ),
        )
        assert edit.status_code == 200, edit.text
        assert approve.status_code in (200, 409), approve.text
        if approve.status_code == 409:
            assert approve.json()["error"]["code"] == "post_changed"
        live.run()
        final = live.http.get(url, headers=h["admin"]).json()
        assert final["status"] == "pending_approval" and final["content"] == f"New text {round_}"
        sent = [p["text"] for p in live.published("twitter")]
        assert f"New text {round_}" not in sent and text not in sent
        assert _attempts(live, post["id"]) == 0


def test_approve_racing_a_delete_publishes_nothing(live: Live) -> None:  # noqa: F811
    h, account = _team(live)
    for round_ in range(3):
        text = f"Deleted {round_}"
        post = _submitted(live, h, account, text)
        url = f"/api/posts/{post['id']}"
        approve, delete = _at_once(
            live,
            lambda http, u=url: http.post(f"{u}/approve", headers=h["owner"]),
            lambda http, u=url: http.delete(u, headers=h["editor"]),
        )
        assert delete.status_code == 204, delete.text
        # The approval first (then the delete stops it), or the delete first (404 or 409).
        assert approve.status_code in (200, 404, 409), approve.text
        live.run()
        assert text not in [p["text"] for p in live.published("twitter")]
        assert _attempts(live, post["id"]) == 0
