"""Re-connect, plan limit, tenancy, disconnect, refresh, stats, Page choice, and no token leaks."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from socialflow.accounts.tokens import tokens_for
from socialflow.core.clock import utcnow
from socialflow.models import (
    FollowerSnapshot,
    Notification,
    OutboxEmail,
    PlatformPost,
    Post,
    SocialAccount,
)
from socialflow.platforms.base import AuthExpired, Disconnected
from socialflow.platforms.registry import get_connector
from tests.accounts.conftest import Live


def _row(live: Live, account_id: str) -> SocialAccount:
    with live.ctx.db.read_sessions() as session:
        account = session.get(SocialAccount, uuid.UUID(account_id))
        assert account is not None
        return account


def _linkedin_refresh_tokens(live: Live, on: bool) -> None:
    live.store.objects.setdefault("linkedin:config", {})["refresh_tokens"] = on


def test_reconnect_updates_and_keeps_the_refresh_token(live: Live) -> None:
    alice = live.user()
    _linkedin_refresh_tokens(live, True)
    first = live.connect(alice, "linkedin", "sf_pro").account_id
    before = tokens_for(live.ctx, None, _row(live, first))
    assert before.refresh_token
    with live.ctx.db.session() as session:
        session.execute(
            update(SocialAccount).values(status="needs_reauth", status_reason="expired")
        )
    # This time the platform hands out no refresh token.
    _linkedin_refresh_tokens(live, False)
    again = live.connect(alice, "linkedin", "sf_pro", account_id=first).account_id
    assert again == first
    row = _row(live, first)
    after = tokens_for(live.ctx, None, row)
    assert after.access_token != before.access_token
    assert after.refresh_token == before.refresh_token
    assert (row.status, row.status_reason) == ("active", None)
    assert len(live.api("GET", "/api/social-accounts", alice).json()["items"]) == 1


def test_plan_limit_is_enforced_at_callback(live: Live) -> None:
    alice = live.user()
    live.connect(alice, "twitter", "sf_one")
    live.connect(alice, "tiktok", "sf_two")
    third = live.connect(alice, "youtube", "sf_three")
    assert third.query["error"] == "plan_limit"
    assert "2 connected accounts" in third.query["message"]
    assert "Upgrade" in third.query["message"]
    items = live.api("GET", "/api/social-accounts", alice).json()["items"]
    assert sorted(i["platform"] for i in items) == ["tiktok", "twitter"]
    # Re-connecting an account already counted is not a new slot.
    again = live.connect(alice, "twitter", "sf_one")
    assert again.query.get("connected")


def test_another_users_account_is_not_found(live: Live) -> None:
    alice, bob = live.user(), live.user()
    account_id = live.connect(alice, "twitter", "sf_alice").account_id
    assert live.api("GET", "/api/social-accounts", bob).json()["items"] == []
    for method, path, body in (
        ("POST", f"/api/social-accounts/{account_id}/refresh", None),
        ("GET", f"/api/social-accounts/{account_id}/stats", None),
        ("POST", f"/api/social-accounts/{account_id}/select", {"choice_id": "1"}),
        ("DELETE", f"/api/social-accounts/{account_id}", None),
    ):
        r = live.api(method, path, bob, json=body)
        assert r.status_code == 404, (method, path, r.text)
        assert r.json()["error"]["code"] == "not_found"
    r = live.api(
        "POST",
        "/api/social-accounts/connect",
        bob,
        json={"platform": "twitter", "account_id": account_id},
    )
    assert r.status_code == 404
    assert _row(live, account_id).status == "active"  # untouched


def test_disconnect_revokes_and_keeps_post_history(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_leaving").account_id
    tokens = tokens_for(live.ctx, None, _row(live, account_id))
    with live.ctx.db.session() as session:
        post = Post(
            workspace_id=uuid.UUID(alice["user"]["id"]), content="hello", status="published"
        )
        session.add(post)
        session.flush()
        session.add(
            PlatformPost(
                post_id=post.id,
                workspace_id=post.workspace_id,
                social_account_id=uuid.UUID(account_id),
                platform="twitter",
                content="hello",
                status="published",
                platform_post_id="123",
            )
        )
    r = live.api("DELETE", f"/api/social-accounts/{account_id}", alice)
    assert r.status_code == 204
    assert live.hits["POST /sandbox/twitter/2/oauth2/revoke"] >= 1
    with pytest.raises((AuthExpired, Disconnected)):  # the grant is dead at the platform
        get_connector(live.ctx.settings, "twitter").identity(tokens)
    with live.ctx.db.read_sessions() as session:
        assert session.get(SocialAccount, uuid.UUID(account_id)) is None
        row = session.scalars(select(PlatformPost)).one()
        assert row.social_account_id is None and row.platform_post_id == "123"
    assert live.api("GET", "/api/social-accounts", alice).json()["items"] == []
    assert live.api("DELETE", f"/api/social-accounts/{account_id}", alice).status_code == 404


def test_disconnect_succeeds_when_the_platform_fails_to_revoke(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "tiktok", "sf_gone").account_id
    live.http.post(
        "/sandbox/_admin/faults",
        json={"platform": "tiktok", "kind": "server_error", "path": "revoke", "times": 5},
    ).raise_for_status()
    assert live.api("DELETE", f"/api/social-accounts/{account_id}", alice).status_code == 204
    assert live.api("GET", "/api/social-accounts", alice).json()["items"] == []


def test_refresh_rotates_tokens(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_fresh").account_id
    before = tokens_for(live.ctx, None, _row(live, account_id))
    r = live.api("POST", f"/api/social-accounts/{account_id}/refresh", alice)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "active"
    row = _row(live, account_id)
    after = tokens_for(live.ctx, None, row)
    assert after.access_token != before.access_token
    assert after.refresh_token and after.refresh_token != before.refresh_token  # X rotates
    assert row.last_refreshed_at is not None
    # The new tokens work; the old refresh token is dead (rotation), so storing it mattered.
    assert get_connector(live.ctx.settings, "twitter").identity(after).username == "sf_fresh"
    with pytest.raises(Disconnected):
        get_connector(live.ctx.settings, "twitter").refresh(before)


def test_refused_refresh_marks_needs_reauth_and_tells_the_user(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_revoked").account_id
    row = _row(live, account_id)
    live.http.post(
        "/sandbox/_admin/revoke", params={"platform": "twitter", "user_id": row.platform_user_id}
    ).raise_for_status()
    r = live.api("POST", f"/api/social-accounts/{account_id}/refresh", alice)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "needs_reauth"
    assert "Reconnect" in r.json()["error"]["message"]
    item = live.api("GET", "/api/social-accounts", alice).json()["items"][0]
    assert item["status"] == "needs_reauth" and item["status_reason"]
    with live.ctx.db.read_sessions() as session:
        note = session.scalars(select(Notification)).one()
        mail = session.scalars(select(OutboxEmail).where(OutboxEmail.subject == note.title)).one()
    assert note.kind == "account_needs_reauth" and note.link == "/platforms"
    assert mail.to_address == alice["user"]["email"]
    # Re-connecting brings it back.
    assert live.connect(alice, "twitter", "sf_revoked", account_id=account_id).account_id
    assert _row(live, account_id).status == "active"


def test_stats_history_and_sync(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "youtube", "sf_stats").account_id
    r = live.api("GET", f"/api/social-accounts/{account_id}/stats", alice)
    assert r.status_code == 200
    body = r.json()
    assert body["follower_count"] is not None
    assert [p["follower_count"] for p in body["history"]] == [body["follower_count"]]
    # Older than an hour: the stats call asks the platform again and adds a point.
    with live.ctx.db.session() as session:
        session.execute(update(SocialAccount).values(last_synced_at=utcnow() - timedelta(hours=2)))
        session.execute(update(FollowerSnapshot).values(fetched_at=utcnow() - timedelta(hours=2)))
    body = live.api("GET", f"/api/social-accounts/{account_id}/stats", alice).json()
    assert len(body["history"]) == 2
    assert body["history"][0]["fetched_at"] < body["history"][1]["fetched_at"]
    # Points older than 90 days are not part of the history.
    with live.ctx.db.session() as session:
        session.execute(
            update(FollowerSnapshot)
            .where(FollowerSnapshot.fetched_at < utcnow() - timedelta(hours=1))
            .values(fetched_at=utcnow() - timedelta(days=91))
        )
    body = live.api("GET", f"/api/social-accounts/{account_id}/stats", alice).json()
    assert len(body["history"]) == 1


def test_follower_sync_job(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "tiktok", "sf_job").account_id
    live.runner.queue.clear()
    live.runner.queue.append(("accounts.sync_followers", {"account_id": account_id}))
    assert live.runner.drain() == 1
    with live.ctx.db.read_sessions() as session:
        counts = session.scalars(
            select(FollowerSnapshot.follower_count).where(
                FollowerSnapshot.social_account_id == uuid.UUID(account_id)
            )
        ).all()
    assert len(counts) == 2 and all(c >= 0 for c in counts)


def test_facebook_page_choice(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "facebook", "sf_pages").account_id
    item = live.api("GET", "/api/social-accounts", alice).json()["items"][0]
    choices = item["choices"]
    assert len(choices) == 2 and all(c["id"] and c["name"] for c in choices)
    other = next(c for c in choices if c["id"] != item["platform_user_id"])
    r = live.api(
        "POST", f"/api/social-accounts/{account_id}/select", alice, json={"choice_id": other["id"]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["platform_user_id"] == other["id"]
    assert r.json()["display_name"] == other["name"]
    plain = tokens_for(live.ctx, None, _row(live, account_id))
    assert plain.extra["page_id"] == other["id"]
    connector = get_connector(live.ctx.settings, "facebook")
    assert connector.identity(plain).platform_user_id == other["id"]

    bad = live.api(
        "POST", f"/api/social-accounts/{account_id}/select", alice, json={"choice_id": "999"}
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "choice_id"

    # Connecting again adds the Page not yet connected, instead of the same one twice.
    second = live.connect(alice, "facebook", "sf_pages").account_id
    assert second != account_id
    ids = {
        i["platform_user_id"]
        for i in live.api("GET", "/api/social-accounts", alice).json()["items"]
    }
    assert ids == {c["id"] for c in choices}
    # Pointing one at the other's Page is a conflict, not a duplicate.
    clash = live.api(
        "POST",
        f"/api/social-accounts/{second}/select",
        alice,
        json={"choice_id": other["id"]},
    )
    assert clash.status_code == 409


def test_select_on_a_platform_without_choices(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_single").account_id
    r = live.api(
        "POST", f"/api/social-accounts/{account_id}/select", alice, json={"choice_id": "1"}
    )
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "choice_id"


def test_no_token_in_responses_or_logs(live: Live, caplog: pytest.LogCaptureFixture) -> None:
    # As configure_logging does in every process: httpx would log request URLs (Meta's token
    # exchange carries tokens in its query string), so it logs warnings only.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    caplog.set_level(logging.DEBUG)
    alice = live.user()
    secrets: set[str] = set()
    ids = []
    for platform, name in (("twitter", "sf_a"), ("facebook", "sf_b")):
        account_id = live.connect(alice, platform, name).account_id
        ids.append(account_id)
        plain = tokens_for(live.ctx, None, _row(live, account_id))
        secrets |= {plain.access_token, plain.refresh_token or ""}
        secrets |= {str(v) for k, v in plain.extra.items() if "token" in k and v}
    for account_id in ids:
        live.api("POST", f"/api/social-accounts/{account_id}/refresh", alice)
        live.api("GET", f"/api/social-accounts/{account_id}/stats", alice)
        plain = tokens_for(live.ctx, None, _row(live, account_id))
        secrets |= {plain.access_token, plain.refresh_token or ""}
    live.api("GET", "/api/social-accounts", alice)
    for account_id in ids:
        live.api("DELETE", f"/api/social-accounts/{account_id}", alice)
    secrets.discard("")
    assert len(secrets) >= 5
    assert caplog.records, "nothing was logged at all"
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in secrets:
        assert secret not in logged
        assert all(secret not in body for body in live.bodies)
