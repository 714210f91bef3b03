"""The token service: refresh on AuthExpired exactly once for many callers, proactive refresh,
and what a refused refresh does (needs_reauth, notification, e-mail)."""

from __future__ import annotations

import multiprocessing
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from socialflow.accounts import tokens as token_service
from socialflow.accounts.tokens import call_with_fresh_tokens, store_tokens, tokens_for
from socialflow.core.clock import utcnow
from socialflow.core.config import Settings
from socialflow.core.context import AppContext
from socialflow.models import Notification, OutboxEmail, SocialAccount
from socialflow.platforms.base import Disconnected, TokenSet
from socialflow.platforms.registry import get_connector
from tests.accounts.conftest import Live

TOKEN_PATH = "POST /sandbox/twitter/2/oauth2/token"
ME_PATH = "GET /sandbox/twitter/2/users/me"


def _row(live: Live, account_id: str) -> SocialAccount:
    with live.ctx.db.read_sessions() as session:
        account = session.get(SocialAccount, uuid.UUID(account_id))
        assert account is not None
        return account


def _expire_access_token(live: Live, account_id: str, *, stored_expiry_in_future: bool) -> str:
    """Replace the stored access token by one the emulator considers expired (as if two hours
    had passed); returns it. The stored expiry can be left in the future, so only the
    platform's 401 reveals it."""
    with live.ctx.db.session() as session:
        account = session.get(SocialAccount, uuid.UUID(account_id))
        assert account is not None
        current = tokens_for(live.ctx, session, account)
        claims = live.store.verify("twitter", "access", current.access_token)
        assert claims is not None
        expired = live.store.issue(
            "twitter",
            "access",
            claims["s"],
            -10,
            scope=claims["scope"],
            g=claims["g"],
            iat=claims["iat"],
        )
        current.access_token = expired
        current.expires_at = (
            utcnow() + timedelta(hours=1)
            if stored_expiry_in_future
            else utcnow() - timedelta(seconds=10)
        )
        store_tokens(live.ctx, account, current)
    return expired


def test_fifty_callers_one_refresh(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_busy").account_id
    expired = _expire_access_token(live, account_id, stored_expiry_in_future=True)
    refreshes_before = live.hits[TOKEN_PATH]
    connector = get_connector(live.ctx.settings, "twitter")
    used: list[str] = []

    def who_am_i(tokens: TokenSet) -> str:
        used.append(tokens.access_token)
        return connector.identity(tokens).username or ""

    def call(_: int) -> str:
        return call_with_fresh_tokens(live.ctx, uuid.UUID(account_id), who_am_i)

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(call, range(50)))

    assert results == ["sf_busy"] * 50
    assert live.hits[TOKEN_PATH] - refreshes_before == 1  # exactly one refresh reached X
    fresh = tokens_for(live.ctx, None, _row(live, account_id))
    assert fresh.access_token != expired
    assert set(used) == {expired, fresh.access_token}
    assert used.count(fresh.access_token) == 50  # every caller retried with the new token


