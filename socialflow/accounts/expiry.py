"""Warnings before a connected account's access ends and cannot be renewed (issue 18 #9).

Where a platform's access ends on a known date that no refresh can move, the user is told
7 days and 1 day before, in the app and by e-mail, with the Platforms page (one click to
reconnect) as the link:
- Instagram (Facebook Login): the long-lived user token lasts ~60 days; re-exchanging it is
  not documented to extend it. (Facebook Pages use the Page token, which does not expire.)
- LinkedIn without refresh tokens (all but approved partners): the 60-day access token.
- TikTok: the refresh token's own lifetime (180 days per the current docs, 365 earlier).
- X and YouTube end only when revoked (or Google's 7-day "Testing" refresh tokens, which it
  does not announce): no date to warn about; a failed refresh asks to reconnect at once.
Each warning is sent once per stage and per expiry date (kept in the account's `meta`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.models import SocialAccount
from socialflow.notifications.service import notify_and_mail

log = logging.getLogger("socialflow.accounts.expiry")

STAGES = (("1d", timedelta(days=1)), ("7d", timedelta(days=7)))  # nearest first
NAMES = {"twitter": "X", "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn"}


def access_ends_at(account: SocialAccount) -> datetime | None:
    """When this account stops working unless the user reconnects (None: no known date)."""
    if (account.meta or {}).get("connect_method") == "instagram_login":
        return None  # its token is renewed (refresh_access_token) before it runs out
    if account.refresh_token and account.refresh_expires_at:
        return as_utc(account.refresh_expires_at)
    if not account.refresh_token and account.token_expires_at and account.platform != "facebook":
        return as_utc(account.token_expires_at)
    return None


def due_stage(ends_at: datetime, now: datetime) -> str | None:
    """The warning due now ("7d" or "1d"), or None (too early, or already over)."""
    if ends_at <= now:
        return None
    for stage, before in STAGES:
        if ends_at - now <= before:
            return stage
    return None


def warn_expiring(ctx: AppContext, now: datetime | None = None) -> int:
    """Send the warnings that are due; returns how many were sent."""
    now = now or utcnow()
    horizon = now + STAGES[-1][1]
    sent = 0
    with ctx.db.session() as session:
        accounts = session.scalars(
            select(SocialAccount).where(
                SocialAccount.status == "active",
                or_(
                    SocialAccount.token_expires_at <= horizon,
                    SocialAccount.refresh_expires_at <= horizon,
                ),
            )
        ).all()
        for account in accounts:
            ends_at = access_ends_at(account)
            stage = due_stage(ends_at, now) if ends_at else None
            if ends_at is None or stage is None:
                continue
            key = f"{stage}:{ends_at.isoformat()}"
            warned = list((account.meta or {}).get("expiry_warnings") or [])
            if key in warned:
                continue
            _warn(ctx, session, account, ends_at, stage, now)
            account.meta = {**(account.meta or {}), "expiry_warnings": [*warned[-5:], key]}
            sent += 1
    if sent:
        log.info("sent %d account expiry warning(s)", sent)
    return sent


def _warn(
    ctx: AppContext,
    session: Session,
    account: SocialAccount,
    ends_at: datetime,
    stage: str,
    now: datetime,
) -> None:
    name = NAMES.get(account.platform, account.platform.title())
    who = account.platform_display_name or account.platform_username or "your account"
    when = "tomorrow" if stage == "1d" else f"in {max(1, (ends_at - now).days)} days"
    title = f"Reconnect {who} on {name} {when}"
    body = (
        f"{name} ends Socialflow's access to {who} on {ends_at:%d %b %Y at %H:%M} UTC and "
        "does not let it be renewed automatically. Reconnect the account on the Platforms page "
        "(one click) before then, or scheduled posts to it will fail."
    )
    notify_and_mail(
        ctx,
        session,
        account.workspace_id,
        "account_token_expiring",
        title,
        body,
        f"/platforms?reconnect={account.id}",
        author_id=account.connected_by,
    )
