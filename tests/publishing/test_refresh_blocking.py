"""A token refresh waiting on a slow platform must not block the rest of the app's writes."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from socialflow.accounts.tokens import call_with_fresh_tokens
from socialflow.core.clock import utcnow
from socialflow.models import SocialAccount
from tests.publishing.conftest import Live


def test_slow_refresh_does_not_hold_the_database(live: Live) -> None:
    if live.ctx.db.engine.dialect.name != "sqlite":
        pytest.skip("on PostgreSQL the refresh locks only the account's row")
    who = live.user("slow@example.com")
    account_id = uuid.UUID(live.connect(who, "twitter"))
    with live.ctx.db.session() as s:  # the stored token has expired: the next call refreshes
        s.execute(update(SocialAccount).values(token_expires_at=utcnow() - timedelta(minutes=1)))
    live.fault("twitter", "latency", times=1, path="/2/oauth2/token", seconds=2.0)
    done = threading.Event()

    def refresh() -> None:
        call_with_fresh_tokens(live.ctx, account_id, lambda tokens: tokens.access_token)
        done.set()

    worker = threading.Thread(target=refresh)
    worker.start()
    try:
        assert not done.wait(0.3)  # the refresh is waiting on the platform
        r = live.http.post(
            "/api/posts",
            headers=who["headers"],
            json={
                "content": "written while a refresh waits",
                "social_account_ids": [str(account_id)],
            },
        )
        assert r.status_code == 201
        assert not done.is_set(), "the write had to wait for the refresh to finish"
    finally:
        worker.join(timeout=10)
    assert done.is_set()
