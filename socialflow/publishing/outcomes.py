"""Recording what happened to a platform post: each outcome is one commit.

Every write is conditional on the row still being in the attempt that produced the outcome,
so a late answer cannot overwrite a newer state — except `published`, which is the truth
whenever it arrives (a slow platform answering after the lease expired still posted).
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.orm import Session

from socialflow.core import metrics
from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected, after_commit, insert_rows
from socialflow.models import (
    PlatformPost,
    Post,
    PublishAttempt,
    ScheduledJob,
    SocialAccount,
    UsageLog,
)
from socialflow.notifications import service as notifications
from socialflow.platforms.base import Published
from socialflow.posts.lifecycle import derived
from socialflow.publishing import parts
from socialflow.publishing.backoff import backoff
from socialflow.publishing.taken import Taken

log = logging.getLogger("socialflow.outcomes")

# When to fetch a published post's numbers (analytics); the database is the schedule.
METRIC_OFFSETS = {
    "1h": timedelta(hours=1),
    "24h": timedelta(days=1),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}
MAX_RATE_LIMITED = 20
# `published` is the truth whenever it arrives: from any state but a final one.
PUBLISHED_FROM = ("publishing", "processing", "unknown", "retry_wait", "queued")


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
    changed = affected(
        session.execute(
            update(PlatformPost)
            .where(*conditions)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    )
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
    refresh_posts(session, [taken.post_id], now)
    return session


def table_of(model: type[Any]) -> Table:
    """A model's table, for plain (non-ORM) statements on the hot path."""
    table: Table = model.__table__
    return table


def refresh_posts(
    session: Session, post_ids: Iterable[uuid.UUID], now: datetime
) -> dict[uuid.UUID, datetime | None]:
    """Derive each post's status from its rows; returns {post id: its scheduled time}.

    The posts are locked before their rows are read (two targets finishing at once must not
    both derive the status from a snapshot missing the other's outcome), in id order, so
    transactions touching several posts cannot deadlock on each other.
    """
    ids = sorted(set(post_ids))
    posts_t, pp = table_of(Post), table_of(PlatformPost)
    posts = session.execute(
        select(posts_t.c.id, posts_t.c.scheduled_for)
        .where(posts_t.c.id.in_(ids))
        .order_by(posts_t.c.id)
        .with_for_update()
    ).all()
    if not posts:
        return {}
    targets: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for row in session.execute(
        select(pp.c.post_id, pp.c.status, pp.c.published_at).where(
            pp.c.post_id.in_([p.id for p in posts])
        )
    ):
        targets[row.post_id].append(row)
    changes = []
    for post in posts:
        status, published_at = derived(targets[post.id])
        changes.append({"b_id": post.id, "b_status": status, "b_published_at": published_at})
    session.execute(
        posts_t.update()
        .where(posts_t.c.id == bindparam("b_id"))
        .values(
            status=bindparam("b_status"), published_at=bindparam("b_published_at"), updated_at=now
        ),
        changes,
    )
    return {p.id: p.scheduled_for for p in posts}


def _done(session: Session | None) -> bool:
    if session is None:
        return False
    try:
        session.commit()
    finally:
        session.close()
    return True


def published(
    ctx: AppContext,
    taken: Taken,
    platform_post_id: str | None,
    url: str | None,
    notice: str | None = None,
) -> None:
    published_many(ctx, [(taken, Published(platform_post_id, url, notice))])


