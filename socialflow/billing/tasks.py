"""Billing ticks: retry Stripe events whose handling failed; settle lapsed subscriptions."""

from __future__ import annotations

import logging

from sqlalchemy import select

from socialflow.billing import sync, webhooks
from socialflow.core.context import AppContext
from socialflow.jobs.registry import periodic
from socialflow.models import Workspace

log = logging.getLogger("socialflow.billing.tasks")


@periodic("billing.retry_webhooks", every=60)
def retry_webhooks(ctx: AppContext) -> float | None:
    """Handle stored Stripe events that failed before, with backoff; none is dropped."""
    retried, done = webhooks.retry_unprocessed(ctx)
    if retried:
        log.info("retried %d stripe events, %d now processed", retried, done)
    return None


@periodic("billing.settle_lapsed", every=900)
def settle_lapsed(ctx: AppContext) -> float | None:
    """Cancelled plans past their end and payments past grace: Free limits, extras paused."""
    with ctx.db.read_sessions() as session:
        user_ids = session.scalars(
            select(Workspace.id).where(
                Workspace.subscription_tier != "free",
                Workspace.subscription_status.in_(("canceled", "past_due", "unpaid")),
            )
        ).all()
    for user_id in user_ids:
        with ctx.db.session() as session:
            user = session.get(Workspace, user_id)
            if user is not None:
                sync.expire(session, user)
    return None
