"""Account jobs: proactive token refresh, follower counts, and clean-up of old consents."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from socialflow.accounts import expiry, oauth, service, tokens
from socialflow.core.context import AppContext
from socialflow.jobs.registry import job, periodic
from socialflow.platforms.base import PlatformError

log = logging.getLogger("socialflow.accounts.tasks")

REFRESH_WITHIN = timedelta(minutes=15)


@periodic("accounts.refresh_expiring", every=300)
def refresh_expiring(ctx: AppContext) -> float | None:
    """Refresh tokens that expire within 15 minutes, before a publish trips on them."""
    tokens.refresh_expiring(ctx, REFRESH_WITHIN)
    with ctx.db.session() as session:
        oauth.purge_states(session)
    return None


@periodic("accounts.warn_expiring", every=3600)
def warn_expiring(ctx: AppContext) -> float | None:
    """Tell users 7 days and 1 day before an account's access ends for good."""
    expiry.warn_expiring(ctx)
    return None


@job("accounts.sync_followers")
def sync_followers(ctx: AppContext, account_id: str) -> None:
    """Record the account's follower count (after a connect, and for trends)."""
    try:
        service.sync_followers(ctx, uuid.UUID(account_id))
    except PlatformError as exc:
        log.info("follower sync of %s failed: %s", account_id, exc.message)
