"""The scheduler: claims due work from the database in small batches and hands it to workers.

The database is the schedule. A claim is one short transaction (`FOR UPDATE SKIP LOCKED` on
PostgreSQL; SQLite's single writer lock does the same), marks the rows queued with a lease,
commits, and only then enqueues the jobs. Expired leases are found here and handed back:
queued rows (no call was made) become due again; publishing rows (a call may have gone out)
become unknown and go to the reconciler; processing rows are polled again.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from socialflow.core.clock import as_utc, utcnow
from socialflow.core.context import AppContext
from socialflow.core.db import affected
from socialflow.jobs.registry import enqueue
from socialflow.models import PlatformPost
from socialflow.models.posts import DUE_STATES
from socialflow.publishing import caps

log = logging.getLogger("socialflow.scheduler")


def _claim(
    session: Session, where: list[Any], order: Any, limit: int, values: dict[str, Any]
) -> list[uuid.UUID]:
    stmt = select(PlatformPost.id).where(*where).order_by(order).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    ids = list(session.scalars(stmt))
    if ids:
        session.execute(
            update(PlatformPost)
            .where(PlatformPost.id.in_(ids), *where)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    return ids


def claim_due(ctx: AppContext, now: datetime | None = None) -> list[uuid.UUID]:
    """Due rows -> queued with a lease; returns their ids (already committed).

    Rows whose account (or app) is at the platform's daily cap are held instead: their due
    time moves to when the 24-hour window frees, and the user is told once.
    """
    now = now or utcnow()
    lease = now + timedelta(seconds=ctx.settings.publish_lease_seconds)
    due = [PlatformPost.status.in_(DUE_STATES), PlatformPost.due_at <= now]
    with ctx.db.session() as session:
        stmt = (
            select(PlatformPost.id, PlatformPost.platform, PlatformPost.social_account_id)
            .where(*due)
            .order_by(PlatformPost.due_at)
            .limit(ctx.settings.claim_batch)
        )
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        candidates = session.execute(stmt).all()
        held = caps.hold_over_cap(ctx, session, candidates, now)
        ids = [c.id for c in candidates if c.id not in held]
        if ids:
            session.execute(
                update(PlatformPost)
                .where(PlatformPost.id.in_(ids), *due)
                .values(status="queued", lease_expires_at=lease, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        return ids


def claim_processing(ctx: AppContext, now: datetime | None = None) -> list[uuid.UUID]:
    """Rows waiting on the platform's media processing whose next poll is due."""
    now = now or utcnow()
    lease = now + timedelta(seconds=ctx.settings.publish_lease_seconds)
    with ctx.db.session() as session:
        return _claim(
            session,
            [PlatformPost.status == "processing", PlatformPost.lease_expires_at <= now],
            PlatformPost.lease_expires_at,
            ctx.settings.claim_batch,
            {"lease_expires_at": lease},
        )


def claim_unknown(ctx: AppContext, now: datetime | None = None) -> list[uuid.UUID]:
    """Unknown outcomes whose next reconciliation look is due."""
    now = now or utcnow()
    with ctx.db.session() as session:
        return _claim(
            session,
            [PlatformPost.status == "unknown", PlatformPost.due_at <= now],
            PlatformPost.due_at,
            ctx.settings.claim_batch,
            # Push the next look out while this one runs; the reconciler sets the real one.
            {"due_at": now + timedelta(seconds=ctx.settings.publish_lease_seconds)},
        )


def recover_leases(ctx: AppContext, now: datetime | None = None) -> tuple[int, int]:
    """Hand back work whose holder vanished. Returns (requeued, to_reconcile)."""
    now = now or utcnow()
    with ctx.db.session() as session:
        requeued = affected(
            session.execute(
                update(PlatformPost)
                .where(PlatformPost.status == "queued", PlatformPost.lease_expires_at < now)
                .values(status="pending", lease_expires_at=None, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        )
        # A publish call may have reached the platform: never retry blindly.
        unknown = affected(
            session.execute(
                update(PlatformPost)
                .where(PlatformPost.status == "publishing", PlatformPost.lease_expires_at < now)
                .values(
                    status="unknown",
                    lease_expires_at=None,
                    due_at=now,
                    error_code="worker_lost",
                    error_message=(
                        "The worker stopped while publishing; checking whether it posted."
                    ),
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        )
    if requeued or unknown:
        log.warning("lease recovery: %d requeued, %d sent to reconciliation", requeued, unknown)
    return requeued, unknown


def tick(ctx: AppContext) -> float | None:
    """One scheduler pass; asks to run again at once while there is a backlog."""
    recover_leases(ctx)
    due = claim_due(ctx)
    size = ctx.settings.publish_batch
    for start in range(0, len(due), size):
        ids = [str(pp_id) for pp_id in due[start : start + size]]
        enqueue(ctx, None, "publishing.publish", platform_post_ids=ids)
    for pp_id in claim_processing(ctx):
        enqueue(ctx, None, "publishing.check", platform_post_id=str(pp_id))
    for pp_id in claim_unknown(ctx):
        enqueue(ctx, None, "publishing.reconcile", platform_post_id=str(pp_id))
    if len(due) >= ctx.settings.claim_batch:
        return 0.0  # a backlog: claim again at once
    return until_next_due(ctx)


def until_next_due(ctx: AppContext, now: datetime | None = None) -> float:
    """Seconds until the next row falls due, at most the tick interval: a post is claimed at
    its minute, not up to a whole interval after it (one read of the due-rows index)."""
    interval = ctx.settings.scheduler_interval_seconds
    with ctx.db.read_sessions() as session:
        nxt = session.scalar(
            select(func.min(PlatformPost.due_at)).where(PlatformPost.status.in_(DUE_STATES))
        )
    if nxt is None:
        return interval
    wait = (as_utc(nxt) - (now or utcnow())).total_seconds()
    # Due already yet not claimed (another scheduler holds it): look again shortly, no spin.
    return min(interval, max(0.05, wait))
