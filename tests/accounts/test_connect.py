"""OAuth connect per platform over real HTTP: consent page, callback, stored (encrypted) account."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from socialflow.accounts.tokens import tokens_for
from socialflow.core.clock import utcnow
from socialflow.core.config import PLATFORMS
from socialflow.models import FollowerSnapshot, OAuthState, SocialAccount
from socialflow.platforms.registry import get_connector
from tests.accounts.conftest import Live

USERNAMES = {
    "twitter": "sf_creator",
    "instagram": "sf_insta",
    "tiktok": "sf_tok",
    "linkedin": "sf_pro",
    "facebook": "sf_admin",
    "youtube": "sf_channel",
}


def _row(live: Live, account_id: str) -> SocialAccount:
    with live.ctx.db.read_sessions() as session:
        account = session.get(SocialAccount, uuid.UUID(account_id))
        assert account is not None
        return account


@pytest.mark.parametrize("platform", PLATFORMS)
def test_connect_stores_the_account_with_encrypted_tokens(live: Live, platform: str) -> None:
    if platform == "linkedin":  # as for an approved partner app, so a refresh token exists too
        live.store.objects.setdefault("linkedin:config", {})["refresh_tokens"] = True
    alice = live.user()
    flow = live.connect(alice, platform, USERNAMES[platform])
    account_id = flow.account_id

    row = _row(live, account_id)
    cipher = live.ctx.security.cipher
    plain = tokens_for(live.ctx, None, row)
    assert plain.access_token
    # At rest: Fernet ciphertext, not the token; it decrypts to the token.
    assert row.access_token and row.access_token != plain.access_token
    assert plain.access_token not in row.access_token
    assert row.access_token.startswith("gAAAA")
    assert cipher.decrypt(row.access_token) == plain.access_token
    if plain.refresh_token:
        assert row.refresh_token and plain.refresh_token not in row.refresh_token
    if platform == "facebook":  # the Page token lives in the encrypted extra
        assert plain.extra["page_access_token"]
        assert row.token_extra and plain.extra["page_access_token"] not in row.token_extra
    if platform in ("twitter", "tiktok", "youtube", "linkedin"):
        assert plain.refresh_token, f"{platform} should have given a refresh token"

    # The stored tokens are the real ones: the platform recognizes them.
    connector = get_connector(live.ctx.settings, platform)
    assert connector.identity(plain).platform_user_id == row.platform_user_id

    r = live.api("GET", "/api/social-accounts", alice)
    assert r.status_code == 200
    [item] = r.json()["items"]
    assert item["id"] == account_id
    assert item["platform"] == platform
    assert item["status"] == "active"
    assert item["sandbox"] is True
    assert item["platform_user_id"] == row.platform_user_id
    assert item["username"] or item["display_name"]
    for secret in filter(None, (plain.access_token, plain.refresh_token)):
        assert secret not in r.text
    assert "token" not in {k for k in item if k != "token_expires_at"}

    with live.ctx.db.read_sessions() as session:
        snapshots = session.scalars(
            select(FollowerSnapshot).where(FollowerSnapshot.social_account_id == row.id)
        ).all()
    if row.follower_count is None:
        # No count in the identity: the follower sync job was queued instead.
        assert ("accounts.sync_followers", {"account_id": account_id}) in live.runner.queue
    else:
        assert [s.follower_count for s in snapshots] == [row.follower_count]
        assert item["follower_count"] == row.follower_count


@pytest.mark.parametrize("platform", PLATFORMS)
def test_denied_consent_redirects_with_a_readable_error(live: Live, platform: str) -> None:
    alice = live.user()
    flow = live.connect(alice, platform, approve=False)
    assert flow.query["error"] == "access_denied"
    assert "nothing was connected" in flow.query["message"]
    assert live.api("GET", "/api/social-accounts", alice).json()["items"] == []


def test_forged_state_is_rejected(live: Live) -> None:
    alice = live.user()
    callback = live.decide(live.authorization_url(alice, "twitter"), "sf_x", True)
    forged = callback.replace("state=", "state=forged")
    final = live.land(forged)
    assert "error=bad_state" in str(final)
    assert live.api("GET", "/api/social-accounts", alice).json()["items"] == []
    final = live.land(f"{live.base_url}/api/social-accounts/callback?code=abc")
    assert "error=bad_state" in str(final)


def test_expired_state_is_rejected(live: Live) -> None:
    alice = live.user()
    auth_url = live.authorization_url(alice, "tiktok")
    with live.ctx.db.session() as session:
        session.execute(update(OAuthState).values(expires_at=utcnow() - timedelta(seconds=1)))
    final = live.land(live.decide(auth_url, "sf_tok", True))
    query = str(final)
    assert "error=state_expired" in query and "10+minutes" in query
    assert live.api("GET", "/api/social-accounts", alice).json()["items"] == []


def test_reused_state_is_rejected(live: Live) -> None:
    alice = live.user()
    flow = live.connect(alice, "youtube", "sf_channel")
    assert flow.account_id
    again = live.land(flow.callback_url)
    assert "error=state_used" in str(again)
    with live.ctx.db.read_sessions() as session:
        state = session.scalars(select(OAuthState)).one()
    assert state.used_at is not None
    # The stored state is a hash and the verifier is encrypted.
    raw_state = flow.callback_url.split("state=")[1].split("&")[0]
    assert raw_state not in state.state_hash and len(state.state_hash) == 64
    assert state.code_verifier.startswith("gAAAA")


def test_pkce_verifier_reaches_the_platform(live: Live) -> None:
    """X checks the S256 challenge against the verifier we send with the code."""
    alice = live.user()
    auth_url = live.authorization_url(alice, "twitter")
    assert "code_challenge_method=S256" in auth_url
    with live.ctx.db.session() as session:  # a different verifier than the challenge's
        row = session.scalars(select(OAuthState)).one()
        row.code_verifier = live.ctx.security.cipher.encrypt("x" * 64) or ""
    final = live.land(live.decide(auth_url, "sf_x", True))
    assert "error=platform_error" in str(final)


def test_unknown_platform_is_a_422_naming_the_field(live: Live) -> None:
    alice = live.user()
    r = live.api("POST", "/api/social-accounts/connect", alice, json={"platform": "myspace"})
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "platform"


def test_connect_requires_login(live: Live) -> None:
    r = live.api("POST", "/api/social-accounts/connect", json={"platform": "twitter"})
    assert r.status_code == 401


def test_platforms_lists_the_six_with_sandbox_flags(live: Live) -> None:
    alice = live.user()
    r = live.api("GET", "/api/social-accounts/platforms", alice)
    assert r.status_code == 200
    items = {p["platform"]: p for p in r.json()["items"]}
    assert set(items) == set(PLATFORMS)
    assert all(p["sandbox"] for p in items.values())
    assert items["instagram"]["capabilities"]["requires_media"] is True
    assert items["twitter"]["display_name"] == "X (Twitter)"