def test_expired_token_is_refreshed_before_use(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_early").account_id
    expired = _expire_access_token(live, account_id, stored_expiry_in_future=False)
    me_before, token_before = live.hits[ME_PATH], live.hits[TOKEN_PATH]
    connector = get_connector(live.ctx.settings, "twitter")
    with ThreadPoolExecutor(max_workers=10) as pool:
        names = list(
            pool.map(
                lambda _: call_with_fresh_tokens(
                    live.ctx, uuid.UUID(account_id), lambda t: connector.identity(t).username
                ),
                range(10),
            )
        )
    assert names == ["sf_early"] * 10
    assert live.hits[TOKEN_PATH] - token_before == 1
    assert live.hits[ME_PATH] - me_before == 10  # no call was wasted on the expired token
    fresh = tokens_for(live.ctx, None, _row(live, account_id))
    assert fresh.access_token != expired
    # What connect learned from the identity call is kept with the tokens, across a refresh.
    assert fresh.extra.get("user_id") and fresh.extra.get("username") == "sf_early"


def test_refresh_done_by_another_process_is_reused(live: Live) -> None:
    """A caller whose token was already replaced in the database does not refresh again."""
    alice = live.user()
    account_id = live.connect(alice, "tiktok", "sf_other").account_id
    stale = tokens_for(live.ctx, None, _row(live, account_id)).access_token
    first = token_service.refresh_account(live.ctx, uuid.UUID(account_id), stale)
    token_service._flights.clear()  # as if the refresh had happened in another process
    before = live.hits["POST /sandbox/tiktok/v2/oauth/token/"]
    second = token_service.refresh_account(live.ctx, uuid.UUID(account_id), stale)
    assert second.access_token == first.access_token
    assert live.hits["POST /sandbox/tiktok/v2/oauth/token/"] == before


def test_refused_refresh_flags_the_account_once(live: Live) -> None:
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_dead").account_id
    _expire_access_token(live, account_id, stored_expiry_in_future=True)
    live.http.post(
        "/sandbox/_admin/revoke",
        params={"platform": "twitter", "user_id": _row(live, account_id).platform_user_id},
    ).raise_for_status()
    connector = get_connector(live.ctx.settings, "twitter")
    for _ in range(2):
        with pytest.raises(Disconnected):
            call_with_fresh_tokens(live.ctx, uuid.UUID(account_id), connector.identity)
    row = _row(live, account_id)
    assert row.status == "needs_reauth" and row.status_reason
    with live.ctx.db.read_sessions() as session:
        notes = session.scalars(select(Notification)).all()
        mails = session.scalars(
            select(OutboxEmail).where(OutboxEmail.subject.like("Reconnect your%"))
        ).all()
    assert [n.kind for n in notes] == ["account_needs_reauth"]
    assert notes[0].link == "/platforms" and "X (Twitter)" in notes[0].title
    assert [m.to_address for m in mails] == [alice["user"]["email"]]
    # The second call did not bother the platform: the account is known to need the user.
    token_calls = live.hits[TOKEN_PATH]
    with pytest.raises(Disconnected):
        call_with_fresh_tokens(live.ctx, uuid.UUID(account_id), connector.identity)
    assert live.hits[TOKEN_PATH] == token_calls


def test_proactive_refresh_tick(live: Live) -> None:
    alice = live.user()
    soon = live.connect(alice, "tiktok", "sf_soon").account_id
    later = live.connect(alice, "youtube", "sf_later").account_id
    with live.ctx.db.session() as session:
        session.execute(
            update(SocialAccount)
            .where(SocialAccount.id == uuid.UUID(soon))
            .values(token_expires_at=utcnow() + timedelta(minutes=10))
        )
    before_soon = tokens_for(live.ctx, None, _row(live, soon))
    before_later = tokens_for(live.ctx, None, _row(live, later))
    live.runner.tick("accounts.refresh_expiring")
    after_soon = tokens_for(live.ctx, None, _row(live, soon))
    assert after_soon.access_token != before_soon.access_token
    assert after_soon.refresh_token != before_soon.refresh_token  # TikTok rotates
    assert after_soon.expires_at and after_soon.expires_at > utcnow() + timedelta(hours=1)
    assert tokens_for(live.ctx, None, _row(live, later)).access_token == before_later.access_token

    # Accounts that need re-auth are left alone.
    with live.ctx.db.session() as session:
        session.execute(
            update(SocialAccount)
            .where(SocialAccount.id == uuid.UUID(soon))
            .values(status="needs_reauth", token_expires_at=utcnow())
        )
    calls = live.hits["POST /sandbox/tiktok/v2/oauth/token/"]
    live.runner.tick("accounts.refresh_expiring")
    assert live.hits["POST /sandbox/tiktok/v2/oauth/token/"] == calls


def _process_callers(settings_data: dict[str, Any], account_id: str, threads: int) -> list[str]:
    """One worker process: its own app context and pool, `threads` concurrent callers."""
    settings = Settings(_env_file=None, **settings_data)  # type: ignore[call-arg]
    ctx = AppContext.build(settings)
    connector = get_connector(settings, "twitter")
    try:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            return list(
                pool.map(
                    lambda _: call_with_fresh_tokens(
                        ctx, uuid.UUID(account_id), lambda t: connector.identity(t).username or ""
                    ),
                    range(threads),
                )
            )
    finally:
        ctx.db.dispose()


def test_processes_share_one_refresh(live: Live) -> None:
    """4 processes x 10 threads, token expired at the platform: one refresh reaches X."""
    alice = live.user()
    account_id = live.connect(alice, "twitter", "sf_procs").account_id
    _expire_access_token(live, account_id, stored_expiry_in_future=True)
    before = live.hits[TOKEN_PATH]
    data = live.ctx.settings.model_dump()
    data["secret_key"] = live.ctx.settings.signing_key
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=4, mp_context=spawn) as pool:
        futures = [pool.submit(_process_callers, data, account_id, 10) for _ in range(4)]
        results = [name for f in futures for name in f.result(timeout=120)]
    assert results == ["sf_procs"] * 40
    assert live.hits[TOKEN_PATH] - before == 1
