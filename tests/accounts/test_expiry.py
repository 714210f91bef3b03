"""Warnings before an account's access ends for good (issue 18 #9): 7 days and 1 day before,
in the app and by e-mail, once each, only where no refresh can renew it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from socialflow.accounts.expiry import warn_expiring
from socialflow.core.context import AppContext
from socialflow.models import Notification, OutboxEmail
from tests.fixtures.factories import make_account

NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)


def _user(register: Callable[..., dict[str, Any]]) -> tuple[uuid.UUID, str, dict[str, str]]:
    login = register()
    headers = {"Authorization": f"Bearer {login['access_token']}"}
    return uuid.UUID(login["user"]["id"]), login["user"]["email"], headers


def _warnings(ctx: AppContext, email: str) -> tuple[list[Notification], list[OutboxEmail]]:
    with ctx.db.session() as s:
        notes = list(
            s.scalars(select(Notification).where(Notification.kind == "account_token_expiring"))
        )
        mails = list(
            s.scalars(
                select(OutboxEmail).where(
                    OutboxEmail.to_address == email, OutboxEmail.subject.like("Reconnect%")
                )
            )
        )
    return notes, mails


def test_seven_days_then_one_day_before_once_each(
    ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    user_id, email, _ = _user(register)
    ends = NOW + timedelta(days=6, hours=20)
    account = make_account(
        ctx, user_id, "linkedin", platform_display_name="Ada Lovelace", token_expires_at=ends
    )
    assert warn_expiring(ctx, now=NOW - timedelta(days=1)) == 0  # 7 d 20 h ahead: too early
    assert warn_expiring(ctx, now=NOW) == 1
    assert warn_expiring(ctx, now=NOW + timedelta(hours=3)) == 0  # the 7-day one went out
    notes, mails = _warnings(ctx, email)
    assert [n.title for n in notes] == ["Reconnect Ada Lovelace on LinkedIn in 6 days"]
    assert notes[0].link == f"/platforms?reconnect={account}"
    assert len(mails) == 1 and f"/platforms?reconnect={account}" in mails[0].body_text
    assert "does not let it be renewed" in notes[0].body

    assert warn_expiring(ctx, now=ends - timedelta(hours=20)) == 1
    notes, mails = _warnings(ctx, email)
    assert notes[-1].title == "Reconnect Ada Lovelace on LinkedIn tomorrow"
    assert len(mails) == 2
    assert warn_expiring(ctx, now=ends + timedelta(minutes=1)) == 0  # over: the reauth flow


def test_only_platforms_whose_access_really_ends_are_warned(
    ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    user_id, email, _ = _user(register)
    soon = NOW + timedelta(days=3)
    cipher = ctx.security.cipher
    # Renewable: a refresh token with no end in sight, or a Page token that never expires.
    make_account(ctx, user_id, "twitter", token_expires_at=soon, refresh_token=cipher.encrypt("r"))
    make_account(ctx, user_id, "facebook", token_expires_at=soon)
    # Ends for good: TikTok's refresh token lifetime, Instagram's 60-day user token.
    make_account(
        ctx,
        user_id,
        "tiktok",
        token_expires_at=NOW + timedelta(hours=2),
        refresh_token=cipher.encrypt("r"),
        refresh_expires_at=soon,
    )
    make_account(ctx, user_id, "instagram", token_expires_at=soon)
    assert warn_expiring(ctx, now=NOW) == 2
    notes, _ = _warnings(ctx, email)
    assert sorted(n.title.split(" on ")[1] for n in notes) == [
        "Instagram in 3 days",
        "TikTok in 3 days",
    ]


def test_the_accounts_list_says_when_access_ends(
    client: TestClient, ctx: AppContext, register: Callable[..., dict[str, Any]]
) -> None:
    user_id, _, headers = _user(register)
    ends = NOW + timedelta(days=30)
    make_account(ctx, user_id, "linkedin", token_expires_at=ends)
    (account,) = client.get("/api/social-accounts", headers=headers).json()["items"]
    assert datetime.fromisoformat(account["access_ends_at"]).replace(tzinfo=UTC) == ends
