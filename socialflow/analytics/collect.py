"""Collecting numbers: due metric fetches claimed from scheduled_jobs, batched per account.

The publishing engine writes four `analytics.post_metrics` rows per published platform post
(1 h, 24 h, 7 d, 30 d after). A tick claims due rows in small batches (`FOR UPDATE SKIP LOCKED`
on PostgreSQL; SQLite's writer lock does the same), marks them running with a lease, commits,
and enqueues one job per social account, so platforms that take many ids per call (X, TikTok,
YouTube) are asked once. Every write to a row is conditional on it still being `running`:
a lease that expired and was handed to someone else is not overwritten.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from socialflow.accounts.tokens import UNUSABLE, call_with_fresh_tokens
from socialflow.analytics.metrics import METRICS, engagement_rate
from socialflow.core.clock import utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.jobs.registry import enqueue
from socialflow.models import (
    PlatformPost,
    PostAnalytics,
    PostMetricsLatest,
    ScheduledJob,
    SocialAccount,
)
from socialflow.platforms.base import (
    Disconnected,
    PlatformError,
    PostMetrics,
    RateLimited,
    Rejected,
)
from socialflow.platforms.registry import get_connector
from socialflow.publishing.backoff import backoff

log = logging.getLogger("socialflow.analytics")

KIND = "analytics.post_metrics"
# Ids per job: the connectors split further by each API's own limit (X 100, YouTube 50,
# TikTok 20); this only bounds how long one job runs.
GROUP_SIZE = 100


# --------------------------------------------------------------------------- claiming


def recover_leases(ctx: AppContext, now: datetime | None = None) -> int:
    """Running rows whose worker vanished go back to pending (a read is safe to repeat)."""
    now = now or utcnow()
    with ctx.db.session() as session:
        expired = [ScheduledJob.kind == KIND, ScheduledJob.status == "running"]
        expired.append(ScheduledJob.locked_until < now)
        gave_up = _rows(
            session,
            update(ScheduledJob)
            .where(*expired, ScheduledJob.attempts + 1 >= ctx.settings.analytics_max_attempts)
            .values(
                status="failed",
                locked_until=None,
                attempts=ScheduledJob.attempts + 1,
                error_message="The worker fetching these numbers stopped too many times.",
                updated_at=now,
            )
            .execution_options(synchronize_session=False),
        )
        back = _rows(
            session,
            update(ScheduledJob)
            .where(*expired)
            .values(
                status="pending",
                locked_until=None,
                attempts=ScheduledJob.attempts + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False),
        )
    if back or gave_up:
        log.warning("metric leases expired: %d retried, %d given up", back, gave_up)
    return back + gave_up


def _rows(session: Session, stmt: Any) -> int:
    """How many rows an UPDATE changed."""
    return affected(session.execute(stmt))


def claim_due(ctx: AppContext, now: datetime | None = None) -> list[list[str]]:
    """Due rows -> running with a lease, committed; returns job-id groups, one per account."""
    now = now or utcnow()
    lease = now + timedelta(seconds=ctx.settings.analytics_lease_seconds)
    due = [
        ScheduledJob.kind == KIND,
        ScheduledJob.status == "pending",
        ScheduledJob.scheduled_for <= now,
    ]
    with ctx.db.session() as session:
        stmt = (
            select(ScheduledJob.id, ScheduledJob.payload)
            .where(*due)
            .order_by(ScheduledJob.scheduled_for)
            .limit(ctx.settings.analytics_claim_batch)
        )
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        rows = session.execute(stmt).all()
        if not rows:
            return []
        ids = [r.id for r in rows]
        session.execute(
            update(ScheduledJob)
            .where(ScheduledJob.id.in_(ids), *due)
            .values(status="running", locked_until=lease, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        targets = {r.id: _pp_id(r.payload) for r in rows}
        accounts: dict[uuid.UUID, uuid.UUID | None] = {
            pp_id: account_id
            for pp_id, account_id in session.execute(
                select(PlatformPost.id, PlatformPost.social_account_id).where(
                    PlatformPost.id.in_([t for t in targets.values() if t is not None])
                )
            )
        }
    groups: dict[Any, list[str]] = defaultdict(list)
    for job_id, pp_id in targets.items():
        groups[accounts.get(pp_id) if pp_id else None].append(str(job_id))
    out: list[list[str]] = []
    for members in groups.values():
        out.extend(members[i : i + GROUP_SIZE] for i in range(0, len(members), GROUP_SIZE))
    return out


def _pp_id(payload: dict[str, Any] | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str((payload or {}).get("platform_post_id")))
    except ValueError:
        return None


def tick(ctx: AppContext) -> float | None:
    """Hand back lost leases, claim what is due, enqueue one job per account."""
    recover_leases(ctx)
    groups = claim_due(ctx)
    for job_ids in groups:
        enqueue(ctx, None, KIND, job_ids=job_ids)
    claimed = sum(len(g) for g in groups)
    return 0.0 if claimed >= ctx.settings.analytics_claim_batch else None


# --------------------------------------------------------------------------- fetching


def fetch(ctx: AppContext, job_ids: Iterable[str]) -> None:
    """Fetch and store numbers for these claimed rows (any mix of accounts)."""
    ids = [uuid.UUID(j) for j in job_ids]
    with ctx.db.read_sessions() as session:
        jobs = session.scalars(
            select(ScheduledJob).where(ScheduledJob.id.in_(ids), ScheduledJob.status == "running")
        ).all()
        pp_ids = {j.id: _pp_id(j.payload) for j in jobs}
        posts = {
            p.id: p
            for p in session.scalars(
                select(PlatformPost).where(
                    PlatformPost.id.in_([p for p in pp_ids.values() if p is not None])
                )
            )
        }
        account_ids = {p.social_account_id for p in posts.values() if p.social_account_id}
        accounts = {
            a.id: a
            for a in session.scalars(select(SocialAccount).where(SocialAccount.id.in_(account_ids)))
        }
    by_account: dict[uuid.UUID, list[tuple[uuid.UUID, PlatformPost]]] = defaultdict(list)
    for job in jobs:
        pp_id = pp_ids[job.id]
        post = posts.get(pp_id) if pp_id else None
        if post is None:
            _finish(ctx, [job.id], "failed", "The post no longer exists.")
        elif post.status != "published" or not post.platform_post_id:
            _finish(ctx, [job.id], "failed", f"The post is {post.status}, not published.")
        elif post.social_account_id is None or post.social_account_id not in accounts:
            _finish(ctx, [job.id], "failed", "The account was disconnected.")
        else:
            by_account[post.social_account_id].append((job.id, post))
    for account_id, items in by_account.items():
        _fetch_account(ctx, accounts[account_id], items)


def _fetch_account(
    ctx: AppContext, account: SocialAccount, items: list[tuple[uuid.UUID, PlatformPost]]
) -> None:
    job_ids = [job_id for job_id, _ in items]
    if account.status in UNUSABLE or account.status == "paused":
        # Skipped, not retried: a needs_reauth/revoked account is already flagged for its
        # workspace; a paused one (over the plan's limit) is not ours to use.
        reason = account.status_reason or f"The account is {account.status.replace('_', ' ')}."
        _finish(ctx, job_ids, "failed", f"Skipped: {reason}")
        return
    connector = get_connector(ctx.settings, account.platform)
    wanted = [post.platform_post_id or "" for _, post in items]
    try:
        found = call_with_fresh_tokens(
            ctx, account.id, lambda tokens: connector.post_metrics(tokens, wanted)
        )
    except RateLimited as exc:
        at = max(exc.reset_at, utcnow()) + timedelta(seconds=random.uniform(0, 5))
        _reschedule(ctx, job_ids, at, f"Rate limited by the platform until {at:%H:%M} UTC.")
        return
    except (Disconnected, Rejected) as exc:
        # Disconnected: call_with_fresh_tokens has flagged the account (needs_reauth) and told
        # its workspace. Rejected: a permanent refusal, e.g. LinkedIn without r_member_social.
        _finish(ctx, job_ids, "failed", f"Skipped: {exc.message}")
        return
    except PlatformError as exc:  # Transient, or AuthExpired again right after a refresh
        _retry(ctx, job_ids, exc.message)
        return
    except Exception as exc:
        log.exception("metrics fetch for account %s crashed", account.id)
        _retry(ctx, job_ids, f"Internal error ({type(exc).__name__}).")
        return
    finally:
        connector.http.client.close()
    _store(ctx, items, {m.platform_post_id: m for m in found})


def _store(
    ctx: AppContext, items: list[tuple[uuid.UUID, PlatformPost]], found: dict[str, PostMetrics]
) -> None:
    now = utcnow()
    done: list[uuid.UUID] = []
    missing: list[uuid.UUID] = []
    with ctx.db.session() as session:
        stored: set[uuid.UUID] = set()
        for job_id, post in items:
            metrics = found.get(post.platform_post_id or "")
            if metrics is None:
                missing.append(job_id)
                continue
            if post.id not in stored:  # the same post due twice in one batch: one snapshot
                numbers = {name: getattr(metrics, name) for name in METRICS}
                published_at = post.published_at or now
                record(
                    session, post.id, post.workspace_id, post.platform, published_at, numbers, now
                )
                stored.add(post.id)
            done.append(job_id)
        _set(session, done, "done", None, now)
        _set(
            session,
            missing,
            "failed",
            "The platform returned no numbers for this post (deleted, or private).",
            now,
        )


def record(
    session: Session,
    platform_post_id: uuid.UUID,
    workspace_id: uuid.UUID,
    platform: str,
    published_at: datetime,
    numbers: dict[str, int | None],
    at: datetime,
) -> PostAnalytics:
    """Add a snapshot and move the post's latest numbers to it (unless a newer one is there).

    Numbers the platform does not report (None) are stored as 0.
    """
    values = {name: int(numbers.get(name) or 0) for name in METRICS}
    snap = PostAnalytics(
        platform_post_id=platform_post_id,
        workspace_id=workspace_id,
        platform=platform,
        engagement_rate=engagement_rate(
            values["likes"],
            values["comments"],
            values["shares"],
            values["clicks"],
            values["impressions"],
        ),
        fetched_at=at,
        **values,
    )
    session.add(snap)
    upsert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = upsert(PostMetricsLatest).values(
        platform_post_id=platform_post_id,
        workspace_id=workspace_id,
        platform=platform,
        published_at=published_at,
        fetched_at=at,
        **values,
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=[PostMetricsLatest.platform_post_id],
            set_={name: stmt.excluded[name] for name in (*METRICS, "fetched_at")},
            where=PostMetricsLatest.fetched_at <= stmt.excluded.fetched_at,
        )
    )
    return snap


# --------------------------------------------------------------------------- row outcomes


def _set(
    session: Session, ids: list[uuid.UUID], status: str, message: str | None, now: datetime
) -> None:
    if not ids:
        return
    session.execute(
        update(ScheduledJob)
        .where(ScheduledJob.id.in_(ids), ScheduledJob.status == "running")
        .values(status=status, locked_until=None, error_message=message, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def _finish(ctx: AppContext, ids: list[uuid.UUID], status: str, message: str | None) -> None:
    with ctx.db.session() as session:
        _set(session, ids, status, message, utcnow())


def _reschedule(ctx: AppContext, ids: list[uuid.UUID], at: datetime, message: str) -> None:
    """Back to pending at `at`; a rate limit is not a failure and costs no attempt."""
    with ctx.db.session() as session:
        session.execute(
            update(ScheduledJob)
            .where(ScheduledJob.id.in_(ids), ScheduledJob.status == "running")
            .values(
                status="pending",
                scheduled_for=at,
                locked_until=None,
                error_message=message,
                updated_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        )


def _retry(ctx: AppContext, ids: list[uuid.UUID], message: str) -> None:
    """A temporary failure: again after an exponential backoff, until the attempts run out."""
    now = utcnow()
    limit = ctx.settings.analytics_max_attempts
    with ctx.db.session() as session:
        rows = session.execute(
            select(ScheduledJob.id, ScheduledJob.attempts).where(
                ScheduledJob.id.in_(ids), ScheduledJob.status == "running"
            )
        ).all()
        for job_id, attempts in rows:
            attempt = attempts + 1
            values: dict[str, Any] = {"attempts": attempt, "locked_until": None, "updated_at": now}
            if attempt >= limit:
                values.update(status="failed", error_message=f"Gave up after {attempt}: {message}")
            else:
                at = now + timedelta(seconds=backoff(ctx, attempt))
                values.update(status="pending", scheduled_for=at, error_message=message)
            session.execute(
                update(ScheduledJob)
                .where(ScheduledJob.id == job_id, ScheduledJob.status == "running")
                .values(**values)
                .execution_options(synchronize_session=False)
            )
