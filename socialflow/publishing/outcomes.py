"""Recording what happened to a platform post: each outcome is one commit.

Every write is conditional on the row still being in the attempt that produced the outcome,
so a late answer cannot overwrite a newer state — except `published`, which is the truth
whenever it arrives (a slow platform answering after the lease expired still posted).
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from socialflow.core import metrics
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import after_commit
from socialflow.models import (
    Notification,
    PlatformPost,
    Post,
    PublishAttempt,
    ScheduledJob,
    SocialAccount,
    UsageLog,
    User,
)
from socialflow.posts.lifecycle import refresh_status

if TYPE_CHECKING:
    from socialflow.publishing.publisher import Taken

log = logging.getLogger("socialflow.outcomes")

# When to fetch a published post's numbers (analytics); the database is the schedule.
METRIC_OFFSETS = {
    "1h": timedelta(hours=1),
    "24h": timedelta(days=1),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}
MAX_RATE_LIMITED = 20


def _write(
    ctx: AppContext,
    taken: Taken,
    values: dict[str, Any],
    outcome: str,
    *,
    states: tuple[str, ...] = ("publishing", "processing"),
    match_attempt: bool = True,
) -> Session | None:
    """Conditionally update the row and close the attempt; returns the open session or None."""
    now = utcnow()
    values = {**values, "updated_at": now}
    session = ctx.db.sessions()
    conditions = [PlatformPost.id == taken.id, PlatformPost.status.in_(states)]
    if match_attempt:
        conditions.append(PlatformPost.attempts == taken.attempt_no)
    changed = session.execute(
        update(PlatformPost)
        .where(*conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    attempt = session.get(PublishAttempt, taken.attempt_id)
    if attempt is not None and attempt.finished_at is None:
        attempt.finished_at = now
        attempt.outcome = outcome
        attempt.error_code = values.get("error_code")
        attempt.error_message = values.get("error_message")
    if changed != 1:
        log.warning("outcome %s for %s not applied: the row moved on", outcome, taken.id)
        session.commit()
        session.close()
        return None
    after_commit(session, lambda: metrics.publish_outcome(taken.platform, outcome))
    # Lock the post before reading its rows: two targets finishing at once must not both
    # derive the post's status from a snapshot missing the other's outcome.
    post = session.scalar(select(Post).where(Post.id == taken.post_id).with_for_update())
    if post is not None:
        rows = session.scalars(select(PlatformPost).where(PlatformPost.post_id == post.id)).all()
        refresh_status(post, rows)
    return session


def _done(session: Session | None) -> bool:
    if session is None:
        return False
    try:
        session.commit()
    finally:
        session.close()
    return True


def published(ctx: AppContext, taken: Taken, platform_post_id: str, url: str | None) -> None:
    now = utcnow()
    session = _write(
        ctx,
        taken,
        {
            "status": "published",
            "platform_post_id": platform_post_id,
            "platform_url": url,
            "published_at": now,
            "lease_expires_at": None,
            "due_at": None,
            "pending_ref": None,
            "error_code": None,
            "error_message": None,
        },
        "published",
        states=("publishing", "processing", "unknown", "retry_wait", "queued"),
        match_attempt=False,
    )
    if session is not None:
        session.add(
            UsageLog(user_id=taken.user_id, action="post_published", platform=taken.platform)
        )
        post = session.get(Post, taken.post_id)  # loaded (and locked) by _write
        if post is not None and post.scheduled_for is not None:
            late = (now - as_utc(post.scheduled_for)).total_seconds()
            after_commit(session, lambda: metrics.publish_late_by(taken.platform, late))
        for label, offset in METRIC_OFFSETS.items():
            session.add(
                ScheduledJob(
                    kind="analytics.post_metrics",
                    payload={"platform_post_id": str(taken.id)},
                    dedupe_key=f"metrics:{taken.id}:{label}",
                    post_id=taken.post_id,
                    user_id=taken.user_id,
                    scheduled_for=now + offset,
                    status="pending",
                )
            )
    _done(session)


def processing(ctx: AppContext, taken: Taken, ref: dict[str, Any], poll_after: float) -> None:
    poll = utcnow() + timedelta(seconds=max(0.5, poll_after))
    _done(
        _write(
            ctx,
            taken,
            {"status": "processing", "pending_ref": ref, "lease_expires_at": poll},
            "pending",
        )
    )


def retry_later(
    ctx: AppContext, taken: Taken, code: str, message: str, polling: bool = False
) -> None:
    from socialflow.publishing.publisher import backoff

    delay = timedelta(seconds=backoff(ctx, taken.attempt_no))
    if polling:
        _done(
            _write(
                ctx,
                taken,
                {
                    "lease_expires_at": utcnow() + delay,
                    "error_code": code,
                    "error_message": message,
                },
                "retry",
                states=("processing",),
            )
        )
        return
    if taken.attempt_no >= ctx.settings.max_publish_attempts:
        fail(ctx, taken, code, f"Gave up after {taken.attempt_no} attempts: {message}")
        return
    _done(
        _write(
            ctx,
            taken,
            {
                "status": "retry_wait",
                "due_at": utcnow() + delay,
                "lease_expires_at": None,
                "error_code": code,
                "error_message": message,
            },
            "retry",
        )
    )


def wait_until(
    ctx: AppContext,
    taken: Taken,
    reset_at: datetime,
    code: str,
    message: str,
    polling: bool = False,
) -> None:
    """Rate limited: come back when the platform says, plus a little jitter."""
    at = max(reset_at, utcnow()) + timedelta(seconds=random.uniform(0, 2))
    if polling:
        _done(_write(ctx, taken, {"lease_expires_at": at}, "rate_limited", states=("processing",)))
        return
    if taken.attempt_no >= MAX_RATE_LIMITED:
        fail(ctx, taken, code, f"Still rate limited after {taken.attempt_no} attempts: {message}")
        return
    _done(
        _write(
            ctx,
            taken,
            {
                "status": "retry_wait",
                "due_at": at,
                "lease_expires_at": None,
                "error_code": code,
                "error_message": message,
            },
            "rate_limited",
        )
    )


def fail(
    ctx: AppContext,
    taken: Taken,
    code: str,
    message: str,
    *,
    reauth: bool = False,
    states: tuple[str, ...] = ("publishing", "processing"),
) -> None:
    session = _write(
        ctx,
        taken,
        {
            "status": "failed",
            "error_code": code[:100],
            "error_message": message,
            "lease_expires_at": None,
            "due_at": None,
            "pending_ref": None,
        },
        "rejected",
        states=states,
        match_attempt=states != ("unknown",),
    )
    if session is None:
        return
    if reauth and taken.account_id:
        account = session.get(SocialAccount, taken.account_id)
        if account is not None and account.status == "active":
            account.status, account.status_reason = "needs_reauth", message
    notify(
        ctx, session, taken, "post_failed", f"Your post to {_name(taken.platform)} failed", message
    )
    _done(session)


def to_unknown(ctx: AppContext, taken: Taken, code: str, message: str) -> None:
    first_look = utcnow() + timedelta(seconds=ctx.settings.reconcile_delays[0])
    _done(
        _write(
            ctx,
            taken,
            {
                "status": "unknown",
                "due_at": first_look,
                "lease_expires_at": None,
                "error_code": code[:100],
                "error_message": message,
                "pending_ref": {"reconcile_checks": 0},
            },
            "unknown",
        )
    )


def notify(
    ctx: AppContext, session: Session, taken: Taken, kind: str, title: str, body: str
) -> None:
    """An in-app notification and an e-mail, both linking to the post."""
    link = f"/posts/{taken.post_id}"
    session.add(Notification(user_id=taken.user_id, kind=kind, title=title, body=body, link=link))
    user = session.get(User, taken.user_id)
    if user is not None:
        ctx.mailer.send(
            session,
            user.email,
            title,
            f"{body}\n\nOpen the post: {ctx.settings.base_url}{link}\n",
            user_id=user.id,
        )


def _name(platform: str) -> str:
    return {"twitter": "X", "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn"}.get(
        platform, platform.title()
    )