def published_many(ctx: AppContext, items: Sequence[tuple[Taken, Published]]) -> None:
    """Record platform posts that went out, in one commit: the truth whenever it arrives.

    Each row is updated from any state but a final one (a slow answer after the lease expired
    still posted); its attempt is closed; the posts' statuses are derived again; the usage
    log gets a line each and analytics a fetch schedule (1 h, 24 h, 7 d, 30 d) each. Plain
    table statements with cached SQL (executemany; multi-row VALUES were compiled anew every
    time and cost more than they saved): this is the engine's hottest write.
    """
    now = utcnow()
    pp = table_of(PlatformPost)
    with ctx.db.session() as session:
        changed = affected(
            session.execute(
                pp.update()
                # OR of equalities: an expanding IN cannot be part of an executemany.
                .where(
                    pp.c.id == bindparam("b_id"), or_(*(pp.c.status == s for s in PUBLISHED_FROM))
                )
                .values(
                    status="published",
                    platform_post_id=bindparam("b_ppid"),
                    platform_url=bindparam("b_url"),
                    published_at=now,
                    lease_expires_at=None,
                    due_at=None,
                    pending_ref=None,
                    error_code=None,
                    error_message=None,
                    updated_at=now,
                ),
                [{"b_id": t.id, "b_ppid": r.platform_post_id, "b_url": r.url} for t, r in items],
            )
        )
        applied = [taken for taken, _ in items]
        if changed != len(items):  # some rows had moved on (or the driver could not count)
            mine = set(
                session.scalars(
                    select(pp.c.id).where(
                        pp.c.id.in_([t.id for t in applied]), pp.c.published_at == now
                    )
                )
            )
            for taken in applied:
                if taken.id not in mine:
                    log.warning("outcome published for %s not applied: the row moved on", taken.id)
            applied = [t for t in applied if t.id in mine]
        attempts = table_of(PublishAttempt)
        session.execute(
            attempts.update()
            .where(
                attempts.c.id.in_([taken.attempt_id for taken, _ in items]),
                attempts.c.finished_at.is_(None),
            )
            .values(finished_at=now, outcome="published", error_code=None, error_message=None)
        )
        if not applied:
            return
        scheduled = refresh_posts(session, [taken.post_id for taken in applied], now)
        # Thread parts and first comments: made in this commit, sent once it is done.
        parts.start(ctx, session, parts.make_parts(session, applied, now))
        insert_rows(
            session,
            table_of(UsageLog),
            [
                {
                    "id": uuid.uuid4(),
                    "workspace_id": t.workspace_id,
                    "action": "post_published",
                    "platform": t.platform,
                    "quantity": 1,
                    "meta": {},
                    "created_at": now,
                }
                for t in applied
            ],
        )
        insert_rows(
            session,
            table_of(ScheduledJob),
            [
                {
                    "id": uuid.uuid4(),
                    "kind": "analytics.post_metrics",
                    "payload": {"platform_post_id": str(t.id)},
                    "dedupe_key": f"metrics:{t.id}:{label}",
                    "post_id": t.post_id,
                    "workspace_id": t.workspace_id,
                    "scheduled_for": now + offset,
                    "status": "pending",
                    "attempts": 0,
                    "created_at": now,
                    "updated_at": now,
                }
                for t in applied
                for label, offset in METRIC_OFFSETS.items()
            ],
        )
        noticed = {t.id for t in applied}
        for taken, result in items:
            if result.notice and taken.id in noticed:
                _published_with_notice(ctx, session, taken, result.notice)
        lateness = [
            (t.platform, (now - as_utc(due)).total_seconds())
            for t in applied
            if (due := scheduled.get(t.post_id)) is not None
        ]

        def observe() -> None:
            for t in applied:
                metrics.publish_outcome(t.platform, "published")
            for platform, late in lateness:
                metrics.publish_late_by(platform, late)

        after_commit(session, observe)


def _published_with_notice(ctx: AppContext, session: Session, taken: Taken, notice: str) -> None:
    """Published, but not as the user asked (e.g. YouTube kept it private): the post shows it,
    and the user is told in the app and by e-mail."""
    session.execute(
        update(PlatformPost)
        .where(PlatformPost.id == taken.id)
        .values(error_code="published_with_notice", error_message=notice)
        .execution_options(synchronize_session=False)
    )
    name = _name(taken.platform)
    notify(ctx, session, taken, "post_published_differently", f"Check your {name} post", notice)


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


def to_unknown(
    ctx: AppContext, taken: Taken, code: str, message: str, ref: dict[str, Any] | None = None
) -> None:
    """No answer to a call that may have posted: the reconciler looks (by `ref` if the
    platform had already named the post)."""
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
                "pending_ref": {"reconcile_checks": 0, **({"ref": ref} if ref else {})},
            },
            "unknown",
            # Lease recovery may have sent the row to the reconciler already, without what
            # the platform named: the ref still lets it look the post up by its own id.
            states=("publishing", "processing", "unknown") if ref else ("publishing", "processing"),
        )
    )


def notify(
    ctx: AppContext, session: Session, taken: Taken, kind: str, title: str, body: str
) -> None:
    """An in-app notice and an e-mail to the post's author and the workspace's owner and
    admins, linking to the post."""
    author = session.scalar(select(Post.created_by).where(Post.id == taken.post_id))
    notifications.notify_and_mail(
        ctx,
        session,
        taken.workspace_id,
        kind,
        title,
        body,
        f"/posts/{taken.post_id}",
        author_id=author,
    )


def _name(platform: str) -> str:
    return {"twitter": "X", "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn"}.get(
        platform, platform.title()
    )
