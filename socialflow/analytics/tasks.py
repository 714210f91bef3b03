"""Analytics jobs: due metric fetches (batched per account) and the daily follower sync.

Follower counts themselves are fetched by `accounts.sync_followers` (the accounts domain owns
that call); analytics only decides when each account is due.
"""

from __future__ import annotations

from socialflow.analytics import collect, refresh
from socialflow.core.context import AppContext
from socialflow.jobs.registry import job, periodic


@periodic("analytics.due_jobs", every=30)
def due_jobs(ctx: AppContext) -> float | None:
    """Claim due metric fetches and enqueue one job per account."""
    return collect.tick(ctx)


@job("analytics.run_due")
def run_due(ctx: AppContext) -> None:
    """The same claim, right away (after "refresh now")."""
    collect.tick(ctx)


@job("analytics.post_metrics")
def post_metrics(ctx: AppContext, job_ids: list[str]) -> None:
    """Fetch and store the numbers of these claimed scheduled_jobs rows."""
    collect.fetch(ctx, job_ids)


@periodic("analytics.followers_daily", every=3600)
def followers_daily(ctx: AppContext) -> float | None:
    """Enqueue a follower sync for each active account not synced in the last day."""
    refresh.followers_due(ctx)
    return None
