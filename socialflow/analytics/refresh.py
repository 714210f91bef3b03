"""Keeping numbers fresh: the daily follower sync and a workspace's "refresh now"."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from socialflow.analytics.collect import KIND
from socialflow.analytics.schemas import RefreshOut
from socialflow.analytics.service import level_of
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.errors import TooManyRequests
from socialflow.jobs.registry import enqueue
from socialflow.models import PlatformPost, ScheduledJob, SocialAccount, UsageLog, Workspace

FOLLOWERS_EVERY = timedelta(hours=23)  # "daily", with slack for the hourly tick's timing
FOLLOWER_BATCH = 1000  # accounts per hourly tick; the rest wait for the next one
REFRESH_POSTS_DAYS = 30
REFRESH_ACTION = "analytics_refresh"


def followers_due(ctx: AppContext, now: datetime | None = None) -> int:
    """Enqueue `accounts.sync_followers` for active accounts not synced for a day."""
    now = now or utcnow()
    with ctx.db.read_sessions() as session:
        ids = list(
            session.scalars(
                select(SocialAccount.id)
                .where(
                    SocialAccount.status == "active",
                    or_(
                        SocialAccount.last_synced_at.is_(None),
                        SocialAccount.last_synced_at < now - FOLLOWERS_EVERY,
                    ),
                )
                .order_by(SocialAccount.last_synced_at.is_not(None), SocialAccount.last_synced_at)
                .limit(FOLLOWER_BATCH)
            )
        )
    for account_id in ids:
        enqueue(ctx, None, "accounts.sync_followers", account_id=str(account_id))
    return len(ids)


def refresh_now(
    ctx: AppContext, session: Session, workspace_id: uuid.UUID, now: datetime | None = None
) -> RefreshOut:
    """Sync followers of the workspace's active accounts now and, from Pro up, re-measure its
    posts of the last 30 days. Once per cooldown (5 minutes) per workspace, whichever member
    asks; 429 otherwise."""
    now = now or utcnow()
    cooldown = timedelta(seconds=ctx.settings.analytics_refresh_cooldown_seconds)
    # Serialize one workspace's refreshes: FOR UPDATE on PostgreSQL; on SQLite this write
    # transaction already holds the writer lock (BEGIN IMMEDIATE).
    session.scalar(select(Workspace.id).where(Workspace.id == workspace_id).with_for_update())
    last = session.scalar(
        select(func.max(UsageLog.created_at)).where(
            UsageLog.workspace_id == workspace_id, UsageLog.action == REFRESH_ACTION
        )
    )
    if last is not None and as_utc(last) + cooldown > now:
        wait = int((as_utc(last) + cooldown - now).total_seconds()) + 1
        raise TooManyRequests(
            f"Numbers were refreshed moments ago; try again in {wait} seconds.",
            retry_after=wait,
            code="refresh_too_soon",
        )
    session.add(UsageLog(workspace_id=workspace_id, action=REFRESH_ACTION, created_at=now))
    accounts = list(
        session.scalars(
            select(SocialAccount.id).where(
                SocialAccount.workspace_id == workspace_id, SocialAccount.status == "active"
            )
        )
    )
    for account_id in accounts:
        enqueue(ctx, session, "accounts.sync_followers", account_id=str(account_id))
    measured = 0
    if level_of(session, workspace_id) != "none":
        posts = session.execute(
            select(PlatformPost.id, PlatformPost.post_id)
            .join(SocialAccount, SocialAccount.id == PlatformPost.social_account_id)
            .where(
                PlatformPost.workspace_id == workspace_id,
                PlatformPost.status == "published",
                PlatformPost.platform_post_id.is_not(None),
                PlatformPost.published_at >= now - timedelta(days=REFRESH_POSTS_DAYS),
                SocialAccount.status == "active",
            )
        ).all()
        stamp = int(now.timestamp())
        if posts:
            session.execute(
                insert(ScheduledJob),
                [
                    {
                        "kind": KIND,
                        "payload": {"platform_post_id": str(pp_id)},
                        "dedupe_key": f"metrics:{pp_id}:now:{stamp}",
                        "post_id": post_id,
                        "workspace_id": workspace_id,
                        "scheduled_for": now,
                        "status": "pending",
                    }
                    for pp_id, post_id in posts
                ],
            )
            # Claimed and dispatched as soon as this commits, not at the next 30 s tick.
            enqueue(ctx, session, "analytics.run_due")
        measured = len(posts)
    return RefreshOut(
        follower_syncs=len(accounts), metric_fetches=measured, next_allowed_at=now + cooldown
    )
